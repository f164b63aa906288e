import type { InventoryInboxEvent } from '@saga/inventory/src/domain/InventoryInboxEvent';
import { buildInMemoryInventoryStore } from '@saga/inventory/src/testing/buildInMemoryInventoryStore';
import { handleOrderEvent } from '@saga/inventory/src/useCases/handleOrderEvent';
import type { SagaReply } from '@saga/orders/src/domain/order/SagaReply';
import { buildInMemoryCatalogueRepository } from '@saga/orders/src/testing/buildInMemoryCatalogueRepository';
import { buildInMemoryOrderStore } from '@saga/orders/src/testing/buildInMemoryOrderStore';
import { createOrder } from '@saga/orders/src/useCases/createOrder';
import { handleSagaReply } from '@saga/orders/src/useCases/handleSagaReply';
import type { PaymentsInboxEvent } from '@saga/payments/src/domain/PaymentsInboxEvent';
import { buildInMemoryPaymentStore } from '@saga/payments/src/testing/buildInMemoryPaymentStore';
import { handleInventoryEvent } from '@saga/payments/src/useCases/handleInventoryEvent';
import { buildInMemoryRewardsStore } from '@saga/rewards/src/testing/buildInMemoryRewardsStore';
import { awardPoints } from '@saga/rewards/src/useCases/awardPoints';
import { type AnyEventEnvelope, type EventEnvelope, type EventType, parseEnvelope } from '@saga/shared';
import {
  buildInMemoryIdempotencyRepository,
  buildManualClock,
  buildSequentialIdGenerator,
} from '@saga/shared/testing';

/**
 * The four services' use cases wired through an in-memory bus: each outbox is drained and its
 * events delivered, as the relay and EventBridge rules would, after a JSON round trip and the
 * consumer-side contract check.
 */
const buildWorld = ({ balanceCents = 100_000, bookStock = 5 } = {}) => {
  const clock = buildManualClock('2030-01-01T12:00:00.000Z');
  const newId = buildSequentialIdGenerator();

  const orderStore = buildInMemoryOrderStore();
  const inventoryIdempotency = buildInMemoryIdempotencyRepository();
  const inventoryStore = buildInMemoryInventoryStore(inventoryIdempotency, [
    { productId: 'book', available: bookStock, reserved: 0, sold: 0 },
  ]);
  const paymentsIdempotency = buildInMemoryIdempotencyRepository();
  const paymentStore = buildInMemoryPaymentStore(paymentsIdempotency, [
    { customerId: 'customer-1', balanceCents },
  ]);
  const rewardsStore = buildInMemoryRewardsStore();

  const place = createOrder({
    store: orderStore,
    catalogue: buildInMemoryCatalogueRepository([
      { productId: 'book', unitPriceCents: 1999, currency: 'USD' },
    ]),
    clock,
    newId,
  });
  const onReply = handleSagaReply({ store: orderStore, clock, newId });
  const onOrderEvent = handleOrderEvent({
    store: inventoryStore,
    idempotency: inventoryIdempotency,
    clock,
    newId,
  });
  const onPayment = handleInventoryEvent({
    store: paymentStore,
    idempotency: paymentsIdempotency,
    clock,
    newId,
  });
  const onConfirmed = awardPoints({ store: rewardsStore, clock });

  const subscribers: { [T in EventType]: ((envelope: EventEnvelope<T>) => Promise<unknown>)[] } = {
    'order.created': [(event) => onOrderEvent(event as InventoryInboxEvent)],
    'order.confirmed': [(event) => onOrderEvent(event as InventoryInboxEvent), onConfirmed],
    'order.cancelled': [(event) => onOrderEvent(event as InventoryInboxEvent)],
    'inventory.reserved': [
      (event) => onReply(event as SagaReply),
      (event) => onPayment(event as PaymentsInboxEvent),
    ],
    'inventory.reservation.failed': [(event) => onReply(event as SagaReply)],
    'inventory.released': [(event) => onPayment(event as PaymentsInboxEvent)],
    'payment.succeeded': [(event) => onReply(event as SagaReply)],
    'payment.failed': [(event) => onReply(event as SagaReply)],
    'payment.voided': [(event) => onReply(event as SagaReply)],
  };
  const outboxes = [orderStore.outbox, inventoryStore.outbox, paymentStore.outbox];
  const relayed = outboxes.map(() => 0);
  const published: AnyEventEnvelope[] = [];

  /** Relays every new outbox event until the saga is quiet; `shuffle` reorders and repeats deliveries. */
  const settle = async (shuffle: (batch: AnyEventEnvelope[]) => AnyEventEnvelope[] = (batch) => batch) => {
    for (let round = 0; round < 20; round++) {
      const batch = outboxes.flatMap((outbox, index) => {
        const fresh = outbox.slice(relayed[index]);
        relayed[index] = outbox.length;
        return fresh;
      });
      if (batch.length === 0) return;
      published.push(...batch);
      for (const envelope of shuffle(batch)) {
        const received = parseEnvelope(JSON.parse(JSON.stringify(envelope)));
        for (const subscriber of subscribers[received.eventType] as ((
          event: AnyEventEnvelope,
        ) => Promise<unknown>)[]) {
          clock.advanceBy(1000);
          await subscriber(received);
        }
      }
    }
    throw new Error('the saga did not settle in 20 rounds');
  };

  return { place, settle, published, orderStore, inventoryStore, paymentStore, rewardsStore };
};

