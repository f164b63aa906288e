import { type DynamoDBClient, ScanCommand, type ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { IndexKey } from './writeShards';

export interface SparseIndexScan {
  /** The Scan of the index (TableName, IndexName, a FilterExpression for the due items). */
  readonly input: Omit<ScanCommandInput, 'ExclusiveStartKey' | 'Select'>;
  readonly limit: number;
  /** The order in which items are due; the first `limit` are returned. */
  readonly compare: (a: IndexKey, b: IndexKey) => number;
}

/**
 * The first `limit` items of a sparse index in `compare` order, read by Scan instead of one query
 * per write shard. A sparse index holds only the work still to do (pending events, orders awaiting
 * verification), so reading all of it costs what the backlog costs: one request when it is small,
 * where a fan-out costs a query per shard (320) whatever it holds. Its keys stay write-sharded, so
 * writes still spread over partitions; only the scheduled jobs read it this way, once a minute.
 * Every page is read (an item's place in the scan says nothing about its age); only the best
 * `limit` are kept in memory.
 */
export const scanSparseIndex = async (
  client: DynamoDBClient,
  { input, limit, compare }: SparseIndexScan,
): Promise<IndexKey[]> => {
  if (limit <= 0) return [];
  let best: IndexKey[] = [];
  let startKey: IndexKey | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    best.push(...(page.Items ?? []));
    if (best.length > 2 * limit) best = best.sort(compare).slice(0, limit);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return best.sort(compare).slice(0, limit);
};

/** How many items a sparse index holds that `input`'s filter keeps (Scan, Select COUNT, every page). */
export const countSparseIndex = async (
  client: DynamoDBClient,
  input: Omit<ScanCommandInput, 'ExclusiveStartKey' | 'Select'>,
): Promise<number> => {
  let count = 0;
  let startKey: IndexKey | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
};
