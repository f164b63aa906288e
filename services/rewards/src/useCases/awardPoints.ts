import {
  type Clock,
  type EventEnvelope,
  type IdempotencyRepository,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { pointsFor } from '../domain/pointsFor';
import type { RewardsStore } from '../ports/RewardsStore';

export interface AwardPointsDependencies {
  readonly store: RewardsStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
}

/**
 * A confirmed order earns its customer points, once per order. The first attempt awards without
 * reading: the award's `attribute_not_exists` condition checks there is none yet. If it fails, the
 * next attempt reads, and an order already awarded (under another event id) is only acknowledged.
 */
export const awardPoints =
  ({ store, idempotency, clock }: AwardPointsDependencies) =>
  (confirmed: EventEnvelope<'order.confirmed'>): Promise<ProcessOutcome> => {
    let attempts = 0;
    return processOnce(idempotency, confirmed.eventId, async () => {
      const { orderId, customerId, totalCents } = confirmed.data;
      const now = clock();
      const processed = {
        eventId: confirmed.eventId,
        eventType: confirmed.eventType,
        aggregateId: orderId,
        processedAt: now,
      };
      if (attempts++ > 0 && (await store.hasAward(orderId))) {
        await store.acknowledge(processed);
        return;
      }
      await store.award(
        { orderId, customerId, points: pointsFor(totalCents), awardedAt: now.toISOString() },
        processed,
      );
    });
  };
