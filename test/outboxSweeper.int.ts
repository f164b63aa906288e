import { faultScope } from './support/faultPresets';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';
import { sweeperHopMs, testTimeout } from './support/waits';

/**
 * The seed's "Lambda crashes after save" scenario: the real-time relay never publishes an event,
 * and the scheduled sweeper still publishes it, so the saga completes. The relay drops only this
 * test's customer's events (a scoped fault), so suites running alongside keep the real-time path.
 */
describe('outbox sweeper safety net', () => {
  let fx: Fixtures;

  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    await fx.cleanup();
  });

  // order.created, then order.confirmed: two sweeper hops, then the consumers' work.
  const waits = { created: sweeperHopMs, confirmed: sweeperHopMs, award: 30_000 };

  it(
    'publishes an event the relay never saw, and the saga completes',
    async () => {
      const productId = await fx.seedProduct({ unitPriceCents: 700, stock: 5 });
      // The relay drops this customer's events (switched on before the suites started).
      const customerId = await fx.seedAccount(10_000, { within: faultScope('sweeper') });

      const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
      expect(created.status).toBe(201);
      const orderId = String(created.body.orderId);
      fx.trackOrder(orderId, String(created.body.sagaId));

      // The relay drops the event: it sits unpublished in the outbox and nothing moves.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const [pending] = await fx.sagaOutboxItems(orderId);
      expect(pending).toMatchObject({ eventType: 'order.created', status: 'PENDING' });
      expect((await fx.api.getOrder(orderId)).body.status).toBe('PENDING');

      // The sweeper (rate(1 minute), after its grace period) picks it up.
      const order = await fx.api.waitForTerminal(orderId, waits.created, 1000);
      expect(order.status).toBe('CONFIRMED');
      const published = await fx.outboxItem(String(pending?.eventId));
      expect(published).toMatchObject({ status: 'PUBLISHED' });
      expect(published?.pendingPartition).toBeUndefined();
      // order.confirmed is dropped by the relay too: the next sweep publishes it.
      const stock = await eventually(
        () => fx.stock(productId),
        (row) => row?.sold === 1,
        { timeoutMs: waits.confirmed },
      );
      expect(stock).toMatchObject({ available: 4, reserved: 0, sold: 1 });
      await eventually(
        () => fx.award(orderId),
        (row) => row !== undefined,
        { timeoutMs: waits.award },
      );
    },
    testTimeout(waits),
  );
});
