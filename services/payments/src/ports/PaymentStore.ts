import type { DecidedWrite } from '@saga/shared';
import type { PaymentChange } from '../domain/decidePayment';
import type { Payment } from '../domain/Payment';
import type { PaymentAccount } from '../domain/PaymentAccount';

/** The changes, their replies and, when one is needed, the event's dedupe record (commitDecision). */
export type PaymentWrite = DecidedWrite<PaymentChange>;

/** Accounts and payments; every change commits with its outbox events, in one transaction. */
export interface PaymentStore {
  getAccount(customerId: string): Promise<PaymentAccount | undefined>;
  getPayment(orderId: string): Promise<Payment | undefined>;
  commit(write: PaymentWrite): Promise<void>;
}
