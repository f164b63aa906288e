import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createFixtures, type Fixtures } from './support/fixtures';

/** 30 clients, one key: however their requests interleave, one order and one saga exist. */
const CONCURRENT = 30;
/** A 409 asks to retry after Retry-After; bounded so a stuck key fails the test instead of hanging. */
const MAX_ATTEMPTS = 10;
const TEST_TIMEOUT_MS = 200_000;

describe('idempotent POST /orders', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    await fx.cleanup();
  });

  const ordersOf = async (customerId: string) => {
    const { Count = 0 } = await fx.dynamo.send(
      new ScanCommand({
        TableName: fx.deployment.tables.orders,
        ConsistentRead: true,
        FilterExpression: 'customerId = :c',
        ExpressionAttributeValues: { ':c': { S: customerId } },
        Select: 'COUNT',
      }),
    );
    return Count;
  };

  const sagasOf = async (orderId: string) => {
    const { Count = 0 } = await fx.dynamo.send(
      new QueryCommand({
        TableName: fx.deployment.tables.sagaStates,
        IndexName: 'OrderIdIndex',
        KeyConditionExpression: 'orderId = :o',
        ExpressionAttributeValues: { ':o': { S: orderId } },
        Select: 'COUNT',
      }),
    );
    return Count;
  };

  it(
    `${CONCURRENT} concurrent requests with one key make one order; a retry replays it; another body is refused`,
    async () => {
      const productId = await fx.seedProduct({ unitPriceCents: 700, stock: 100 });
      const customerId = await fx.seedAccount(100_000);
      const order = { customerId, items: [{ productId, quantity: 1 }] };
      const idempotencyKey = fx.unique('it-key');

      /** Any answer but 201 or 409, with its body, so a failure names what the API said. */
      const unexpected: { status: number; body: unknown }[] = [];
      /** A client that honours 409 + Retry-After, as the API asks. */
      const placeUntilAnswered = async () => {
        const statuses: number[] = [];
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          const response = await fx.api.placeOrder(order, { idempotencyKey });
          statuses.push(response.status);
          if (response.status !== 201 && response.status !== 409) {
            unexpected.push({ status: response.status, body: response.body });
          }
          if (response.status !== 409) return { response, statuses };
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
          await new Promise((resolve) => setTimeout(resolve, Number(response.headers['retry-after']) * 1000));
        }
        throw new Error(`still 409 after ${MAX_ATTEMPTS} attempts`);
      };
      const answers = await Promise.all(Array.from({ length: CONCURRENT }, placeUntilAnswered));

      expect(unexpected).toEqual([]);
      const statuses = answers.flatMap((answer) => answer.statuses);
      const bodies = answers.map(({ response }) => response.body);
      const first = bodies[0] ?? {};
      const orderId = String(first.orderId);
      fx.trackOrder(orderId, String(first.sagaId));
      for (const body of bodies) expect(body).toEqual(first);
      // Exactly one answer created it; every other 201 is marked as a replay.
      const fresh = answers.filter(({ response }) => response.headers['idempotent-replayed'] !== 'true');
      expect(fresh).toHaveLength(1);
      console.log(
        `${CONCURRENT} clients, one key: ${statuses.filter((s) => s === 201).length} × 201 (${CONCURRENT - 1} replayed), ${statuses.filter((s) => s === 409).length} × 409`,
      );

      expect(await ordersOf(customerId)).toBe(1);
      expect(await sagasOf(orderId)).toBe(1);
      const created = (await fx.sagaOutboxItems(orderId)).filter(
        (item) => item.eventType === 'order.created',
      );
      expect(created).toHaveLength(1);

      // A retry once the saga has ended: the original 201, not the order's current state.
      expect(['CONFIRMED', 'CANCELLED']).toContain((await fx.api.waitForTerminal(orderId, 120_000)).status);
      const retry = await fx.api.placeOrder(order, { idempotencyKey });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first);
      expect(retry.headers['idempotent-replayed']).toBe('true');

      // The same key with another body: 422, nothing written.
      const other = await fx.api.placeOrder(
        { ...order, items: [{ productId, quantity: 2 }] },
        { idempotencyKey },
      );
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ error: 'IdempotencyKeyMismatchError' });
      expect(await ordersOf(customerId)).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it('refuses a malformed key with 400 naming the problem, and writes nothing', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 700, stock: 10 });
    const customerId = await fx.seedAccount(100_000);
    const order = { customerId, items: [{ productId, quantity: 1 }] };

    const tooLong = await fx.api.placeOrder(order, { idempotencyKey: 'k'.repeat(256) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toBe('Idempotency-Key: must be 1 to 255 characters, got 256');
    expect(await ordersOf(customerId)).toBe(0);
  });
});
