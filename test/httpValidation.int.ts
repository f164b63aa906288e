import { paginateScan } from '@aws-sdk/client-dynamodb';
import { createFixtures, type Fixtures } from './support/fixtures';

describe('bad HTTP input gets a 4xx naming the problem, and nothing is written', () => {
  let fx: Fixtures;
  let productId: string;
  /**
   * Every item of the orders service's tables that mentions `marker`. Other suites write orders at
   * the same time, so "nothing written" means nothing carrying this request's own marker.
   */
  const writtenWith = async (marker: string) => {
    const { tables } = fx.deployment;
    const found: unknown[] = [];
    for (const TableName of [tables.orders, tables.sagaStates, tables.ordersOutbox, tables.requestKeys])
      for await (const page of paginateScan({ client: fx.dynamo }, { TableName }))
        found.push(...(page.Items ?? []).filter((item) => JSON.stringify(item).includes(marker)));
    return found;
  };

  beforeAll(async () => {
    fx = await createFixtures();
    productId = await fx.seedProduct({ unitPriceCents: 100, stock: 1 });
  });
  afterAll(() => fx.cleanup());

  // Each body carries a marker (as customer or product) that any item it caused to be written would hold.
  it.each([
    ['invalid JSON', (m: string) => `{"customerId":"${m}",`, 'not valid JSON'],
    [
      'missing customerId',
      (m: string) => JSON.stringify({ items: [{ productId: m, quantity: 1 }] }),
      'customerId',
    ],
    ['empty items', (m: string) => JSON.stringify({ customerId: m, items: [] }), 'items'],
    [
      'quantity 0',
      (m: string) => JSON.stringify({ customerId: m, items: [{ productId: 'x', quantity: 0 }] }),
      'items.0.quantity',
    ],
    [
      'fractional quantity',
      (m: string) => JSON.stringify({ customerId: m, items: [{ productId: 'x', quantity: 1.5 }] }),
      'items.0.quantity',
    ],
    [
      'unknown field',
      (m: string) => JSON.stringify({ customerId: m, items: [{ productId: 'x', quantity: 1 }], price: 1 }),
      'price',
    ],
  ])('%s → 400', async (_name, body, mentioned) => {
    const marker = fx.unique('it-bad-request');
    const response = await fx.api.postRaw(body(marker));
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(String(response.body.message)).toContain(mentioned);
    expect(await writtenWith(marker)).toEqual([]);
  });

  it('unknown product → 400 naming it, nothing written', async () => {
    const marker = fx.unique('it-bad-request');
    const response = await fx.api.placeOrder({
      customerId: marker,
      items: [
        { productId, quantity: 1 },
        { productId: 'no-such-product', quantity: 1 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Unknown product: no-such-product');
    expect(await writtenWith(marker)).toEqual([]);
  });

  it('GET of an unknown order → 404, of a malformed id → 400', async () => {
    const unknown = await fx.api.getOrder('ord-00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    const malformed = await fx.api.getOrder('not-an-order');
    expect(malformed.status).toBe(400);
    expect((await fx.api.getSaga('ord-00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});
