import type { PaymentAccount } from './PaymentAccount';

export type ChargeDecision =
  | { readonly kind: 'charge' }
  | { readonly kind: 'decline'; readonly reason: string };

const formatCents = (cents: number) => (cents / 100).toFixed(2);

/** Deterministic: the outcome depends only on the account's balance, so tests can choose it. */
export const decideCharge = (account: PaymentAccount | undefined, amountCents: number): ChargeDecision => {
  if (!account) return { kind: 'decline', reason: 'No payment account for this customer' };
  if (account.balanceCents < amountCents) {
    return {
      kind: 'decline',
      reason: `Insufficient funds: balance ${formatCents(account.balanceCents)} is below the amount ${formatCents(amountCents)}`,
    };
  }
  return { kind: 'charge' };
};
