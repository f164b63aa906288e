import { type Clock, type EventEnvelope, type ProcessOutcome, processOnce } from '@saga/shared';
import { pointsFor } from '../domain/pointsFor';
import type { RewardsStore } from '../ports/RewardsStore';

export interface AwardPointsDependencies {
  readonly store: RewardsStore;
  readonly clock: Clock;
}

/**
 * A confirmed order earns its customer points, once per order. The award's `attribute_not_exists`
 * condition is the dedupe guard, for a replayed delivery and for another event id alike, so there
 * is no dedupe record: the first attempt awards without reading, and only after a conflict does the
 * next one read, finding the award already there.
 */
export const awardPoints =
  ({ store, clock }: AwardPointsDependencies) =>
  (confirmed: EventEnvelope<'order.confirmed'>): Promise<ProcessOutcome> =>
    processOnce(confirmed.eventId, async (attemptNo) => {
      const { orderId, customerId, totalCents } = confirmed.data;
      if (attemptNo > 1 && (await store.hasAward(orderId))) return 'duplicate';
      await store.award({
        orderId,
        customerId,
        points: pointsFor(totalCents),
        awardedAt: clock().toISOString(),
      });
      return 'applied';
    });
