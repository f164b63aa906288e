import { createFixtures, eventually, type Fixtures } from './support/fixtures';
import { chainMs } from './support/waits';

describe('compensation', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(() => fx.cleanup());

  it('out of stock: cancels with a reason naming the product and shortfall, stock untouched, saga compensated', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 1000, stock: 2 });
    const customerId = await fx.seedAccount(100_000);

    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 5 }] });
    expect(created.status).toBe(201);
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));

    const order = await fx.api.waitForTerminal(orderId);
    expect(order.status).toBe('CANCELLED');
    expect(order.reason).toBe(
      `Inventory reservation failed: Insufficient stock: ${productId} requested 5, available 2`,
    );

    expect(await fx.stock(productId)).toMatchObject({ available: 2, reserved: 0, sold: 0 });
    expect(await fx.reservation(orderId)).toMatchObject({ status: 'REJECTED' });
    // Compensation reached payments too: a tombstone so no late charge can happen. Two hops after the
    // cancellation: order.cancelled to inventory, then inventory.released to payments.
    expect(
      await eventually(
        () => fx.payment(orderId),
        (row) => row !== undefined,
        { timeoutMs: chainMs(2) },
      ),
    ).toMatchObject({ status: 'VOIDED' });
    expect(await fx.account(customerId)).toMatchObject({ balanceCents: 100_000 });

    const saga = await eventually(
      async () => (await fx.api.getSaga(orderId)).body,
      (body) => body.status === 'COMPENSATED',
    );
    expect(saga).toMatchObject({
      currentStep: 'COMPENSATED',
      compensationRequired: true,
      compensationReason: order.reason,
      steps: {
        created: { status: 'SUCCESS' },
        inventoryReservation: { status: 'FAILED', error: expect.stringContaining(productId) },
        compensation: { status: 'SUCCESS' },
      },
    });
    const steps = saga.steps as Record<string, unknown>;
    expect(steps.paymentProcessing).toBeUndefined();
    expect(steps.confirmation).toBeUndefined();
  });

  it('payment declined: cancels, releases the reserved stock back to its initial amount, saga compensated', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 5000, stock: 4 });
    const customerId = await fx.seedAccount(100);

    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 2 }] });
    expect(created.status).toBe(201);
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));

    const order = await fx.api.waitForTerminal(orderId);
    expect(order.status).toBe('CANCELLED');
    expect(order.reason).toBe('Payment failed: Insufficient funds: balance 1.00 is below the amount 100.00');

    // Compensation of a completed step: the reservation is released.
    const stock = await eventually(
      () => fx.stock(productId),
      (row) => row?.reserved === 0,
    );
    expect(stock).toMatchObject({ available: 4, reserved: 0, sold: 0 });
    expect(await fx.reservation(orderId)).toMatchObject({ status: 'RELEASED' });
    expect(await fx.payment(orderId)).toMatchObject({ status: 'FAILED', amountCents: 10_000 });
    expect(await fx.account(customerId)).toMatchObject({ balanceCents: 100 });
    expect(await fx.award(orderId)).toBeUndefined();

    const saga = await eventually(
      async () => (await fx.api.getSaga(orderId)).body,
      (body) => body.status === 'COMPENSATED',
    );
    expect(saga).toMatchObject({
      currentStep: 'COMPENSATED',
      compensationRequired: true,
      compensationReason: order.reason,
      steps: {
        inventoryReservation: { status: 'SUCCESS' },
        paymentProcessing: { status: 'FAILED', error: expect.stringContaining('Insufficient funds') },
        compensation: { status: 'SUCCESS' },
      },
    });
  });
});
