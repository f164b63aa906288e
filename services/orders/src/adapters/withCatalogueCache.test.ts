import type { CatalogueEntry } from '../domain/order/priceOrder';
import type { CatalogueRepository } from '../ports/CatalogueRepository';
import { withCatalogueCache } from './withCatalogueCache';

const entry = (productId: string, unitPriceCents: number): CatalogueEntry => ({
  productId,
  unitPriceCents,
  currency: 'USD',
});

const counting = (entries: Map<string, CatalogueEntry>) => {
  const reads: string[][] = [];
  const repository: CatalogueRepository = {
    getMany: async (ids) => {
      reads.push([...ids]);
      return new Map(ids.flatMap((id) => (entries.has(id) ? [[id, entries.get(id) as CatalogueEntry]] : [])));
    },
  };
  return { repository, reads };
};

describe('withCatalogueCache', () => {
  it('reads a product once within the TTL and again after it', async () => {
    const entries = new Map([['p1', entry('p1', 100)]]);
    const { repository, reads } = counting(entries);
    let clock = 0;
    const cached = withCatalogueCache(repository, { ttlMs: 1000, now: () => clock });

    expect((await cached.getMany(['p1'])).get('p1')?.unitPriceCents).toBe(100);
    entries.set('p1', entry('p1', 200));
    clock = 999;
    expect((await cached.getMany(['p1'])).get('p1')?.unitPriceCents).toBe(100);
    clock = 1000;
    expect((await cached.getMany(['p1'])).get('p1')?.unitPriceCents).toBe(200);

    expect(reads).toEqual([['p1'], ['p1']]);
  });

  it('reads only the products it does not hold, and never keeps a miss', async () => {
    const entries = new Map([['p1', entry('p1', 100)]]);
    const { repository, reads } = counting(entries);
    const cached = withCatalogueCache(repository, { ttlMs: 1000, now: () => 0 });

    await cached.getMany(['p1']);
    expect([...(await cached.getMany(['p1', 'p2', 'p1'])).keys()]).toEqual(['p1']);
    entries.set('p2', entry('p2', 50));
    expect([...(await cached.getMany(['p2'])).keys()]).toEqual(['p2']);

    expect(reads).toEqual([['p1'], ['p2'], ['p2']]);
  });
});
