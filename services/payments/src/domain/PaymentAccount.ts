/** A simulated customer account: charges draw the balance down and never below zero. */
export interface PaymentAccount {
  readonly customerId: string;
  readonly balanceCents: number;
}
