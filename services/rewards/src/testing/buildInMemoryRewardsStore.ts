import { TransactionConflictError } from '@saga/shared';
import type { InMemoryIdempotencyRepository } from '@saga/shared/testing';
import type { Award, RewardsStore } from '../ports/RewardsStore';

export interface RewardsBalance {
  readonly points: number;
  readonly awards: number;
  readonly updatedAt: string;
}

/** RewardsStore held in memory, with the adapter's guard: one award per order. */
export interface InMemoryRewardsStore extends RewardsStore {
  readonly awards: Map<string, Award>;
  readonly balances: Map<string, RewardsBalance>;
  readonly acknowledged: string[];
  /** The next award or acknowledge throws `error` before checking or writing anything. */
  failNextWrite(error: Error): void;
}

export const buildInMemoryRewardsStore = (
  idempotency: InMemoryIdempotencyRepository,
): InMemoryRewardsStore => {
  const awards = new Map<string, Award>();
  const balances = new Map<string, RewardsBalance>();
  const acknowledged: string[] = [];
  const failures: Error[] = [];
  const takeFailure = () => {
    const failure = failures.shift();
    if (failure) throw failure;
  };

  return {
    awards,
    balances,
    acknowledged,
    failNextWrite(error) {
      failures.push(error);
    },
    hasAward: async (orderId) => awards.has(orderId),
    async award(award, processed) {
      takeFailure();
      idempotency.assertUnclaimed(processed.eventId);
      if (awards.has(award.orderId)) {
        throw new TransactionConflictError(`award for ${award.orderId} exists`, ['ConditionalCheckFailed']);
      }
      idempotency.claim(processed);
      awards.set(award.orderId, award);
      const balance = balances.get(award.customerId) ?? { points: 0, awards: 0, updatedAt: award.awardedAt };
      balances.set(award.customerId, {
        points: balance.points + award.points,
        awards: balance.awards + 1,
        updatedAt: award.awardedAt,
      });
    },
    async acknowledge(processed) {
      takeFailure();
      idempotency.claim(processed);
      acknowledged.push(processed.eventId);
    },
  };
};
