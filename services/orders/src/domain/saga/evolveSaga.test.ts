import type { EventData, EventType } from '@saga/shared';
import { buildTestEnvelope } from '@saga/shared/testing';
import { currentStepOf, evolveSaga, type SagaEvent } from './evolveSaga';
import type { SagaState, SagaSteps } from './SagaState';
import { startSaga } from './startSaga';

const T0 = '2030-01-01T00:00:00.000Z';
const minute = (n: number) => `2030-01-01T00:${String(n).padStart(2, '0')}:00.000Z`;

/** A saga event for ord-1 that occurred at minute `n`. */
const at = <T extends SagaEvent['eventType']>(eventType: T, n: number, data: Partial<EventData<T>> = {}) =>
  buildTestEnvelope(eventType as EventType, { orderId: 'ord-1', ...data } as never, {
    occurredAt: minute(n),
  }) as Extract<SagaEvent, { eventType: T }>;

/** Folds events the way the orders service does, stamping updatedAt thirty seconds after each event. */
const fold = (saga: SagaState, events: readonly SagaEvent[]) =>
  events.reduce(
    (state, event) => evolveSaga(state, event, event.occurredAt.replace(':00.000Z', ':30.000Z')),
    saga,
  );

const started = () => startSaga('saga-1', 'ord-1', T0);

const shortage = 'Insufficient stock: product-1 requested 2, available 1';
const outOfStockReason = `Inventory reservation failed: ${shortage}`;

describe('startSaga', () => {
  it('starts at CREATED with a successful created step and version 0', () => {
    expect(started()).toEqual({
      sagaId: 'saga-1',
      orderId: 'ord-1',
      status: 'STARTED',
      currentStep: 'CREATED',
      steps: { created: { status: 'SUCCESS', timestamp: T0 } },
      compensationRequired: false,
      createdAt: T0,
      updatedAt: T0,
      version: 0,
    });
  });
});

