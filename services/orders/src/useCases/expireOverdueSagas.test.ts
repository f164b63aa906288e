import { buildManualClock, buildSequentialIdGenerator } from '@saga/shared/testing';
import { buildInMemoryCatalogueRepository } from '../testing/buildInMemoryCatalogueRepository';
import { buildInMemoryOrderStore } from '../testing/buildInMemoryOrderStore';
import { createOrder } from './createOrder';
import { expireOverdueSagas } from './expireOverdueSagas';

const setup = async () => {
  const store = buildInMemoryOrderStore();
  const clock = buildManualClock('2030-01-01T12:00:00.000Z');
  const newId = buildSequentialIdGenerator();
  const { order } = await createOrder({
    store,
    catalogue: buildInMemoryCatalogueRepository([
      { productId: 'book', unitPriceCents: 500, currency: 'USD' },
    ]),
    clock,
    newId,
  })({ customerId: 'customer-1', items: [{ productId: 'book', quantity: 1 }], requestId: 'req-1' });
  const run = expireOverdueSagas({
    store,
    clock,
    newId,
    policy: { deadlineMs: 60_000, maxCompensationAttempts: 2 },
  });
  return {
    store,
    clock,
    order,
    run,
    saga: () => store.sagas.get(order.sagaId),
    cancellations: () => store.outbox.filter((e) => e.eventType === 'order.cancelled'),
  };
};

describe('expireOverdueSagas', () => {
  it('leaves sagas inside the deadline alone', async () => {
    const { run, clock, store } = await setup();
    clock.advanceBy(30_000);
    await expect(run()).resolves.toEqual({
      expired: 0,
      compensationRetried: 0,
      compensationFailed: 0,
      skipped: 0,
    });
    expect(store.outbox.map((e) => e.eventType)).toEqual(['order.created']);
  });

  it('cancels an overdue order with reason timeout, starting compensation', async () => {
    const { run, clock, store, order, saga, cancellations } = await setup();
    clock.advanceBy(61_000);
    await expect(run()).resolves.toMatchObject({ expired: 1 });
    expect(store.orders.get(order.orderId)).toMatchObject({ status: 'CANCELLED', reason: 'timeout' });
    expect(saga()).toMatchObject({
      status: 'COMPENSATING',
      compensationReason: 'timeout',
      steps: { compensation: { status: 'IN_PROGRESS' } },
    });
    expect(cancellations().map((e) => e.data)).toEqual([
      { orderId: order.orderId, customerId: 'customer-1', reason: 'timeout' },
    ]);
    // Running again inside the new deadline changes nothing.
    await expect(run()).resolves.toMatchObject({ expired: 0, compensationRetried: 0 });
  });

  it('re-sends the cancellation of a stuck compensation a bounded number of times, then parks it', async () => {
    const { run, clock, saga, cancellations } = await setup();
    clock.advanceBy(61_000);
    await run();
    clock.advanceBy(61_000);
    await expect(run()).resolves.toMatchObject({ compensationRetried: 1 });
    clock.advanceBy(61_000);
    await expect(run()).resolves.toMatchObject({ compensationRetried: 1 });
    expect(saga()).toMatchObject({ status: 'COMPENSATING', compensationAttempts: 2 });
    clock.advanceBy(61_000);
    await expect(run()).resolves.toMatchObject({ compensationFailed: 1 });
    expect(saga()).toMatchObject({ status: 'COMPENSATION_FAILED', compensationReason: 'timeout' });
    expect(cancellations()).toHaveLength(3);
    // Parked sagas are not looked at again.
    clock.advanceBy(600_000);
    await expect(run()).resolves.toEqual({
      expired: 0,
      compensationRetried: 0,
      compensationFailed: 0,
      skipped: 0,
    });
  });
});
