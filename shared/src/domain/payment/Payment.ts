/** At most one per order: the orderId is the key, so a charge can never be applied twice. */
export interface Payment {
  readonly orderId: string;
  readonly paymentId: string;
  readonly customerId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly reason?: string;
  readonly createdAt: string;
}
