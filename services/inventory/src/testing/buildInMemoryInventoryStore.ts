import { type AnyEventEnvelope, TransactionConflictError } from '@saga/shared';
import type { InMemoryIdempotencyRepository } from '@saga/shared/testing';
import type { Reservation } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';
import type { StockLine } from '../domain/StockLine';
import type { InventoryStore, InventoryWrite } from '../ports/InventoryStore';

/** InventoryStore held in memory, with the adapter's guards: a commit applies entirely or not at all. */
export interface InMemoryInventoryStore extends InventoryStore {
  readonly stock: Map<string, StockLevel>;
  readonly reservations: Map<string, Reservation>;
  /** Every event committed to the outbox, in commit order. */
  readonly outbox: AnyEventEnvelope[];
  readonly commits: InventoryWrite[];
  /** The next commit throws `error` before checking or writing anything. */
  failNextWrite(error: Error): void;
}

type Bucket = 'available' | 'reserved' | 'sold';

const conflict = (what: string) => new TransactionConflictError(what, ['ConditionalCheckFailed']);

export const buildInMemoryInventoryStore = (
  idempotency: InMemoryIdempotencyRepository,
  initialStock: readonly StockLevel[] = [],
): InMemoryInventoryStore => {
  const stock = new Map(initialStock.map((level) => [level.productId, level]));
  const reservations = new Map<string, Reservation>();
  const outbox: AnyEventEnvelope[] = [];
  const commits: InventoryWrite[] = [];
  const failures: Error[] = [];

  /** Applies moves to a copy, failing like the `#from >= :q` guard; the caller swaps the copy in. */
  const moved = (levels: Map<string, StockLevel>, lines: readonly StockLine[], from: Bucket, to: Bucket) => {
    for (const { productId, quantity } of lines) {
      const level = levels.get(productId);
      if (!level || level[from] < quantity) throw conflict(`${productId} has fewer than ${quantity} ${from}`);
      levels.set(productId, { ...level, [from]: level[from] - quantity, [to]: level[to] + quantity });
    }
  };
  const assertNoReservation = (orderId: string) => {
    if (reservations.has(orderId)) throw conflict(`reservation ${orderId} exists`);
  };
  const assertHeld = (orderId: string) => {
    if (reservations.get(orderId)?.status !== 'HELD') throw conflict(`reservation ${orderId} is not HELD`);
  };

  return {
    stock,
    reservations,
    outbox,
    commits,
    failNextWrite(error) {
      failures.push(error);
    },
    getReservation: async (orderId) => reservations.get(orderId),
    async getStock(productIds) {
      const found = new Map<string, StockLevel>();
      for (const productId of productIds) {
        const level = stock.get(productId);
        if (level) found.set(productId, level);
      }
      return found;
    },
    async commit(write) {
      commits.push(write);
      const failure = failures.shift();
      if (failure) throw failure;
      const { orderId, action, events, processed } = write;
      const at = processed.processedAt.toISOString();
      idempotency.assertUnclaimed(processed.eventId);
      for (const event of events) {
        if (outbox.some((stored) => stored.eventId === event.eventId))
          throw conflict(`outbox ${event.eventId}`);
      }
      const nextStock = new Map(stock);
      let nextReservation: Reservation | undefined;
      switch (action.kind) {
        case 'reserve':
          assertNoReservation(orderId);
          moved(nextStock, action.lines, 'available', 'reserved');
          nextReservation = { orderId, status: 'HELD', lines: action.lines, updatedAt: at };
          break;
        case 'reject':
          assertNoReservation(orderId);
          nextReservation = { orderId, status: 'REJECTED', lines: action.lines, updatedAt: at };
          break;
        case 'void':
          assertNoReservation(orderId);
          nextReservation = { orderId, status: 'VOIDED', lines: [], updatedAt: at };
          break;
        case 'release':
          assertHeld(orderId);
          moved(nextStock, action.reservation.lines, 'reserved', 'available');
          nextReservation = { ...action.reservation, status: 'RELEASED', updatedAt: at };
          break;
        case 'commit':
          assertHeld(orderId);
          moved(nextStock, action.reservation.lines, 'reserved', 'sold');
          nextReservation = { ...action.reservation, status: 'COMMITTED', updatedAt: at };
          break;
        case 'confirm-nothing-held':
        case 'ignore':
          break;
      }
      idempotency.claim(processed);
      for (const [productId, level] of nextStock) stock.set(productId, level);
      if (nextReservation) reservations.set(orderId, nextReservation);
      outbox.push(...events);
    },
  };
};
