import { buildManualClock } from '@saga/shared/testing';
import type { ParticipantEffects } from '../ports/SagaVerification';
import {
  buildInMemoryParticipantEffects,
  buildInMemoryRepublisher,
  buildInMemoryVerificationQueue,
} from '../testing/buildInMemorySagaVerification';
import { decideReconciliation } from './decideReconciliation';
import { reconcileTerminalSagas } from './reconcileTerminalSagas';

const GRACE_MS = 120_000;
const start = new Date('2030-01-01T00:00:00.000Z');
const minutesAgo = (n: number) => new Date(start.getTime() - n * 60_000);
const applied: ParticipantEffects = { reservation: 'COMMITTED', payment: 'SUCCEEDED', awarded: true };

const setup = (
  orders: { orderId: string; status: 'CONFIRMED' | 'CANCELLED'; since: Date; attempts?: number }[],
  effects: Record<string, ParticipantEffects>,
) => {
  const queue = buildInMemoryVerificationQueue(
    orders.map((o) => ({ ...o, terminalEventId: `evt-${o.orderId}`, attempts: o.attempts ?? 0 })),
  );
  const current = { ...effects };
  // The participants' answer to a republished terminal event: what they would have done the first time.
  const republisher = buildInMemoryRepublisher(new Set(orders.map((o) => `evt-${o.orderId}`)), (eventId) => {
    const orderId = eventId.replace(/^evt-/, '');
    const status = orders.find((o) => o.orderId === orderId)?.status;
    current[orderId] =
      status === 'CONFIRMED'
        ? { ...applied }
        : {
            reservation: 'RELEASED',
            payment: current[orderId]?.payment === 'SUCCEEDED' ? 'REFUNDED' : 'VOIDED',
            awarded: false,
          };
  });
  const clock = buildManualClock(start);
  const reconcile = reconcileTerminalSagas({
    queue,
    effects: { readMany: (orderIds) => buildInMemoryParticipantEffects(current).readMany(orderIds) },
    republisher,
    clock,
    policy: { graceMs: GRACE_MS, maxAttempts: 3, batchSize: 100, concurrency: 2 },
  });
  return { queue, republisher, reconcile, clock, current };
};

describe('reconcileTerminalSagas', () => {
  it('republishes order.confirmed for a HELD reservation, then verifies it once the commit landed', async () => {
    const { queue, republisher, reconcile, clock, current } = setup(
      [{ orderId: 'o-1', status: 'CONFIRMED', since: minutesAgo(5) }],
      { 'o-1': { reservation: 'HELD', payment: 'SUCCEEDED', awarded: true } },
    );

    expect(await reconcile()).toMatchObject({
      checked: 1,
      verified: 0,
      repaired: { ReservationHeldForConfirmed: 1 },
    });
    expect(republisher.republished).toEqual(['evt-o-1']);
    expect(current['o-1']?.reservation).toBe('COMMITTED');
    // Not re-checked before one more grace: the repair has time to land.
    expect(await reconcile()).toMatchObject({ checked: 0 });

    clock.advanceBy(GRACE_MS + 1);
    expect(await reconcile()).toMatchObject({ checked: 1, verified: 1, repaired: {} });
    expect(queue.entries.size).toBe(0);
    expect(republisher.republished).toHaveLength(1);
  });

  it('leaves orders younger than the grace alone: their events may still be on the way', async () => {
    const { republisher, reconcile } = setup(
      [{ orderId: 'o-young', status: 'CONFIRMED', since: minutesAgo(1) }],
      { 'o-young': { reservation: 'HELD', payment: 'SUCCEEDED', awarded: false } },
    );
    expect(await reconcile()).toMatchObject({ checked: 0 });
    expect(republisher.republished).toEqual([]);
  });

  it('republishes order.cancelled for a HELD reservation or an unrefunded payment of a cancelled order', async () => {
    const { republisher, reconcile, current } = setup(
      [
        { orderId: 'o-held', status: 'CANCELLED', since: minutesAgo(5) },
        { orderId: 'o-charged', status: 'CANCELLED', since: minutesAgo(4) },
        { orderId: 'o-clean', status: 'CANCELLED', since: minutesAgo(3) },
      ],
      {
        'o-held': { reservation: 'HELD', payment: undefined, awarded: false },
        'o-charged': { reservation: 'RELEASED', payment: 'SUCCEEDED', awarded: false },
        'o-clean': { reservation: 'VOIDED', payment: 'VOIDED', awarded: false },
      },
    );
    expect(await reconcile()).toMatchObject({
      checked: 3,
      verified: 1,
      repaired: { ReservationHeldForCancelled: 1, RefundMissing: 1 },
    });
    expect(republisher.republished).toEqual(['evt-o-held', 'evt-o-charged']);
    expect(current['o-charged']?.payment).toBe('REFUNDED');
  });

  it('republishes order.confirmed for a confirmed order with no award', async () => {
    const { republisher, reconcile } = setup(
      [{ orderId: 'o-2', status: 'CONFIRMED', since: minutesAgo(3) }],
      {
        'o-2': { reservation: 'COMMITTED', payment: 'SUCCEEDED', awarded: false },
      },
    );
    expect(await reconcile()).toMatchObject({ repaired: { AwardMissing: 1 } });
    expect(republisher.republished).toEqual(['evt-o-2']);
  });

  it('gives up after the last attempt, and reports a terminal event the outbox no longer holds', async () => {
    const { queue, reconcile } = setup(
      [{ orderId: 'o-stuck', status: 'CONFIRMED', since: minutesAgo(9), attempts: 3 }],
      { 'o-stuck': { reservation: 'HELD', payment: 'SUCCEEDED', awarded: true } },
    );
    expect(await reconcile()).toMatchObject({ gaveUp: ['o-stuck'], repaired: {} });
    expect(queue.entries.size).toBe(0);

    const lost = buildInMemoryVerificationQueue([
      { orderId: 'o-lost', status: 'CONFIRMED', terminalEventId: 'gone', attempts: 0, since: minutesAgo(9) },
    ]);
    const summary = await reconcileTerminalSagas({
      queue: lost,
      effects: buildInMemoryParticipantEffects({}),
      republisher: buildInMemoryRepublisher(new Set()),
      clock: buildManualClock(start),
      policy: { graceMs: GRACE_MS, maxAttempts: 3, batchSize: 100, concurrency: 2 },
    })();
    expect(summary.republishFailed).toEqual(['o-lost']);
    expect(lost.entries.size).toBe(1);
  });
});

describe('decideReconciliation', () => {
  const order = { orderId: 'o', terminalEventId: 'e', attempts: 0 };
  it.each([
    ['CONFIRMED', applied, 'verified'],
    ['CONFIRMED', { ...applied, reservation: 'HELD' }, 'repair'],
    ['CANCELLED', { reservation: 'REJECTED', payment: undefined, awarded: false }, 'verified'],
    ['CANCELLED', { reservation: undefined, payment: undefined, awarded: false }, 'repair'],
    ['CANCELLED', { reservation: 'RELEASED', payment: 'REFUNDED', awarded: false }, 'verified'],
  ] as const)('%s with %j → %s', (status, effects, kind) => {
    expect(decideReconciliation({ ...order, status }, effects, 3).kind).toBe(kind);
  });
});