describe('evolveSaga', () => {
  it('runs the happy path to COMPLETED / CONFIRMED with every step SUCCESS at its event time', () => {
    const saga = fold(started(), [
      at('inventory.reserved', 1),
      at('payment.succeeded', 2),
      at('order.confirmed', 2),
    ]);

    expect(saga).toEqual({
      sagaId: 'saga-1',
      orderId: 'ord-1',
      status: 'COMPLETED',
      currentStep: 'CONFIRMED',
      steps: {
        created: { status: 'SUCCESS', timestamp: T0 },
        inventoryReservation: { status: 'SUCCESS', timestamp: minute(1) },
        paymentProcessing: { status: 'SUCCESS', timestamp: minute(2) },
        confirmation: { status: 'SUCCESS', timestamp: minute(2) },
      },
      compensationRequired: false,
      createdAt: T0,
      updatedAt: '2030-01-01T00:02:30.000Z',
      version: 0,
    });
  });

  it('moves through each intermediate step of the happy path', () => {
    const afterReserved = fold(started(), [at('inventory.reserved', 1)]);
    const afterPaid = fold(afterReserved, [at('payment.succeeded', 2)]);

    expect([afterReserved.status, afterReserved.currentStep]).toEqual(['STARTED', 'INVENTORY_RESERVED']);
    expect([afterPaid.status, afterPaid.currentStep]).toEqual(['STARTED', 'PAYMENT_SUCCEEDED']);
  });

  it('compensates an out-of-stock order: COMPENSATING, then COMPENSATED once inventory is released', () => {
    const compensating = fold(started(), [
      at('inventory.reservation.failed', 1, { reason: shortage }),
      at('order.cancelled', 1, { reason: outOfStockReason }),
    ]);

    expect(compensating).toMatchObject({
      status: 'COMPENSATING',
      currentStep: 'COMPENSATING',
      compensationRequired: true,
      compensationReason: outOfStockReason,
      steps: {
        created: { status: 'SUCCESS', timestamp: T0 },
        inventoryReservation: { status: 'FAILED', timestamp: minute(1), error: shortage },
        compensation: { status: 'IN_PROGRESS', timestamp: minute(1) },
      },
    });
    expect(compensating.steps.paymentProcessing).toBeUndefined();
    expect(compensating.steps.confirmation).toBeUndefined();

    const compensated = fold(compensating, [at('payment.voided', 2, { refundedCents: 0 })]);

    expect(compensated).toMatchObject({
      status: 'COMPENSATED',
      currentStep: 'COMPENSATED',
      compensationRequired: true,
      compensationReason: outOfStockReason,
      steps: {
        inventoryReservation: { status: 'FAILED', timestamp: minute(1), error: shortage },
        compensation: { status: 'SUCCESS', timestamp: minute(2) },
      },
    });
  });

  it('compensates a failed payment once the held stock is released', () => {
    const reason = 'Payment failed: Insufficient funds';
    const saga = fold(started(), [
      at('inventory.reserved', 1),
      at('payment.failed', 2, { reason: 'Insufficient funds' }),
      at('order.cancelled', 2, { reason }),
      at('payment.voided', 3),
    ]);

    expect(saga).toMatchObject({
      status: 'COMPENSATED',
      currentStep: 'COMPENSATED',
      compensationReason: reason,
      steps: {
        inventoryReservation: { status: 'SUCCESS', timestamp: minute(1) },
        paymentProcessing: { status: 'FAILED', timestamp: minute(2), error: 'Insufficient funds' },
        compensation: { status: 'SUCCESS', timestamp: minute(3) },
      },
    });
  });

  it('reaches the same state when payment.succeeded is recorded before inventory.reserved', () => {
    const inOrder = fold(started(), [
      at('inventory.reserved', 1),
      at('payment.succeeded', 2),
      at('order.confirmed', 2),
    ]);
    const reordered = fold(started(), [
      at('payment.succeeded', 2),
      at('order.confirmed', 2),
      at('inventory.reserved', 1),
    ]);

    expect(reordered.status).toBe('COMPLETED');
    expect(reordered.currentStep).toBe('CONFIRMED');
    expect(reordered.compensationRequired).toBe(false);
    expect(reordered.steps).toEqual(inOrder.steps);
  });

  it('keeps currentStep consistent with the steps after every event of a reordered run', () => {
    let saga = started();
    for (const event of [at('payment.succeeded', 2), at('order.confirmed', 2), at('inventory.reserved', 1)]) {
      saga = evolveSaga(saga, event, minute(5));
      expect(saga.currentStep).toBe(currentStepOf(saga.steps));
    }
  });

  it.each<[string, () => SagaEvent[]]>([
    ['happy path', () => [at('inventory.reserved', 1), at('payment.succeeded', 2), at('order.confirmed', 2)]],
    [
      'out of stock',
      () => [
        at('inventory.reservation.failed', 1),
        at('order.cancelled', 1, { reason: outOfStockReason }),
        at('payment.voided', 2),
      ],
    ],
  ])('ignores a replay of every event of the %s (steps, status and reason unchanged)', (_name, events) => {
    const once = fold(started(), events());
    const replayed = fold(once, [...events(), ...events()]);

    expect(replayed.steps).toEqual(once.steps);
    expect(replayed.status).toBe(once.status);
    expect(replayed.currentStep).toBe(once.currentStep);
    expect(replayed.compensationRequired).toBe(once.compensationRequired);
    expect('compensationReason' in replayed && replayed.compensationReason).toBe(
      'compensationReason' in once && once.compensationReason,
    );
  });

  it('never overwrites a recorded step with a later, contradicting reply', () => {
    const saga = fold(started(), [
      at('inventory.reserved', 1),
      at('inventory.reservation.failed', 2),
      at('payment.succeeded', 3),
      at('payment.failed', 4),
      at('order.confirmed', 5),
      at('order.confirmed', 6),
    ]);

    expect(saga.steps).toEqual({
      created: { status: 'SUCCESS', timestamp: T0 },
      inventoryReservation: { status: 'SUCCESS', timestamp: minute(1) },
      paymentProcessing: { status: 'SUCCESS', timestamp: minute(3) },
      confirmation: { status: 'SUCCESS', timestamp: minute(5) },
    });
  });

  it('does not move a finished compensation back to IN_PROGRESS on a repeated order.cancelled', () => {
    const saga = fold(started(), [
      at('inventory.reservation.failed', 1),
      at('order.cancelled', 1, { reason: outOfStockReason }),
      at('payment.voided', 2),
      at('order.cancelled', 3, { reason: outOfStockReason }),
    ]);

    expect(saga.status).toBe('COMPENSATED');
    expect(saga.steps.compensation).toEqual({ status: 'SUCCESS', timestamp: minute(2) });
  });

  it('returns the same saga for payment.voided when nothing is being compensated', () => {
    const saga = fold(started(), [at('inventory.reserved', 1)]);

    expect(evolveSaga(saga, at('payment.voided', 2), minute(9))).toBe(saga);
  });

  it('returns the same saga for a payment.voided replayed after compensation finished', () => {
    const saga = fold(started(), [
      at('inventory.reservation.failed', 1),
      at('order.cancelled', 1, { reason: outOfStockReason }),
      at('payment.voided', 2),
    ]);

    expect(evolveSaga(saga, at('payment.voided', 3), minute(9))).toBe(saga);
  });

  it('stamps updatedAt with now and leaves the version to the store', () => {
    const saga = evolveSaga(started(), at('inventory.reserved', 1), '2030-01-01T09:00:00.000Z');

    expect(saga.updatedAt).toBe('2030-01-01T09:00:00.000Z');
    expect(saga.createdAt).toBe(T0);
    expect(saga.version).toBe(0);
  });

  it('does not mutate the saga it is given', () => {
    const saga = started();
    const before = structuredClone(saga);

    fold(saga, [at('inventory.reservation.failed', 1), at('order.cancelled', 1)]);

    expect(saga).toEqual(before);
  });
});

