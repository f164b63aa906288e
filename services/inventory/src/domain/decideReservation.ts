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

/** All or nothing: reserve every line, or reject naming each product that is short and by how much. */
export const decideReservation = (
  requested: readonly StockLine[],
  stock: ReadonlyMap<string, StockLevel>,
): ReservationDecision => {
  const lines = mergeStockLines(requested);
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
