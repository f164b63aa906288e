import { setFaults } from '../scripts/lib/faultSwitch';
import { createFixtures, eventually, type Fixtures } from './support/fixtures';

/**
 * A participant that keeps crashing: the saga deadline cancels the order with reason `timeout`,
 * and once the participant recovers, compensation completes and nothing is left held or charged.
 */
describe('saga deadline', () => {
  let fx: Fixtures;
  let inventoryConsumer: string;
  beforeAll(async () => {
    fx = await createFixtures();
    inventoryConsumer = `saga-inventory-${fx.deployment.stage}-onOrderEvent`;
  });
  afterAll(async () => {
    await setFaults([inventoryConsumer], undefined);
    await fx.cleanup();
  });

  it('times out a stuck saga, compensates it, and a late redelivery changes nothing', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 900, stock: 3 });
    const customerId = await fx.seedAccount(10_000);
    await setFaults([inventoryConsumer], { crashBeforeCommit: 1 });

    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 1 }] });
    expect(created.status).toBe(201);
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));

    // Deadline 200 s on the local stage, checked every minute.
    const order = await fx.api.waitForTerminal(orderId, 330_000, 2000);
    expect(order).toMatchObject({ status: 'CANCELLED', reason: 'timeout' });

    await setFaults([inventoryConsumer], undefined);
    const saga = await eventually(
      async () => (await fx.api.getSaga(orderId)).body,
      (body) => body.status === 'COMPENSATED',
      { timeoutMs: 180_000, intervalMs: 2000 },
    );
    expect(saga).toMatchObject({ compensationRequired: true, compensationReason: 'timeout' });
    // Whichever of the redelivered order.created and the cancellation inventory saw first (a
    // tombstone, or a reservation then its release), nothing is held or charged in the end.
    expect(['VOIDED', 'RELEASED']).toContain((await fx.reservation(orderId))?.status);
    expect(['VOIDED', 'REFUNDED']).toContain((await fx.payment(orderId))?.status);
    expect(await fx.stock(productId)).toMatchObject({ available: 3, reserved: 0, sold: 0 });
    expect(await fx.account(customerId)).toMatchObject({ balanceCents: 10_000 });
    // The local deadline (200 s) plus a schedule period, then the compensation chain.
  }, 480_000);
});
