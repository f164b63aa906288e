import { type EventData, type EventType, InvalidEventError, TransactionConflictError } from '@saga/shared';
import { buildManualClock, buildSequentialIdGenerator, buildTestEnvelope } from '@saga/shared/testing';
import type { SagaReply } from '../domain/order/SagaReply';
import { buildInMemoryCatalogueRepository } from '../testing/buildInMemoryCatalogueRepository';
import { buildInMemoryOrderStore } from '../testing/buildInMemoryOrderStore';
import { createOrder } from './createOrder';
import { handleSagaReply } from './handleSagaReply';

const CREATED_AT = '2030-01-01T12:00:00.000Z';

const setup = async () => {
  const store = buildInMemoryOrderStore();
  const clock = buildManualClock(CREATED_AT);
  const newId = buildSequentialIdGenerator();
  const { order } = await createOrder({
    store,
    catalogue: buildInMemoryCatalogueRepository([
      { productId: 'book', unitPriceCents: 1999, currency: 'USD' },
    ]),
    clock,
    newId,
  })({ customerId: 'customer-1', items: [{ productId: 'book', quantity: 2 }], requestId: 'req-1' });
  clock.advanceBy(60_000);
  const handle = handleSagaReply({ store, clock, newId: buildSequentialIdGenerator(100) });
  /** A reply about the order, occurring now. */
  const reply = <T extends SagaReply['eventType']>(eventType: T, data: Partial<EventData<T>> = {}) =>
    buildTestEnvelope(eventType as EventType, { orderId: order.orderId, ...data } as never, {
      occurredAt: clock().toISOString(),
    }) as Extract<SagaReply, { eventType: T }>;
  const storedOrder = () => store.orders.get(order.orderId);
  const storedSaga = () => store.sagas.get(order.sagaId);
  /** Events the replies produced (the outbox minus order.created). */
  const produced = () => store.outbox.slice(1);
  return { store, clock, order, handle, reply, storedOrder, storedSaga, produced };
};

