import type { PaymentAccount } from './PaymentAccount';

export type ChargeDecision =
  | { readonly kind: 'charge' }
  | { readonly kind: 'decline'; readonly reason: string };

const formatCents = (cents: number) => (cents / 100).toFixed(2);

/**
 * The account to decide on: as read (undefined: none), or not read at all because the debit's own
 * condition (`balanceCents >= :amount`, false for a missing account) checks it: then the charge is
 * assumed to go through, and a short balance cancels the transaction, after which the caller reads
 * and decides again.
 */
export type AccountView = PaymentAccount | undefined | typeof CHECKED_BY_CONDITION;
export const CHECKED_BY_CONDITION = 'checked-by-condition';

/** Deterministic: the outcome depends only on the account's balance, so tests can choose it. */
export const decideCharge = (account: AccountView, amountCents: number): ChargeDecision => {
  if (account === CHECKED_BY_CONDITION) return { kind: 'charge' };
  if (!account) return { kind: 'decline', reason: 'No payment account for this customer' };
  if (account.balanceCents < amountCents) {
    return {
      kind: 'decline',
      reason: `Insufficient funds: balance ${formatCents(account.balanceCents)} is below the amount ${formatCents(amountCents)}`,
    };
  }
  return { kind: 'charge' };
};
