import { decideCharge } from './decideCharge';
import type { Payment } from './Payment';
import type { PaymentAccount } from './PaymentAccount';
import type { PaymentCommand } from './PaymentCommand';

export type PaymentAction =
  | { readonly kind: 'charge' }
  | { readonly kind: 'decline'; readonly reason: string }
  /** Compensation of a successful charge. */
  | { readonly kind: 'refund'; readonly payment: Payment }
  /** Cancelled before any charge: a tombstone so a late inventory.reserved charges nothing. */
  | { readonly kind: 'void' }
  /** Compensation with nothing (more) to refund: still tell the saga it is done. */
  | { readonly kind: 'confirm-voided'; readonly refundedCents: number }
  | { readonly kind: 'ignore'; readonly why: string };

/**
 * Payments' decision for one event, given the order's payment (if any) and the account.
 * Compensation is chained after inventory: inventory.released always gets a payment.voided reply.
 */
export const decidePayment = (
  command: PaymentCommand,
  payment: Payment | undefined,
  account: PaymentAccount | undefined,
): PaymentAction => {
  switch (command.eventType) {
    case 'inventory.reserved': {
      if (payment) return { kind: 'ignore', why: `payment already ${payment.status}` };
      return decideCharge(account, command.data.totalCents);
    }
    case 'inventory.released':
      if (!payment) return { kind: 'void' };
      if (payment.status === 'SUCCEEDED') return { kind: 'refund', payment };
      return {
        kind: 'confirm-voided',
        refundedCents: payment.status === 'REFUNDED' ? payment.amountCents : 0,
      };
    default: {
      const unhandled: never = command;
      throw new TypeError(`Unhandled payment command ${JSON.stringify(unhandled)}`);
    }
  }
};
