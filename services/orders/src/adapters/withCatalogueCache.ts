import type { CatalogueEntry } from '../domain/order/priceOrder';
import type { CatalogueRepository } from '../ports/CatalogueRepository';

export interface CatalogueCacheOptions {
  /** How long a price read stays in use: a changed price is charged at most this late. */
  readonly ttlMs: number;
  readonly now?: () => number;
}

/**
 * Keeps catalogue entries a warm function has read for a short time, so a busy product is not
 * read on every order. Only found entries are kept: a product added meanwhile is read at once.
 */
export const withCatalogueCache = (
  inner: CatalogueRepository,
  { ttlMs, now = Date.now }: CatalogueCacheOptions,
): CatalogueRepository => {
  const cache = new Map<string, { entry: CatalogueEntry; until: number }>();
  return {
    async getMany(productIds) {
      const at = now();
      const found = new Map<string, CatalogueEntry>();
      const missing: string[] = [];
      for (const productId of new Set(productIds)) {
        const cached = cache.get(productId);
        if (cached && cached.until > at) found.set(productId, cached.entry);
        else missing.push(productId);
      }
      if (missing.length === 0) return found;
      const read = await inner.getMany(missing);
      for (const [productId, entry] of read) {
        cache.set(productId, { entry, until: at + ttlMs });
        found.set(productId, entry);
      }
      return found;
    },
  };
};
