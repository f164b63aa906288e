import { TransactionConflictError } from '@saga/shared';
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
  /** Every award attempted, committed or not. */
  readonly attempts: Award[];
  /** The next award throws `error` before checking or writing anything. */
  failNextWrite(error: Error): void;
}

export const buildInMemoryRewardsStore = (): InMemoryRewardsStore => {
  const awards = new Map<string, Award>();
  const balances = new Map<string, RewardsBalance>();
  const attempts: Award[] = [];
  const failures: Error[] = [];

  return {
    awards,
    balances,
    attempts,
    failNextWrite(error) {
      failures.push(error);
    },
    hasAward: async (orderId) => awards.has(orderId),
    async award(award) {
      attempts.push(award);
      const failure = failures.shift();
      if (failure) throw failure;
      if (awards.has(award.orderId)) {
        throw new TransactionConflictError(`award for ${award.orderId} exists`, ['ConditionalCheckFailed']);
      }
      awards.set(award.orderId, award);
      const balance = balances.get(award.customerId) ?? { points: 0, awards: 0, updatedAt: award.awardedAt };
      balances.set(award.customerId, {
        points: balance.points + award.points,
        awards: balance.awards + 1,
        updatedAt: award.awardedAt,
      });
    },
  };
};
