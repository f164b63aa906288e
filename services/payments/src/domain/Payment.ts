/**
 * At most one per order: the orderId is the key, so a charge can never be applied twice.
 * REFUNDED: charged, then compensated. VOIDED: the order was cancelled before any charge, so a
 * late inventory.reserved must not charge.
 */
export interface Payment {
  readonly orderId: string;
  readonly paymentId: string;
  readonly customerId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'VOIDED';
  readonly reason?: string;
  readonly createdAt: string;
  /** The event that last changed it: a replay of that event finds itself here and changes nothing. */
  readonly lastEventId?: string;
}