describe('currentStepOf', () => {
  const success = (n: number) => ({ status: 'SUCCESS' as const, timestamp: minute(n) });
  const failed = (n: number) => ({ status: 'FAILED' as const, timestamp: minute(n), error: 'x' });
  const created = success(0);

  it.each<{ label: string; steps: SagaSteps; expected: string }>([
    { label: 'only created', steps: { created }, expected: 'CREATED' },
    {
      label: 'reserved',
      steps: { created, inventoryReservation: success(1) },
      expected: 'INVENTORY_RESERVED',
    },
    {
      label: 'reservation failed',
      steps: { created, inventoryReservation: failed(1) },
      expected: 'INVENTORY_RESERVATION_FAILED',
    },
    {
      label: 'paid',
      steps: { created, inventoryReservation: success(1), paymentProcessing: success(2) },
      expected: 'PAYMENT_SUCCEEDED',
    },
    {
      label: 'payment failed',
      steps: { created, inventoryReservation: success(1), paymentProcessing: failed(2) },
      expected: 'PAYMENT_FAILED',
    },
    {
      label: 'confirmed before reserved',
      steps: { created, paymentProcessing: success(2), confirmation: success(2) },
      expected: 'CONFIRMED',
    },
    {
      label: 'all succeeded',
      steps: {
        created,
        inventoryReservation: success(1),
        paymentProcessing: success(2),
        confirmation: success(2),
      },
      expected: 'CONFIRMED',
    },
    {
      label: 'compensation in progress',
      steps: {
        created,
        inventoryReservation: failed(1),
        compensation: { status: 'IN_PROGRESS', timestamp: minute(1) },
      },
      expected: 'COMPENSATING',
    },
    {
      label: 'out of stock, released',
      steps: { created, inventoryReservation: failed(1), compensation: success(2) },
      expected: 'COMPENSATED',
    },
    {
      label: 'payment failed, released',
      steps: { created, paymentProcessing: failed(2), compensation: success(3) },
      expected: 'COMPENSATED',
    },
  ])('derives $label as $expected', ({ steps, expected }) => {
    expect(currentStepOf(steps)).toBe(expected);
  });
});
