import { ValidationError } from '@saga/shared';
import type { OrderLine } from './Order';

export interface RequestedLine {
  readonly productId: string;
  readonly quantity: number;
}

export interface CatalogueEntry {
  readonly productId: string;
  readonly unitPriceCents: number;
  readonly currency: string;
}

/**
 * Prices an order from the catalogue (never from the client) and merges repeated products.
 * Every unknown product is named in one error, so the client can fix the request at once.
 */
export const priceOrder = (
  requested: readonly RequestedLine[],
  catalogue: ReadonlyMap<string, CatalogueEntry>,
): { lines: OrderLine[]; totalCents: number; currency: string } => {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of requested) {
    quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  }
  const unknown = [...quantities.keys()].filter((productId) => !catalogue.has(productId));
  if (unknown.length > 0) {
    throw new ValidationError(
      `Unknown product${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      unknown.map((productId) => ({ path: 'items.productId', message: `unknown product ${productId}` })),
    );
  }
  const lines = [...quantities].map(([productId, quantity]) => {
    const entry = catalogue.get(productId) as CatalogueEntry;
    return { productId, quantity, unitPriceCents: entry.unitPriceCents };
  });
  const currencies = new Set([...quantities.keys()].map((id) => catalogue.get(id)?.currency));
  if (currencies.size > 1) {
    throw new ValidationError('All products of one order must share a currency');
  }
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const currency = catalogue.get(lines[0]?.productId ?? '')?.currency ?? 'USD';
  return { lines, totalCents, currency };
};
