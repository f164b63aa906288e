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
      const { changes, events, processed } = write;
      if (processed) idempotency.assertUnclaimed(processed.eventId);
      for (const event of events) {
        if (outbox.some((stored) => stored.eventId === event.eventId))
          throw conflict(`outbox ${event.eventId}`);
      }
      // Applied to copies with the adapter's guards; swapped in only when every change passed.
      const nextAccounts = new Map(accounts);
      const nextPayments = new Map(payments);
      const adjust = (customerId: string, deltaCents: number) => {
        const account = nextAccounts.get(customerId);
        if (!account) throw conflict(`no account ${customerId}`);
        if (account.balanceCents + deltaCents < 0)
          throw conflict(`account ${customerId} cannot cover ${-deltaCents}`);
        nextAccounts.set(customerId, { ...account, balanceCents: account.balanceCents + deltaCents });
      };
      for (const change of changes) {
        switch (change.kind) {
          case 'paymentRecorded':
            if (nextPayments.has(change.payment.orderId))
              throw conflict(`payment for ${change.payment.orderId} exists`);
            nextPayments.set(change.payment.orderId, change.payment);
            break;
          case 'paymentRefunded': {
            const stored = nextPayments.get(change.orderId);
            if (stored?.status !== 'SUCCEEDED')
              throw conflict(`payment for ${change.orderId} is not SUCCEEDED`);
            nextPayments.set(change.orderId, { ...stored, status: 'REFUNDED', lastEventId: change.eventId });
            break;
          }
          case 'accountDebited':
            adjust(change.customerId, -change.amountCents);
            break;
          case 'accountCredited':
            adjust(change.customerId, change.amountCents);
            break;
        }
      }
      if (processed) idempotency.claim(processed);
      for (const [customerId, account] of nextAccounts) accounts.set(customerId, account);
      for (const [orderId, payment] of nextPayments) payments.set(orderId, payment);
      outbox.push(...events);
    },
  };
};
