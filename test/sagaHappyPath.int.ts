import { createFixtures, eventually, type Fixtures } from './support/fixtures';

describe('happy path: order → reserve → charge → confirm → reward', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await createFixtures();
  });
  afterAll(() => fx.cleanup());

  it('confirms the order, sells the stock, records one payment, awards points and completes the saga', async () => {
    const productId = await fx.seedProduct({ unitPriceCents: 1250, stock: 10 });
    const customerId = await fx.seedAccount(100_000);

    const created = await fx.api.placeOrder({ customerId, items: [{ productId, quantity: 3 }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'PENDING', customerId, totalCents: 3750, currency: 'USD' });
    const orderId = String(created.body.orderId);
    fx.trackOrder(orderId, String(created.body.sagaId));

    const order = await fx.api.waitForTerminal(orderId);
    expect(order.status).toBe('CONFIRMED');
    expect(order.reason).toBeUndefined();

    // Inventory turns the reservation into a sale when it sees order.confirmed (asynchronously).
    const stock = await eventually(
      () => fx.stock(productId),
      (row) => row?.sold === 3,
    );
    expect(stock).toMatchObject({ available: 7, reserved: 0, sold: 3 });
    expect(await fx.reservation(orderId)).toMatchObject({ status: 'COMMITTED' });
    expect(await fx.payment(orderId)).toMatchObject({ status: 'SUCCEEDED', amountCents: 3750, customerId });
    expect(await fx.account(customerId)).toMatchObject({ balanceCents: 100_000 - 3750 });

    // Rewards runs after confirmation: wait for it rather than racing it.
    const balance = await eventually(
      () => fx.points(customerId),
      (row) => row !== undefined,
    );
    expect(balance).toMatchObject({ points: 37, awards: 1 });
    expect(await fx.award(orderId)).toMatchObject({ points: 37, customerId });

    await fx.api.waitForSettledSaga(orderId);
    const saga = await fx.api.getSaga(orderId);
    expect(saga.status).toBe(200);
    expect(saga.body).toMatchObject({
      orderId,
      status: 'COMPLETED',
      currentStep: 'CONFIRMED',
      compensationRequired: false,
      steps: {
        created: { status: 'SUCCESS' },
        inventoryReservation: { status: 'SUCCESS' },
        paymentProcessing: { status: 'SUCCESS' },
        confirmation: { status: 'SUCCESS' },
      },
    });
    expect((saga.body.steps as Record<string, unknown>).compensation).toBeUndefined();

    // Every event of the saga went through an outbox and was published.
    const outbox = await eventually(
      () => fx.sagaOutboxItems(orderId),
      (items) => items.length === 4 && items.every((item) => item.status === 'PUBLISHED'),
    );
    expect(outbox.map((item) => item.eventType).sort()).toEqual(
      ['inventory.reserved', 'order.confirmed', 'order.created', 'payment.succeeded'].sort(),
    );
  });
});
