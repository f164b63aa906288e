import type { DomainEvent } from '@saga/shared';
import { decideReservation, type StockView } from './decideReservation';
import type { InventoryInboxEvent } from './InventoryInboxEvent';
import type { Reservation } from './Reservation';
import type { StockLine } from './StockLine';

export type StockBucket = 'available' | 'reserved' | 'sold';

/** One guarded state change; the adapter turns each into one DynamoDB item, the fake applies it. */
export type InventoryChange =
  /** A new reservation (HELD, REJECTED or VOIDED); there must be none for the order yet. */
  | { readonly kind: 'reservationOpened'; readonly reservation: Reservation }
  /** A HELD reservation released or sold: only a HELD one can move on, exactly once. */
  | {
      readonly kind: 'reservationClosed';
      readonly orderId: string;
      readonly status: 'RELEASED' | 'COMMITTED';
      readonly at: string;
      readonly eventId: string;
    }
  /** Quantity moved between buckets; the source bucket never goes negative. */
  | {
      readonly kind: 'stockMoved';
      readonly line: StockLine;
      readonly from: StockBucket;
      readonly to: StockBucket;
    };

export type InventoryReply = DomainEvent<
  'inventory.reserved' | 'inventory.reservation.failed' | 'inventory.released'
>;

/** What inventory does with an order event: the state changes and the replies, decided together. */
export interface InventoryDecision {
  readonly changes: readonly InventoryChange[];
  readonly replies: readonly InventoryReply[];
  /** Why nothing happens, when nothing does. */
  readonly ignored?: string;
}

const moves = (lines: readonly StockLine[], from: StockBucket, to: StockBucket): InventoryChange[] =>
  lines.map((line) => ({ kind: 'stockMoved', line, from, to }));
const nothingHeld = (orderId: string): InventoryReply => ({
  type: 'inventory.released',
  data: { orderId, releasedLines: [] },
});
const ignore = (why: string): InventoryDecision => ({ changes: [], replies: [], ignored: why });

/**
 * `reservation` undefined means none exists, either read or (on an optimistic first attempt)
 * assumed: every branch that relies on that opens a reservation, whose `attribute_not_exists`
 * condition checks it. `stock` is read only for order.created (see StockView).
 */
export const decideInventory = (
  command: InventoryInboxEvent,
  reservation: Reservation | undefined,
  stock: StockView,
  at: string,
): InventoryDecision => {
  const orderId = command.data.orderId;
  const eventId = command.eventId;
  // The changes below carry no dedupe record: their conditions, and this, catch a replay.
  if (reservation?.lastEventId === eventId) return ignore('event already applied');
  switch (command.eventType) {
    case 'order.created': {
      if (reservation) return ignore(`reservation already ${reservation.status}`);
      const decision = decideReservation(command.data.lines, stock);
      if (decision.kind === 'reserve') {
        const { customerId, totalCents, currency } = command.data;
        return {
          changes: [
            {
              kind: 'reservationOpened',
              reservation: {
                orderId,
                status: 'HELD',
                lines: decision.lines,
                updatedAt: at,
                lastEventId: eventId,
              },
            },
            ...moves(decision.lines, 'available', 'reserved'),
          ],
          replies: [
            {
              type: 'inventory.reserved',
              data: { orderId, customerId, lines: decision.lines, totalCents, currency },
            },
          ],
        };
      }
      const lines = command.data.lines.map(({ productId, quantity }) => ({ productId, quantity }));
      return {
        changes: [
          {
            kind: 'reservationOpened',
            reservation: { orderId, status: 'REJECTED', lines, updatedAt: at, lastEventId: eventId },
          },
        ],
        replies: [
          {
            type: 'inventory.reservation.failed',
            data: { orderId, reason: decision.reason, shortages: decision.shortages },
          },
        ],
      };
    }
    case 'order.cancelled':
      // Cancelled before any reservation: a tombstone, so a late order.created reserves nothing.
      if (!reservation) {
        return {
          changes: [
            {
              kind: 'reservationOpened',
              reservation: { orderId, status: 'VOIDED', lines: [], updatedAt: at, lastEventId: eventId },
            },
          ],
          replies: [nothingHeld(orderId)],
        };
      }
      if (reservation.status === 'HELD') {
        return {
          changes: [
            { kind: 'reservationClosed', orderId, status: 'RELEASED', at, eventId },
            ...moves(reservation.lines, 'reserved', 'available'),
          ],
          replies: [{ type: 'inventory.released', data: { orderId, releasedLines: [...reservation.lines] } }],
        };
      }
      // Already released, rejected or voided: nothing is held. Replying again keeps a re-sent
      // cancellation (the deadline sweeper's retry) able to finish the compensation.
      if (reservation.status !== 'COMMITTED') return { changes: [], replies: [nothingHeld(orderId)] };
      return ignore('reservation already COMMITTED');
    case 'order.confirmed':
      if (reservation?.status === 'HELD') {
        return {
          changes: [
            { kind: 'reservationClosed', orderId, status: 'COMMITTED', at, eventId },
            ...moves(reservation.lines, 'reserved', 'sold'),
          ],
          replies: [],
        };
      }
      return ignore(`reservation is ${reservation?.status ?? 'missing'}`);
    default: {
      const unhandled: never = command;
      throw new TypeError(`Unhandled inventory command ${JSON.stringify(unhandled)}`);
    }
  }
};
