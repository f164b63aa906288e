import type { ProcessedEvent } from '@saga/shared';

export interface Award {
  readonly orderId: string;
  readonly customerId: string;
  readonly points: number;
  readonly awardedAt: string;
}

/** Point balances and the awards that made them: one award per order. */
export interface RewardsStore {
  hasAward(orderId: string): Promise<boolean>;
  award(award: Award, processed: ProcessedEvent): Promise<void>;
  acknowledge(processed: ProcessedEvent): Promise<void>;
}
