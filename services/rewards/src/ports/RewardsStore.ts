export interface Award {
  readonly orderId: string;
  readonly customerId: string;
  readonly points: number;
  readonly awardedAt: string;
}

/** Point balances and the awards that made them: one award per order. */
export interface RewardsStore {
  hasAward(orderId: string): Promise<boolean>;
  /** The award and the balance it adds to, together; fails with a conflict if the order has an award. */
  award(award: Award): Promise<void>;
}
