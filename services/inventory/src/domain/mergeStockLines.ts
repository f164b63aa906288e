import type { StockLine } from './StockLine';

/**
 * One line per product, in first-seen order. DynamoDB rejects a transaction that touches the same
 * item twice, and two lines of one product must be checked against stock together.
 */
export const mergeStockLines = (lines: readonly StockLine[]): StockLine[] => {
  const merged = new Map<string, number>();
  for (const { productId, quantity } of lines) {
    merged.set(productId, (merged.get(productId) ?? 0) + quantity);
  }
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
};