describe('handleSagaReply', () => {
  it('confirms the order and emits order.confirmed when the payment succeeded', async () => {
    const { handle, reply, storedOrder, storedSaga, produced, order, clock } = await setup();
    const now = clock().toISOString();
    const paid = reply('payment.succeeded');

    await expect(handle(paid)).resolves.toBe('applied');

    expect(storedOrder()).toEqual({
      ...order,
      status: 'CONFIRMED',
      confirmedAt: now,
      updatedAt: now,
      version: 1,
    });
    expect(produced()).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000100',
        eventType: 'order.confirmed',
        source: 'saga.orders',
        occurredAt: now,
        correlationId: order.orderId,
        causationId: paid.eventId,
        schemaVersion: 1,
        data: { orderId: order.orderId, customerId: 'customer-1', totalCents: 3998, currency: 'USD' },
      },
    ]);
    expect(storedSaga()).toMatchObject({
      status: 'COMPLETED',
      currentStep: 'CONFIRMED',
      compensationRequired: false,
      version: 1,
      steps: {
        paymentProcessing: { status: 'SUCCESS', timestamp: now },
        confirmation: { status: 'SUCCESS', timestamp: now },
      },
    });
  });

  it('cancels the order with the reason and emits order.cancelled when the payment failed', async () => {
    const { handle, reply, storedOrder, storedSaga, produced, order, clock } = await setup();
    const now = clock().toISOString();
    const failed = reply('payment.failed', {
      reason: 'Insufficient funds: balance 1.00 is below the amount 39.98',
    });

    await expect(handle(failed)).resolves.toBe('applied');

    const reason = 'Payment failed: Insufficient funds: balance 1.00 is below the amount 39.98';
    expect(storedOrder()).toEqual({
      ...order,
      status: 'CANCELLED',
      cancelledAt: now,
      reason,
      updatedAt: now,
      version: 1,
    });
    expect(produced()).toHaveLength(1);
    expect(produced()[0]).toMatchObject({
      eventType: 'order.cancelled',
      correlationId: order.orderId,
      causationId: failed.eventId,
      data: { orderId: order.orderId, customerId: 'customer-1', reason },
    });
    expect(storedSaga()).toMatchObject({
      status: 'COMPENSATING',
      currentStep: 'COMPENSATING',
      compensationRequired: true,
      compensationReason: reason,
      steps: {
        paymentProcessing: {
          status: 'FAILED',
          timestamp: now,
          error: 'Insufficient funds: balance 1.00 is below the amount 39.98',
        },
        compensation: { status: 'IN_PROGRESS', timestamp: now },
      },
    });
  });

  it('cancels the order when the reservation failed, then completes compensation on inventory.released', async () => {
    const { handle, reply, storedOrder, storedSaga, produced, clock } = await setup();
    const shortage = 'Insufficient stock: book requested 2, available 1';

    await handle(reply('inventory.reservation.failed', { reason: shortage }));
    clock.advanceBy(1000);
    const releasedAt = clock().toISOString();
    await expect(handle(reply('payment.voided', { refundedCents: 0 }))).resolves.toBe('applied');

    expect(storedOrder()).toMatchObject({
      status: 'CANCELLED',
      reason: `Inventory reservation failed: ${shortage}`,
    });
    expect(produced().map((event) => event.eventType)).toEqual(['order.cancelled']);
    expect(storedSaga()).toMatchObject({
      status: 'COMPENSATED',
      currentStep: 'COMPENSATED',
      compensationReason: `Inventory reservation failed: ${shortage}`,
      steps: {
        inventoryReservation: { status: 'FAILED', error: shortage },
        compensation: { status: 'SUCCESS', timestamp: releasedAt },
      },
    });
  });

  it('records inventory.reserved in the saga only: the order stays PENDING and nothing is emitted', async () => {
    const { handle, reply, store, storedOrder, storedSaga, produced, order } = await setup();

    await expect(handle(reply('inventory.reserved'))).resolves.toBe('applied');

    expect(storedOrder()).toEqual(order);
    expect(produced()).toEqual([]);
    expect(storedSaga()).toMatchObject({ status: 'STARTED', currentStep: 'INVENTORY_RESERVED', version: 1 });
    const [change] = store.applyCalls;
    expect(change?.order).toBe(change?.previousOrder);
  });

  it('reports a duplicate delivery: it reads the state it left, decides nothing and writes nothing', async () => {
    const { handle, reply, store, storedOrder, storedSaga, produced } = await setup();
    const paid = reply('payment.succeeded');

    await handle(paid);
    const orderAfterFirst = storedOrder();
    const sagaAfterFirst = storedSaga();
    await expect(handle(paid)).resolves.toBe('duplicate');

    // The step is recorded once and only a PENDING order changes: the versions guard, no dedupe record.
    expect(store.applyCalls).toHaveLength(1);
    expect(produced()).toHaveLength(1);
    expect(storedOrder()).toBe(orderAfterFirst);
    expect(storedSaga()).toBe(sagaAfterFirst);
  });

  it('applies a concurrent copy of the same reply once: the loser rereads and decides nothing', async () => {
    const { handle, reply, store, produced } = await setup();
    const paid = reply('payment.succeeded');
    const apply = store.apply;
    let raced = false;
    store.apply = async (change) => {
      if (!raced) {
        raced = true;
        // The other copy commits between this copy's read and its write.
        await handle(paid);
      }
      return apply(change);
    };

    await expect(handle(paid)).resolves.toBe('duplicate');

    expect(produced().map((event) => event.eventType)).toEqual(['order.confirmed']);
    expect(store.applyCalls).toHaveLength(2);
  });

  it('never flips a confirmed order on a late payment.failed, and writes nothing for it', async () => {
    const { handle, reply, store, storedOrder, produced } = await setup();
    await handle(reply('payment.succeeded'));
    const late = reply('payment.failed');

    await expect(handle(late)).resolves.toBe('duplicate');

    expect(storedOrder()?.status).toBe('CONFIRMED');
    expect(produced().map((event) => event.eventType)).toEqual(['order.confirmed']);
    expect(store.applyCalls).toHaveLength(1);
  });

  it('never confirms a cancelled order on a late payment.succeeded', async () => {
    const { handle, reply, storedOrder, storedSaga } = await setup();
    await handle(reply('inventory.reservation.failed'));

    await handle(reply('payment.succeeded'));

    expect(storedOrder()?.status).toBe('CANCELLED');
    expect(storedSaga()?.status).toBe('COMPENSATING');
  });

  it('ends consistent when payment.succeeded is handled before inventory.reserved', async () => {
    const { handle, reply, storedOrder, storedSaga, produced } = await setup();

    await handle(reply('payment.succeeded'));
    await handle(reply('inventory.reserved'));

    expect(storedOrder()?.status).toBe('CONFIRMED');
    expect(produced().map((event) => event.eventType)).toEqual(['order.confirmed']);
    expect(storedSaga()).toMatchObject({
      status: 'COMPLETED',
      currentStep: 'CONFIRMED',
      steps: {
        created: { status: 'SUCCESS' },
        inventoryReservation: { status: 'SUCCESS' },
        paymentProcessing: { status: 'SUCCESS' },
        confirmation: { status: 'SUCCESS' },
      },
    });
  });

  it('retries after a conflicting concurrent write and applies once', async () => {
    const { handle, reply, store, storedOrder, produced } = await setup();
    store.failNextWrite(new TransactionConflictError('saga version moved'));

    await expect(handle(reply('payment.succeeded'))).resolves.toBe('applied');

    expect(store.applyCalls).toHaveLength(2);
    expect(storedOrder()?.status).toBe('CONFIRMED');
    expect(produced()).toHaveLength(1);
  });

  it('rereads the order after a concurrent change: a saga moved under it is written at its new version', async () => {
    const { handle, reply, store, storedSaga, order } = await setup();
    const getWithSaga = store.getWithSaga;
    let raced = false;
    store.getWithSaga = async (orderId) => {
      const read = await getWithSaga(orderId);
      const saga = read?.saga;
      if (!raced && saga) {
        raced = true;
        // Another reply commits between this read and our write.
        store.sagas.set(saga.sagaId, { ...saga, version: saga.version + 1 });
      }
      return read;
    };

    await expect(handle(reply('inventory.reserved'))).resolves.toBe('applied');

    expect(store.applyCalls).toHaveLength(2);
    expect(storedSaga()?.version).toBe(2);
    expect(store.sagas.get(order.sagaId)?.currentStep).toBe('INVENTORY_RESERVED');
  });

  it('rejects a reply for an unknown order as an invalid event, writing nothing', async () => {
    const { handle, reply, store } = await setup();
    const stray = reply('payment.succeeded', { orderId: 'ord-nope' });

    const handling = handle(stray);

    await expect(handling).rejects.toThrow(InvalidEventError);
    await expect(handling).rejects.toThrow('No order ord-nope');
    expect(store.applyCalls).toHaveLength(0);
  });

  it('fails loudly when the order has no saga state', async () => {
    const { handle, reply, store, order } = await setup();
    store.sagas.delete(order.sagaId);

    await expect(handle(reply('payment.succeeded'))).rejects.toThrow(`has no saga state ${order.sagaId}`);
    expect(store.applyCalls).toHaveLength(0);
  });
});
