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
 * From the request log's written keys (`table|`, `table|attribute|value`, `table|attribute` for a
 * removal), per table and index: how many writes it took and the largest share one partition key
 * value received. A removal from a sparse index is a write to it whose key value is not logged: it
 * counts towards a key only when the index's logged writes all carried that one key.
 */
export const partitionShares = (
  written: Record<string, number>,
  indexes: readonly KeyedIndex[],
): PartitionShare[] =>
  indexes.flatMap(({ table, index, partitionKey }) => {
    const prefix = `${table}|${partitionKey}|`;
    const perKey = Object.entries(written).filter(([key]) => key.startsWith(prefix));
    const removals = written[`${table}|${partitionKey}`] ?? 0;
    const keyed = perKey.reduce((sum, [, n]) => sum + n, 0);
    const writes = index ? keyed + removals : (written[`${table}|`] ?? 0);
    if (writes === 0) return [];
    const [topKey, keyedTop] = perKey.reduce<[string, number]>(
      (best, [key, n]) => (n > best[1] ? [key.slice(prefix.length), n] : best),
      ['', 0],
    );
    // When every keyed write went to one value, the removals left that same key.
    const topWrites = index && perKey.length === 1 ? keyedTop + removals : keyedTop;
    return [{ table, index: index ?? '(table)', writes, topKey, topWrites, share: topWrites / writes }];
  });

/** Write units the indexes add (an index write costs one unit per item of up to 1 KB). */
export const indexWriteUnits = (shares: readonly PartitionShare[]): number =>
  shares.filter((s) => s.index !== '(table)').reduce((sum, s) => sum + s.writes, 0);
