import type { CatalogueEntry } from '../domain/order/priceOrder';
import type { CatalogueRepository } from '../ports/CatalogueRepository';

/** The product catalogue held in memory; `requested` records every lookup. */
export interface InMemoryCatalogueRepository extends CatalogueRepository {
  readonly requested: (readonly string[])[];
}

export const buildInMemoryCatalogueRepository = (
  entries: readonly CatalogueEntry[],
): InMemoryCatalogueRepository => {
  const byId = new Map(entries.map((entry) => [entry.productId, entry]));
  const requested: (readonly string[])[] = [];
  return {
    requested,
    async getMany(productIds) {
      requested.push([...productIds]);
      const found = new Map<string, CatalogueEntry>();
      for (const productId of productIds) {
        const entry = byId.get(productId);
        if (entry) found.set(productId, entry);
      }
      return found;
    },
  };
};
