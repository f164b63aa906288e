import type { AnyEventEnvelope, Payment, PaymentAccount, ProcessedEvent } from '@saga/shared';

export interface PaymentWrite {
  /** The payment record; SUCCEEDED also draws its amount from the account. */
  readonly payment: Payment;
  readonly events: readonly AnyEventEnvelope[];
  readonly processed: ProcessedEvent;
}

/** Accounts and payments; a payment commits with its dedupe record and outbox events. */
export interface PaymentStore {
  getAccount(customerId: string): Promise<PaymentAccount | undefined>;
  getPayment(orderId: string): Promise<Payment | undefined>;
  record(write: PaymentWrite): Promise<void>;
  /** Marks an event processed without any state change. */
  acknowledge(processed: ProcessedEvent): Promise<void>;
}
