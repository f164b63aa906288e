import { mergeStockLines } from './mergeStockLines';
import type { StockLevel } from './StockLevel';
import type { StockLine } from './StockLine';

export interface Shortage {
  readonly productId: string;
  readonly requested: number;
  readonly available: number;
}

export type ReservationDecision =
  | { readonly kind: 'reserve'; readonly lines: StockLine[] }
  | { readonly kind: 'reject'; readonly shortages: Shortage[]; readonly reason: string };

/**
 * Stock to decide on: the levels read, or not read at all because the write's own condition
 * (`available >= quantity` on every move) checks it: then enough is assumed, and a short line
 * cancels the transaction, after which the caller reads and decides again.
 */
export type StockView = ReadonlyMap<string, StockLevel> | typeof CHECKED_BY_CONDITION;
export const CHECKED_BY_CONDITION = 'checked-by-condition';

/** All or nothing: reserve every line, or reject naming each product that is short and by how much. */
export const decideReservation = (requested: readonly StockLine[], stock: StockView): ReservationDecision => {
  const lines = mergeStockLines(requested);
  if (stock === CHECKED_BY_CONDITION) return { kind: 'reserve', lines };
  const shortages = lines
    .map(({ productId, quantity }) => ({
      productId,
      requested: quantity,
      available: stock.get(productId)?.available ?? 0,
    }))
    .filter(({ requested: wanted, available }) => available < wanted);
  if (shortages.length === 0) return { kind: 'reserve', lines };
  const reason = `Insufficient stock: ${shortages
    .map((s) => `${s.productId} requested ${s.requested}, available ${s.available}`)
    .join('; ')}`;
  return { kind: 'reject', shortages, reason };
};
