/**
 * The participants' record statuses as the reconciler reads them (by key, in their own tables):
 * their services own these types; test/component/participantStatuses.test.ts fails on drift.
 */
export type ReservationStatus = 'HELD' | 'RELEASED' | 'COMMITTED' | 'REJECTED' | 'VOIDED';
export type PaymentStatus = 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'VOIDED';

/** A terminal order whose effects in the other services have not been verified yet. */
export interface AwaitingVerification {
  readonly orderId: string;
  readonly status: 'CONFIRMED' | 'CANCELLED';
  /** The order.confirmed / order.cancelled that ended the saga, kept in the outbox under this id. */
  readonly terminalEventId: string;
  /** Repairs already requested for this order. */
  readonly attempts: number;
}

/**
 * The sparse index of recently terminal orders (orders table, VerificationIndex): an order enters it
 * when it becomes terminal and leaves it once its effects are verified, so the reconciler reads only
 * what is still unverified, never the whole table.
 */
export interface VerificationQueue {
  /** Orders that became terminal (or were last repaired) before `before`, oldest first. */
  findDue(before: Date, limit: number): Promise<AwaitingVerification[]>;
  /** Effects match the outcome: drop the order from the index. */
  markVerified(orderId: string): Promise<void>;
  /** A repair was requested at `at`: check again one grace later. */
  recordRepair(orderId: string, at: Date, attempts: number): Promise<void>;
}

/** What the other services hold for one order, read-only, by key. */
export interface ParticipantEffects {
  readonly reservation: ReservationStatus | undefined;
  readonly payment: PaymentStatus | undefined;
  readonly awarded: boolean;
}

export interface ParticipantEffectsReader {
  /** The effects of each order, keyed by orderId (every id asked for has an entry). */
  readMany(orderIds: readonly string[]): Promise<Map<string, ParticipantEffects>>;
}

/** Publishes an event again, from the outbox, under its original eventId (consumers dedupe on it). */
export interface TerminalEventRepublisher {
  /** false when the outbox no longer holds the event or the bus refused it. */
  republish(eventId: string): Promise<boolean>;
}
