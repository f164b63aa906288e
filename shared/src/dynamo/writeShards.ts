import { createHash } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';

/**
 * Write-sharded index keys. On AWS one partition takes about 1,000 writes/s, so an index key that
 * every item shares (a status, a `PENDING` marker) caps the whole system there. Such keys get a
 * shard suffix (`PENDING#042`) and readers query every shard (`queryShards`).
 *
 * The shard is a hash of the item's own table key (eventId, sagaId, orderId), never stored state:
 * an item keeps its shard through every write (a saga across status changes), and a write that
 * only REMOVEs the key attribute (marking an event published) is still known to hit that shard.
 * 320 shards: hashing 2,000 items (the smallest sharded index of a 2,000-order run, e.g. the
 * inventory outbox) puts at most about 0.95 % on one key in 99 runs out of 100 (128 shards: ~1.3 %,
 * 256: ~1.05 %), under the 1 % goal; each fan-out costs 320 queries, a few at a time.
 */
export const WRITE_SHARDS = 320;

/**
 * How many shard queries one fan-out of the scheduled jobs keeps in flight. Low on purpose: the
 * sweepers, the deadline sweeper and the reconciler all fire on the minute, and on an emulator
 * (one Python process) 16 in flight each stalled every saga for seconds once a minute; 4 spreads
 * the same ~1,900 queries a minute over a few seconds. A person waiting (explorer) uses more.
 */
export const FAN_OUT_CONCURRENCY = 4;
/** Fan-out concurrency of interactive reads (the explorer, `make sagas`). */
export const INTERACTIVE_FAN_OUT_CONCURRENCY = 16;

const SHARD_DIGITS = String(WRITE_SHARDS - 1).length;

/** The shard of an item, from its table key: stable, and even over random ids. */
export const shardOf = (itemKey: string): number =>
  createHash('sha256').update(itemKey).digest().readUInt32BE(0) % WRITE_SHARDS;

/** `#042`: what every sharded key of an item ends with (the request log names removals by it). */
export const shardSuffix = (itemKey: string): string =>
  `#${String(shardOf(itemKey)).padStart(SHARD_DIGITS, '0')}`;

/** The index key of an item: `PENDING#042`. */
export const shardKey = (prefix: string, itemKey: string): string => `${prefix}${shardSuffix(itemKey)}`;

/** Every shard's key for `prefix`, the partitions a reader queries. */
export const allShardKeys = (prefix: string): string[] =>
  Array.from({ length: WRITE_SHARDS }, (_, i) => `${prefix}#${String(i).padStart(SHARD_DIGITS, '0')}`);

export type IndexKey = Record<string, AttributeValue>;

/** One page of one shard's partition, in index order. */
export interface ShardPage<T> {
  readonly items: readonly T[];
  readonly lastKey?: IndexKey;
}

/** Reads at most `limit` items of the partition `partitionKey` after `startKey`. */
export type ReadShardPage<T> = (
  partitionKey: string,
  limit: number,
  startKey?: IndexKey,
) => Promise<ShardPage<T>>;

/**
 * `fn` over every input, at most `concurrency` at a time, results in input order. The first failure
 * rejects, and no input starts after it: the answer is lost anyway, so the rest would be wasted work.
 */
