import { setFaults } from '../scripts/lib/faultSwitch';
import { faultedFunctions, faultScope } from './support/faultPresets';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';
import { sagaDeadlineMs, testTimeout } from './support/waits';

/**
 * A participant that keeps crashing: the saga deadline cancels the order with reason `timeout`,
 * and once the participant recovers, compensation completes and nothing is left held or charged.
 */
describe('saga deadline', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(async () => {
    await fx.cleanup();
  });

  // The deadline at its next check, then the compensation chain, which may wait for the stuck
  // order.created's redeliveries (30 s visibility each) to end before inventory answers.
  const waits = { deadline: sagaDeadlineMs, compensation: 180_000 };

  it(
    'times out a stuck saga, compensates it, and a late redelivery changes nothing',
    async () => {
      const productId = await fx.seedProduct({ unitPriceCents: 900, stock: 3 });
      // Inventory crashes on this customer's orders only (switched on before the suites started), so
      // suites running alongside are not held up.
      const scope = faultScope('deadline');
      const customerId = await fx.seedAccount(10_000, { within: scope });

      const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
      expect(created.status).toBe(201);
      const orderId = String(created.body.orderId);
      fx.trackOrder(orderId, String(created.body.sagaId));

      const order = await fx.api.waitForTerminal(orderId, waits.deadline, 2000);
      expect(order).toMatchObject({ status: 'CANCELLED', reason: 'timeout' });

      await setFaults(faultedFunctions(fx.deployment.stage, 'deadline'), scope, undefined);
      const saga = await eventually(
        async () => (await fx.api.getSaga(orderId)).body,
        (body) => body.status === 'COMPENSATED',
        { timeoutMs: waits.compensation, intervalMs: 2000 },
      );
      expect(saga).toMatchObject({ compensationRequired: true, compensationReason: 'timeout' });
      // Whichever of the redelivered order.created and the cancellation inventory saw first (a
      // tombstone, or a reservation then its release), nothing is held or charged in the end.
      expect(['VOIDED', 'RELEASED']).toContain((await fx.reservation(orderId))?.status);
      expect(['VOIDED', 'REFUNDED']).toContain((await fx.payment(orderId))?.status);
      expect(await fx.stock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 0 });
      expect(await fx.account(customerId)).toMatchObject({ balanceCents: 10_000 });
    },
    testTimeout(waits),
  );
});
