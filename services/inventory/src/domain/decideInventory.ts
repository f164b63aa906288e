import { decideReservation, type Shortage } from './decideReservation';
import type { InventoryCommand } from './InventoryCommand';
import type { Reservation } from './Reservation';
import type { StockLevel } from './StockLevel';
import type { StockLine } from './StockLine';

/** What inventory does with an order event, given the order's reservation (if any) and stock. */
export type InventoryAction =
  | { readonly kind: 'reserve'; readonly lines: StockLine[] }
  | {
      readonly kind: 'reject';
      readonly lines: StockLine[];
      readonly shortages: Shortage[];
      readonly reason: string;
    }
  | { readonly kind: 'release'; readonly reservation: Reservation }
  /** Cancelled before any reservation: leave a tombstone so a late order.created reserves nothing. */
  | { readonly kind: 'void' }
  /** Cancelled after a rejection: nothing is held, but the saga still learns compensation is done. */
  | { readonly kind: 'confirm-nothing-held' }
  | { readonly kind: 'commit'; readonly reservation: Reservation }
  | { readonly kind: 'ignore'; readonly why: string };

export const decideInventory = (
  command: InventoryCommand,
  reservation: Reservation | undefined,
  stock: ReadonlyMap<string, StockLevel>,
): InventoryAction => {
  switch (command.eventType) {
    case 'order.created': {
      if (reservation) return { kind: 'ignore', why: `reservation already ${reservation.status}` };
      const decision = decideReservation(command.data.lines, stock);
      return decision.kind === 'reserve'
        ? decision
        : {
            ...decision,
            lines: command.data.lines.map(({ productId, quantity }) => ({ productId, quantity })),
          };
    }
    case 'order.cancelled':
      if (!reservation) return { kind: 'void' };
      if (reservation.status === 'HELD') return { kind: 'release', reservation };
      // Already released, rejected or voided: nothing is held. Replying again keeps a re-sent
      // cancellation (the deadline sweeper's retry) able to finish the compensation.
      if (reservation.status !== 'COMMITTED') return { kind: 'confirm-nothing-held' };
      return { kind: 'ignore', why: 'reservation already COMMITTED' };
    case 'order.confirmed':
      if (reservation?.status === 'HELD') return { kind: 'commit', reservation };
      return { kind: 'ignore', why: `reservation is ${reservation?.status ?? 'missing'}` };
    default: {
      const unhandled: never = command;
      throw new TypeError(`Unhandled inventory command ${JSON.stringify(unhandled)}`);
    }
  }
};