export const mapBounded = async <A, B>(
  inputs: readonly A[],
  concurrency: number,
  fn: (input: A) => Promise<B>,
): Promise<B[]> => {
  const results = new Array<B>(inputs.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < inputs.length && !failed) {
      const index = next++;
      try {
        results[index] = await fn(inputs[index] as A);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
  return results;
};

export interface ShardedQuery<T> {
  /** Every shard's partition key (`allShardKeys(prefix)`). */
  readonly partitionKeys: readonly string[];
  readonly read: ReadShardPage<T>;
  readonly limit: number;
  /** The order of the merged result, which each shard's pages must follow too. */
  readonly compare: (a: T, b: T) => number;
  /** Drops items a key condition cannot (a cursor's ties); applied before the limit. */
  readonly keep?: (item: T) => boolean;
  readonly concurrency?: number;
}

interface ShardState<T> {
  readonly key: string;
  readonly items: T[];
  startKey?: IndexKey;
  done: boolean;
}

/**
 * The first `limit` items over all shards in `compare` order, and whether items remain after them.
 * A first round asks every shard for a small share of `limit`; then only shards whose last item
 * read still ranks within the best `limit` so far are read further (their unread items come after
 * it, so the others cannot place any). A fan-out costs one query per shard plus a few, not
 * `limit` items from each.
 */
export const queryShards = async <T>({
  partitionKeys,
  read,
  limit,
  compare,
  keep = () => true,
  concurrency = FAN_OUT_CONCURRENCY,
}: ShardedQuery<T>): Promise<{ items: T[]; more: boolean }> => {
  if (limit <= 0) return { items: [], more: false };
  const shards: ShardState<T>[] = partitionKeys.map((key) => ({ key, items: [], done: false }));
  const readMore = async (shard: ShardState<T>, want: number) => {
    const page = await read(shard.key, want, shard.startKey);
    shard.items.push(...page.items.filter(keep));
    shard.startKey = page.lastKey;
    shard.done = page.lastKey === undefined;
  };
  const firstLimit = Math.min(limit, Math.ceil((2 * limit) / Math.max(1, partitionKeys.length)));
  let pending = shards;
  let first = true;
  for (;;) {
    await mapBounded(pending, concurrency, (shard) =>
      readMore(shard, first ? firstLimit : limit - shard.items.length),
    );
    first = false;
    const merged = shards.flatMap((shard) => shard.items).sort(compare);
    const cutoff = merged.length >= limit ? merged[limit - 1] : undefined;
    pending = shards.filter((shard) => {
      if (shard.done || shard.items.length >= limit) return false;
      const last = shard.items[shard.items.length - 1];
      return cutoff === undefined || last === undefined || compare(last, cutoff) <= 0;
    });
    if (pending.length === 0) {
      return {
        items: merged.slice(0, limit),
        more: merged.length > limit || shards.some((shard) => !shard.done),
      };
    }
  }
};

/** The sum of `count` over every shard, `concurrency` at a time. */
export const countShards = async (
  partitionKeys: readonly string[],
  count: (partitionKey: string) => Promise<number>,
  concurrency = FAN_OUT_CONCURRENCY,
): Promise<number> => (await mapBounded(partitionKeys, concurrency, count)).reduce((sum, n) => sum + n, 0);

/**
 * A ReadShardPage over DynamoDB: `input` is the query with its partition key value left to the
 * `placeholder` expression value, which each shard fills in.
 */
export const dynamoShardReader =
  (
    client: DynamoDBClient,
    input: QueryCommandInput,
    placeholder: string,
    abortSignal?: AbortSignal,
  ): ReadShardPage<IndexKey> =>
  async (partitionKey, limit, startKey) => {
    const page = await client.send(
      new QueryCommand({
        ...input,
        ExpressionAttributeValues: { ...input.ExpressionAttributeValues, [placeholder]: { S: partitionKey } },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
      { abortSignal },
    );
    return { items: page.Items ?? [], lastKey: page.LastEvaluatedKey };
  };

/**
 * Items counted over every shard of a query (Select COUNT, paged), for totals such as status counts.
 * `abortSignal` (a reader who went away) stops it: no shard query starts after it fires.
 */
export const countDynamoShards = (
  client: DynamoDBClient,
  input: QueryCommandInput,
  placeholder: string,
  partitionKeys: readonly string[],
  {
    concurrency = FAN_OUT_CONCURRENCY,
    abortSignal,
  }: { concurrency?: number; abortSignal?: AbortSignal } = {},
): Promise<number> =>
  countShards(
    partitionKeys,
    async (partitionKey) => {
      let count = 0;
      let startKey: IndexKey | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            ...input,
            ExpressionAttributeValues: {
              ...input.ExpressionAttributeValues,
              [placeholder]: { S: partitionKey },
            },
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
          { abortSignal },
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    },
    concurrency,
  );