const placeBooks = async (world: ReturnType<typeof buildWorld>, quantity: number) =>
  (
    await world.place({
      customerId: 'customer-1',
      items: [{ productId: 'book', quantity }],
      requestId: 'req-1',
    })
  ).order;

describe('the saga across all four services', () => {
  it('confirms a paid order: stock sold, account charged, points awarded, saga COMPLETED', async () => {
    const world = buildWorld();
    const order = await placeBooks(world, 2);

    await world.settle();

    expect(world.orderStore.orders.get(order.orderId)?.status).toBe('CONFIRMED');
    expect(world.orderStore.sagas.get(order.sagaId)).toMatchObject({
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
    expect(world.inventoryStore.stock.get('book')).toEqual({
      productId: 'book',
      available: 3,
      reserved: 0,
      sold: 2,
    });
    expect(world.paymentStore.accounts.get('customer-1')?.balanceCents).toBe(100_000 - 3998);
    expect(world.rewardsStore.balances.get('customer-1')?.points).toBe(39);
    expect(world.published.map((event) => event.eventType)).toEqual([
      'order.created',
      'inventory.reserved',
      'payment.succeeded',
      'order.confirmed',
    ]);
    expect(new Set(world.published.map((event) => event.correlationId))).toEqual(new Set([order.orderId]));
  });

  it('cancels an order that is out of stock and finishes compensation: nothing charged or awarded', async () => {
    const world = buildWorld({ bookStock: 1 });
    const order = await placeBooks(world, 2);

    await world.settle();

    const reason = 'Inventory reservation failed: Insufficient stock: book requested 2, available 1';
    expect(world.orderStore.orders.get(order.orderId)).toMatchObject({ status: 'CANCELLED', reason });
    expect(world.orderStore.sagas.get(order.sagaId)).toMatchObject({
      status: 'COMPENSATED',
      currentStep: 'COMPENSATED',
      compensationRequired: true,
      compensationReason: reason,
    });
    expect(world.inventoryStore.stock.get('book')).toEqual({
      productId: 'book',
      available: 1,
      reserved: 0,
      sold: 0,
    });
    // Payments only left a tombstone, so no late charge can happen.
    expect([...world.paymentStore.payments.values()].map((payment) => payment.status)).toEqual(['VOIDED']);
    expect(world.paymentStore.accounts.get('customer-1')?.balanceCents).toBe(100_000);
    expect(world.rewardsStore.awards.size).toBe(0);
  });

  it('cancels an order whose payment fails and releases its stock', async () => {
    const world = buildWorld({ balanceCents: 1000 });
    const order = await placeBooks(world, 2);

    await world.settle();

    expect(world.orderStore.orders.get(order.orderId)).toMatchObject({
      status: 'CANCELLED',
      reason: 'Payment failed: Insufficient funds: balance 10.00 is below the amount 39.98',
    });
    expect(world.orderStore.sagas.get(order.sagaId)).toMatchObject({
      status: 'COMPENSATED',
      steps: { inventoryReservation: { status: 'SUCCESS' }, paymentProcessing: { status: 'FAILED' } },
    });
    expect(world.inventoryStore.stock.get('book')).toEqual({
      productId: 'book',
      available: 5,
      reserved: 0,
      sold: 0,
    });
    expect(world.inventoryStore.reservations.get(order.orderId)?.status).toBe('RELEASED');
    expect(world.paymentStore.accounts.get('customer-1')?.balanceCents).toBe(1000);
    expect(world.rewardsStore.awards.size).toBe(0);
  });

  it.each([
    ['every event delivered twice', (batch: AnyEventEnvelope[]) => [...batch, ...batch]],
    [
      'each batch delivered in reverse, twice',
      (batch: AnyEventEnvelope[]) => [...batch].reverse().concat(batch),
    ],
  ])('reaches the same outcome with %s', async (_label, shuffle) => {
    const world = buildWorld();
    const order = await placeBooks(world, 2);

    await world.settle(shuffle);

    expect(world.orderStore.orders.get(order.orderId)?.status).toBe('CONFIRMED');
    expect(world.orderStore.sagas.get(order.sagaId)?.status).toBe('COMPLETED');
    expect(world.inventoryStore.stock.get('book')).toEqual({
      productId: 'book',
      available: 3,
      reserved: 0,
      sold: 2,
    });
    expect(world.paymentStore.accounts.get('customer-1')?.balanceCents).toBe(100_000 - 3998);
    expect(world.rewardsStore.balances.get('customer-1')).toMatchObject({ points: 39, awards: 1 });
    expect(world.published.filter((event) => event.eventType === 'order.confirmed')).toHaveLength(1);
  });

  it('sells the last copies to only one of two concurrent orders', async () => {
    const world = buildWorld({ bookStock: 3 });
    const first = await placeBooks(world, 2);
    const second = await placeBooks(world, 2);

    await world.settle();

    const statuses = [first, second].map((order) => world.orderStore.orders.get(order.orderId)?.status);
    expect(statuses).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(world.inventoryStore.stock.get('book')).toEqual({
      productId: 'book',
      available: 1,
      reserved: 0,
      sold: 2,
    });
  });
});
