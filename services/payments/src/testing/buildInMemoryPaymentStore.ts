import {
  type AnyEventEnvelope,
  type Payment,
  type PaymentAccount,
  TransactionConflictError,
} from '@saga/shared';
import type { InMemoryIdempotencyRepository } from '@saga/shared/src/testing/buildInMemoryIdempotencyRepository';
import type { PaymentStore, PaymentWrite } from '../ports/PaymentStore';

/** PaymentStore held in memory, with the adapter's guards: one payment per order, no overdraft. */
export interface InMemoryPaymentStore extends PaymentStore {
  readonly accounts: Map<string, PaymentAccount>;
  readonly payments: Map<string, Payment>;
  /** Every event committed to the outbox, in commit order. */
  readonly outbox: AnyEventEnvelope[];
  readonly records: PaymentWrite[];
  readonly acknowledged: string[];
  /** The next record or acknowledge throws `error` before checking or writing anything. */
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
  const records: PaymentWrite[] = [];
  const acknowledged: string[] = [];
  const failures: Error[] = [];
  const takeFailure = () => {
    const failure = failures.shift();
    if (failure) throw failure;
  };

  return {
    accounts,
    payments,
    outbox,
    records,
    acknowledged,
    failNextWrite(error) {
      failures.push(error);
    },
    getAccount: async (customerId) => accounts.get(customerId),
    getPayment: async (orderId) => payments.get(orderId),
    async record(write) {
      records.push(write);
      takeFailure();
      const { payment, events, processed } = write;
      idempotency.assertUnclaimed(processed.eventId);
      if (payments.has(payment.orderId)) throw conflict(`payment for ${payment.orderId} exists`);
      const account = accounts.get(payment.customerId);
      if (payment.status === 'SUCCEEDED' && (!account || account.balanceCents < payment.amountCents)) {
        throw conflict(`account ${payment.customerId} cannot cover ${payment.amountCents}`);
      }
      for (const event of events) {
        if (outbox.some((stored) => stored.eventId === event.eventId))
          throw conflict(`outbox ${event.eventId}`);
      }
      idempotency.claim(processed);
      payments.set(payment.orderId, payment);
      if (payment.status === 'SUCCEEDED' && account) {
        accounts.set(account.customerId, {
          ...account,
          balanceCents: account.balanceCents - payment.amountCents,
        });
      }
      outbox.push(...events);
    },
    async acknowledge(processed) {
      takeFailure();
      idempotency.claim(processed);
      acknowledged.push(processed.eventId);
    },
  };
};
