import {
  allShardKeys,
  countShards,
  type IndexKey,
  mapBounded,
  queryShards,
  type ReadShardPage,
  shardKey,
  shardOf,
  WRITE_SHARDS,
} from './writeShards';

/** In-memory partitions, each in index order, read `limit` at a time after a numeric position. */
const fakeIndex = (partitions: Record<string, number[]>) => {
  const calls: { key: string; limit: number; start?: number }[] = [];
  const read: ReadShardPage<number> = async (key, limit, startKey) => {
    const start = startKey ? Number(startKey.at?.N) : 0;
    calls.push({ key, limit, start });
    const rows = partitions[key] ?? [];
    const items = rows.slice(start, start + limit);
    const end = start + items.length;
    const lastKey: IndexKey | undefined = end < rows.length ? { at: { N: String(end) } } : undefined;
    return { items, lastKey };
  };
  return { read, calls };
};

const ascending = (a: number, b: number) => a - b;

describe('shard keys', () => {
  it('puts an item on one stable shard of its key, written with a fixed-width suffix', () => {
    expect(shardOf('evt-1')).toBe(shardOf('evt-1'));
    expect(shardKey('PENDING', 'evt-1')).toMatch(/^PENDING#\d{3}$/);
    expect(shardKey('PENDING', 'evt-1')).toBe(allShardKeys('PENDING')[shardOf('evt-1')]);
    expect(new Set(allShardKeys('X')).size).toBe(WRITE_SHARDS);
  });

  it('spreads 2,000 ids so no shard takes 1 % of them (the scale goal of a 2,000-order run)', () => {
    const counts = new Array<number>(WRITE_SHARDS).fill(0);
    for (let i = 0; i < 2000; i++) {
      const shard = shardOf(`0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}`);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    expect(Math.max(...counts) / 2000).toBeLessThan(0.01);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThan(WRITE_SHARDS * 0.9);
  });
});

describe('queryShards', () => {
  it('merges every shard in order and honours the limit, paging shards that hold more', async () => {
    const { read } = fakeIndex({ a: [1, 4, 7, 10], b: [2, 5, 8], c: [3, 6, 9, 11, 12] });
    const result = await queryShards({ partitionKeys: ['a', 'b', 'c'], read, limit: 7, compare: ascending });
    expect(result).toEqual({ items: [1, 2, 3, 4, 5, 6, 7], more: true });
  });

  it('says there is no more when every shard is read to its end within the limit', async () => {
    const { read } = fakeIndex({ a: [1, 3], b: [2], c: [] });
    expect(await queryShards({ partitionKeys: ['a', 'b', 'c'], read, limit: 3, compare: ascending })).toEqual(
      {
        items: [1, 2, 3],
        more: false,
      },
    );
    expect(await queryShards({ partitionKeys: ['a'], read, limit: 0, compare: ascending })).toEqual({
      items: [],
      more: false,
    });
  });

  it('finds the limit even when it all sits on one shard among many', async () => {
    const partitions: Record<string, number[]> = Object.fromEntries(
      allShardKeys('P').map((key, i) => [key, [1000 + i]]),
    );
    const hot = allShardKeys('P')[7] as string;
    partitions[hot] = [1, 2, 3, 4, 5, 6];
    const { read, calls } = fakeIndex(partitions);
    const result = await queryShards({
      partitionKeys: allShardKeys('P'),
      read,
      limit: 5,
      compare: ascending,
    });
    expect(result.items).toEqual([1, 2, 3, 4, 5]);
    // One small query per shard, then only the hot shard is read further.
    expect(calls.filter((call) => call.key !== hot)).toHaveLength(WRITE_SHARDS - 1);
    expect(calls.every((call) => call.key === hot || call.limit === 1)).toBe(true);
  });

  it('drops what `keep` refuses before the limit (a cursor position and its ties)', async () => {
    const { read } = fakeIndex({ a: [1, 2, 3, 4], b: [2, 2, 5] });
    const result = await queryShards({
      partitionKeys: ['a', 'b'],
      read,
      limit: 3,
      compare: ascending,
      keep: (n) => n > 2,
    });
    expect(result).toEqual({ items: [3, 4, 5], more: false });
  });

  it('merges newest first just as well', async () => {
    const { read } = fakeIndex({ a: [9, 5, 1], b: [8, 7, 2] });
    const result = await queryShards({ partitionKeys: ['a', 'b'], read, limit: 4, compare: (a, b) => b - a });
    expect(result).toEqual({ items: [9, 8, 7, 5], more: true });
  });
});

describe('bounded fan-out', () => {
  it('keeps at most `concurrency` calls in flight and returns results in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapBounded(
      Array.from({ length: 40 }, (_, i) => i),
      4,
      async (i) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight -= 1;
        return i * 2;
      },
    );
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  });

  it('starts no input after the first failure (its answer is lost anyway)', async () => {
    const started: number[] = [];
    const run = mapBounded(
      Array.from({ length: 40 }, (_, i) => i),
      4,
      async (i) => {
        started.push(i);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (i === 5) throw new Error('shard 5 failed');
        return i;
      },
    );
    await expect(run).rejects.toThrow('shard 5 failed');
    // The calls in flight when 5 failed end; none starts after it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started.length).toBeLessThanOrEqual(9);
  });

  it('sums a count over every shard', async () => {
    expect(await countShards(['a', 'b', 'c'], async (key) => key.length * 2)).toBe(6);
  });
});
