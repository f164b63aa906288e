import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createFixtures, type Fixtures } from './support/fixtures';

describe('bad HTTP input gets a 4xx naming the problem, and nothing is written', () => {
  let fx: Fixtures;
  let productId: string;
  const orderCount = async () =>
    (await fx.dynamo.send(new ScanCommand({ TableName: fx.deployment.tables.orders, Select: 'COUNT' })))
      .Count;

  beforeAll(async () => {
    fx = await createFixtures();
    productId = await fx.seedProduct({ unitPriceCents: 100, stock: 1 });
  });
  afterAll(() => fx.cleanup());

  it.each([
    ['invalid JSON', '{"customerId":', 'not valid JSON'],
    ['missing customerId', JSON.stringify({ items: [{ productId: 'x', quantity: 1 }] }), 'customerId'],
    ['empty items', JSON.stringify({ customerId: 'c', items: [] }), 'items'],
    [
      'quantity 0',
      JSON.stringify({ customerId: 'c', items: [{ productId: 'x', quantity: 0 }] }),
      'items.0.quantity',
    ],
    [
      'fractional quantity',
      JSON.stringify({ customerId: 'c', items: [{ productId: 'x', quantity: 1.5 }] }),
      'items.0.quantity',
    ],
    [
      'unknown field',
      JSON.stringify({ customerId: 'c', items: [{ productId: 'x', quantity: 1 }], price: 1 }),
      'price',
    ],
  ])('%s → 400', async (_name, body, mentioned) => {
    const before = await orderCount();
    const response = await fx.api.postRaw(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(String(response.body.message)).toContain(mentioned);
    expect(await orderCount()).toBe(before);
  });

  it('unknown product → 400 naming it, nothing written', async () => {
    const before = await orderCount();
    const response = await fx.api.placeOrder({
      customerId: 'c',
      items: [
        { productId, quantity: 1 },
        { productId: 'no-such-product', quantity: 1 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Unknown product: no-such-product');
    expect(await orderCount()).toBe(before);
  });

  it('GET of an unknown order → 404, of a malformed id → 400', async () => {
    const unknown = await fx.api.getOrder('ord-00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    const malformed = await fx.api.getOrder('not-an-order');
    expect(malformed.status).toBe(400);
    expect((await fx.api.getSaga('ord-00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});
