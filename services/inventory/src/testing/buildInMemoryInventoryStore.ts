import { type AnyEventEnvelope, TransactionConflictError } from '@saga/shared';
import type { InMemoryIdempotencyRepository } from '@saga/shared/testing';
import type { StockBucket } from '../domain/decideInventory';
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
  const moved = (
    levels: Map<string, StockLevel>,
    lines: readonly StockLine[],
    from: StockBucket,
    to: StockBucket,
  ) => {
    for (const { productId, quantity } of lines) {
      const level = levels.get(productId);
      if (!level || level[from] < quantity) throw conflict(`${productId} has fewer than ${quantity} ${from}`);
      levels.set(productId, { ...level, [from]: level[from] - quantity, [to]: level[to] + quantity });
    }
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
      const { changes, events, processed } = write;
      if (processed) idempotency.assertUnclaimed(processed.eventId);
      for (const event of events) {
        if (outbox.some((stored) => stored.eventId === event.eventId))
          throw conflict(`outbox ${event.eventId}`);
      }
      // Applied to copies with the adapter's guards; swapped in only when every change passed.
      const nextStock = new Map(stock);
      const nextReservations = new Map(reservations);
      for (const change of changes) {
        switch (change.kind) {
          case 'reservationOpened':
            if (nextReservations.has(change.reservation.orderId))
              throw conflict(`reservation ${change.reservation.orderId} exists`);
            nextReservations.set(change.reservation.orderId, change.reservation);
            break;
          case 'reservationClosed': {
            const held = nextReservations.get(change.orderId);
            if (held?.status !== 'HELD') throw conflict(`reservation ${change.orderId} is not HELD`);
            nextReservations.set(change.orderId, {
              ...held,
              status: change.status,
              updatedAt: change.at,
              lastEventId: change.eventId,
            });
            break;
          }
          case 'stockMoved':
            moved(nextStock, [change.line], change.from, change.to);
            break;
        }
      }
      if (processed) idempotency.claim(processed);
      for (const [productId, level] of nextStock) stock.set(productId, level);
      for (const [orderId, reservation] of nextReservations) reservations.set(orderId, reservation);
      outbox.push(...events);
    },
  };
};
