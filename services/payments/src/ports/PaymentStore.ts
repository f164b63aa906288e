import type { AnyEventEnvelope, ProcessedEvent } from '@saga/shared';
import type { PaymentChange } from '../domain/decidePayment';
import type { Payment } from '../domain/Payment';
import type { PaymentAccount } from '../domain/PaymentAccount';

export interface PaymentWrite {
  readonly changes: readonly PaymentChange[];
  readonly events: readonly AnyEventEnvelope[];
  readonly processed: ProcessedEvent;
}

/** Accounts and payments; every change commits with its dedupe record and outbox events. */
export interface PaymentStore {
  getAccount(customerId: string): Promise<PaymentAccount | undefined>;
  getPayment(orderId: string): Promise<Payment | undefined>;
  commit(write: PaymentWrite): Promise<void>;
}
