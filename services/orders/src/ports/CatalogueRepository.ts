import type { CatalogueEntry } from '../domain/order/priceOrder';

export interface CatalogueRepository {
  /** The entries that exist among `productIds`; missing ones are simply absent from the map. */
  getMany(productIds: readonly string[]): Promise<Map<string, CatalogueEntry>>;
}
