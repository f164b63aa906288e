import type { DomainEvent, IdGenerator } from '@saga/shared';
import { type AccountView, decideCharge } from './decideCharge';
import type { Payment } from './Payment';
import type { PaymentsInboxEvent } from './PaymentsInboxEvent';

/** One guarded state change; the adapter turns each into one DynamoDB item, the fake applies it. */
export type PaymentChange =
  /** The order's one payment record (SUCCEEDED, FAILED or VOIDED); there must be none yet. */
  | { readonly kind: 'paymentRecorded'; readonly payment: Payment }
  /** Only a SUCCEEDED payment can become REFUNDED, so a charge is refunded at most once. */
  | {
      readonly kind: 'paymentRefunded';
      readonly orderId: string;
      readonly at: string;
      readonly eventId: string;
    }
  /** The balance never goes below zero, even when two charges race. */
  | { readonly kind: 'accountDebited'; readonly customerId: string; readonly amountCents: number }
  | { readonly kind: 'accountCredited'; readonly customerId: string; readonly amountCents: number };

export type PaymentReply = DomainEvent<'payment.succeeded' | 'payment.failed' | 'payment.voided'>;

/** What payments does with an event: the state changes and the replies, decided together. */
export interface PaymentDecision {
  readonly changes: readonly PaymentChange[];
  readonly replies: readonly PaymentReply[];
  /** Why nothing happens, when nothing does. */
  readonly ignored?: string;
}

const voided = (orderId: string, refundedCents: number): PaymentReply => ({
  type: 'payment.voided',
  data: { orderId, refundedCents },
});

/**
 * Payments' decision for one event, given the order's payment (if any) and the account.
 * Compensation is chained after inventory: inventory.released always gets a payment.voided reply.
 * `newId` names a payment record the decision creates; `at` is the time of the decision.
 * `payment` undefined means none exists, read or (on an optimistic first attempt) assumed: every
 * branch relying on that records a payment, whose `attribute_not_exists` condition checks it.
 */
export const decidePayment = (
  command: PaymentsInboxEvent,
  payment: Payment | undefined,
  account: AccountView,
  { at, newId }: { at: string; newId: IdGenerator },
): PaymentDecision => {
  const orderId = command.data.orderId;
  const eventId = command.eventId;
  // The changes below carry no dedupe record: their conditions, and this, catch a replay.
  if (payment?.lastEventId === eventId) return { changes: [], replies: [], ignored: 'event already applied' };
  switch (command.eventType) {
    case 'inventory.reserved': {
      if (payment) return { changes: [], replies: [], ignored: `payment already ${payment.status}` };
      const { customerId, totalCents: amountCents, currency } = command.data;
      const base = {
        orderId,
        paymentId: `pay-${newId()}`,
        customerId,
        amountCents,
        currency,
        createdAt: at,
        lastEventId: eventId,
      };
      const charge = decideCharge(account, amountCents);
      if (charge.kind === 'charge') {
        return {
          changes: [
            { kind: 'paymentRecorded', payment: { ...base, status: 'SUCCEEDED' } },
            { kind: 'accountDebited', customerId, amountCents },
          ],
          replies: [
            {
              type: 'payment.succeeded',
              data: { orderId, customerId, paymentId: base.paymentId, amountCents, currency },
            },
          ],
        };
      }
      return {
        changes: [{ kind: 'paymentRecorded', payment: { ...base, status: 'FAILED', reason: charge.reason } }],
        replies: [
          { type: 'payment.failed', data: { orderId, customerId, amountCents, reason: charge.reason } },
        ],
      };
    }
    case 'inventory.released':
      // Cancelled before any charge: a tombstone so a late inventory.reserved charges nothing.
      if (!payment) {
        const tombstone: Payment = {
          orderId,
          paymentId: `void-${newId()}`,
          customerId: '-',
          amountCents: 0,
          currency: 'USD',
          status: 'VOIDED',
          createdAt: at,
          lastEventId: eventId,
        };
        return { changes: [{ kind: 'paymentRecorded', payment: tombstone }], replies: [voided(orderId, 0)] };
      }
      if (payment.status === 'SUCCEEDED') {
        return {
          changes: [
            { kind: 'paymentRefunded', orderId, at, eventId },
            { kind: 'accountCredited', customerId: payment.customerId, amountCents: payment.amountCents },
          ],
          replies: [voided(orderId, payment.amountCents)],
        };
      }
      // Nothing (more) to refund: still tell the saga compensation is done.
      return {
        changes: [],
        replies: [voided(orderId, payment.status === 'REFUNDED' ? payment.amountCents : 0)],
      };
    default: {
      const unhandled: never = command;
      throw new TypeError(`Unhandled payment command ${JSON.stringify(unhandled)}`);
    }
  }
};
