import type { StockLine } from './StockLine';

/**
 * One per order. HELD stock is released on cancellation or committed (sold) on confirmation.
 * REJECTED: stock was short. VOIDED: the cancellation arrived first, so a late order.created
 * must not reserve anything.
 */
export type ReservationStatus = 'HELD' | 'RELEASED' | 'COMMITTED' | 'REJECTED' | 'VOIDED';

export interface Reservation {
  readonly orderId: string;
  readonly status: ReservationStatus;
  readonly lines: readonly StockLine[];
  readonly updatedAt: string;
  /** The event that last changed it: a replay of that event finds itself here and changes nothing. */
  readonly lastEventId?: string;
}
