import { type AnyEventEnvelope, TransactionConflictError } from '@saga/shared';
import type { InMemoryIdempotencyRepository } from '@saga/shared/testing';
import type { Payment } from '../domain/Payment';
import type { PaymentAccount } from '../domain/PaymentAccount';
import type { PaymentStore, PaymentWrite } from '../ports/PaymentStore';

/** PaymentStore held in memory, with the adapter's guards: one payment per order, no overdraft, one refund. */
export interface InMemoryPaymentStore extends PaymentStore {
  readonly accounts: Map<string, PaymentAccount>;
  readonly payments: Map<string, Payment>;
  /** Every event committed to the outbox, in commit order. */
  readonly outbox: AnyEventEnvelope[];
  readonly commits: PaymentWrite[];
  /** The next commit throws `error` before checking or writing anything. */
  failNextWrite(error: Error): void;
}

const conflict = (what: string) => new TransactionConflictError(what, ['ConditionalCheckFailed']);

export const buildInMemoryPaymentStore = (
  idempotency: InMemoryIdempotencyRepository,
  initialAccounts: readonly PaymentAccount[] = [],
): InMemoryPaymentStore => {
  const accounts = new Map(initialAccounts.map((account) => [account.customerId, account]));
  const payments = new Map<string, Payment>();
  const outbox: AnyEventEnvelope[] = [];
  const commits: PaymentWrite[] = [];
  const failures: Error[] = [];

  const adjust = (customerId: string, deltaCents: number) => {
    const account = accounts.get(customerId);
    if (!account) throw conflict(`no account ${customerId}`);
    if (account.balanceCents + deltaCents < 0)
      throw conflict(`account ${customerId} cannot cover ${-deltaCents}`);
    return { ...account, balanceCents: account.balanceCents + deltaCents };
  };

  return {
    accounts,
    payments,
    outbox,
    commits,
    failNextWrite(error) {
      failures.push(error);
    },
    getAccount: async (customerId) => accounts.get(customerId),
    getPayment: async (orderId) => payments.get(orderId),
    async commit(write) {
      commits.push(write);
      const failure = failures.shift();
      if (failure) throw failure;
      const { orderId, action, payment, events, processed } = write;
      idempotency.assertUnclaimed(processed.eventId);
      for (const event of events) {
        if (outbox.some((stored) => stored.eventId === event.eventId))
          throw conflict(`outbox ${event.eventId}`);
      }
      // Check everything first, then apply: all of the write or none of it.
      let nextAccount: PaymentAccount | undefined;
      let nextPayment: Payment | undefined;
      switch (action.kind) {
        case 'charge':
        case 'decline':
        case 'void':
          if (!payment) throw new TypeError('payment record required');
          if (payments.has(orderId)) throw conflict(`payment for ${orderId} exists`);
          if (action.kind === 'charge') nextAccount = adjust(payment.customerId, -payment.amountCents);
          nextPayment = payment;
          break;
        case 'refund': {
          const stored = payments.get(orderId);
          if (stored?.status !== 'SUCCEEDED') throw conflict(`payment for ${orderId} is not SUCCEEDED`);
          nextAccount = adjust(stored.customerId, stored.amountCents);
          nextPayment = { ...stored, status: 'REFUNDED' };
          break;
        }
        case 'confirm-voided':
        case 'ignore':
          break;
      }
      idempotency.claim(processed);
      if (nextAccount) accounts.set(nextAccount.customerId, nextAccount);
      if (nextPayment) payments.set(orderId, nextPayment);
      outbox.push(...events);
    },
  };
};
