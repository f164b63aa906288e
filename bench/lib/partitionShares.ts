/** A table or one of its global secondary indexes, by the attribute its partitions are keyed on. */
export interface KeyedIndex {
  readonly table: string;
  /** undefined for the table itself. */
  readonly index?: string;
  readonly partitionKey: string;
}

export interface PartitionShare {
  readonly table: string;
  readonly index: string;
  readonly writes: number;
  readonly topKey: string;
  readonly topWrites: number;
  readonly share: number;
}

/**
 * Removals the request log names by shard (`*#042`, see requestCounter.ts) go to the one written
 * key of that shard (`PENDING#042`); with no such key, or several prefixes on that shard (which no
 * sparse index has), they stay under their own name.
 */
const placeRemovals = (perKey: readonly [string, number][]): Map<string, number> => {
  const placed = new Map<string, number>();
  for (const [value, n] of perKey) if (!value.startsWith('*')) placed.set(value, n);
  const keyed = [...placed.keys()];
  for (const [value, n] of perKey) {
    if (!value.startsWith('*')) continue;
    const suffix = value.slice(1);
    const owners = keyed.filter((key) => key.endsWith(suffix));
    const target = owners.length === 1 ? (owners[0] as string) : value;
    placed.set(target, (placed.get(target) ?? 0) + n);
  }
  return placed;
};

/**
 * From the request log's written keys (`table|`, `table|attribute|value`, `table|attribute|*#042`
 * for a removal from a write-sharded key, `table|attribute` for a removal it could not place),
 * per table and index: how many writes it took and the largest share one partition key value
 * received. An unplaced removal counts towards a key only when the index's logged writes all
 * carried that one key.
 */
export const partitionShares = (
  written: Record<string, number>,
  indexes: readonly KeyedIndex[],
): PartitionShare[] =>
  indexes.flatMap(({ table, index, partitionKey }) => {
    const prefix = `${table}|${partitionKey}|`;
    const perKey = [
      ...placeRemovals(
        Object.entries(written)
          .filter(([key]) => key.startsWith(prefix))
          .map(([key, n]) => [key.slice(prefix.length), n] as [string, number]),
      ),
    ];
    const removals = written[`${table}|${partitionKey}`] ?? 0;
    const keyed = perKey.reduce((sum, [, n]) => sum + n, 0);
    const writes = index ? keyed + removals : (written[`${table}|`] ?? 0);
    if (writes === 0) return [];
    const [topKey, keyedTop] = perKey.reduce<[string, number]>(
      (best, [key, n]) => (n > best[1] ? [key, n] : best),
      ['', 0],
    );
    // When every keyed write went to one value, the removals left that same key.
    const topWrites = index && perKey.length === 1 ? keyedTop + removals : keyedTop;
    return [{ table, index: index ?? '(table)', writes, topKey, topWrites, share: topWrites / writes }];
  });

/** Write units the indexes add (an index write costs one unit per item of up to 1 KB). */
export const indexWriteUnits = (shares: readonly PartitionShare[]): number =>
  shares.filter((s) => s.index !== '(table)').reduce((sum, s) => sum + s.writes, 0);
