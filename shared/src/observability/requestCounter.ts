import type { MiddlewareStack } from '@smithy/types';
import { shardSuffix } from '../dynamo/writeShards';
import { PENDING_PARTITION_ATTRIBUTE } from '../outbox/outboxItem';

/**
 * The request log for the benchmark's cost model and partition-key figures. Off unless the
 * function's environment says `SAGA_REQUEST_LOG=on` (the benchmark switches it on for its run):
 * production calls then carry no middleware, no counting and no extra log line.
 *
 * When on, it counts per invocation one entry per command, plus the items that drive the bill
 * (transaction items, batch keys, bus entries), and, for every written item, which partition key
 * value it wrote (`table|attribute|value`) for the attributes named in `SAGA_REQUEST_LOG_KEYS`
 * (the benchmark passes every table's and index's partition key attribute). In memory only: no I/O.
 */
export interface RequestLogSettings {
  readonly enabled: boolean;
  readonly keyAttributes: ReadonlySet<string>;
}

export const requestLogSettings = (env: NodeJS.ProcessEnv = process.env): RequestLogSettings => ({
  enabled: env.SAGA_REQUEST_LOG === 'on',
  keyAttributes: new Set(
    (env.SAGA_REQUEST_LOG_KEYS ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  ),
});

const counts = new Map<string, number>();
const partitionWrites = new Map<string, number>();

const add = (target: Map<string, number>, key: string, n = 1) => target.set(key, (target.get(key) ?? 0) + n);

type Scalar = { S?: string; N?: string };
type ItemLike = Record<string, Scalar | undefined>;
interface WriteInput {
  TableName?: string;
  Item?: ItemLike;
  Key?: ItemLike;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: ItemLike;
}
type Input = WriteInput & {
  TransactItems?: { Put?: WriteInput; Update?: WriteInput; Delete?: WriteInput }[];
  RequestItems?: Record<
    string,
    { Keys?: unknown[] } | { PutRequest?: { Item?: ItemLike }; DeleteRequest?: { Key?: ItemLike } }[]
  >;
  Entries?: unknown[];
};

/** Attribute values an UpdateItem sets (`SET a = :v, #b = :w`), by attribute name. */
const assignedBy = (write: WriteInput): ItemLike => {
  const assigned: ItemLike = {};
  for (const [, name, value] of (write.UpdateExpression ?? '').matchAll(/(#?\w+)\s*=\s*(:\w+)/g)) {
    const attribute = name?.startsWith('#') ? write.ExpressionAttributeNames?.[name] : name;
    if (attribute && value) assigned[attribute] = write.ExpressionAttributeValues?.[value];
  }
  return assigned;
};

/** Attributes an UpdateItem removes (`REMOVE a, #b`): the item leaves an index keyed on them. */
const removedBy = (write: WriteInput): string[] => {
  const clause = /\bREMOVE\s+(.+?)(?=\s+\b(?:SET|ADD|DELETE)\b|$)/i.exec(write.UpdateExpression ?? '')?.[1];
  return (clause ?? '')
    .split(',')
    .map((name) => name.trim())
    .map((name) => (name.startsWith('#') ? (write.ExpressionAttributeNames?.[name] ?? '') : name))
    .filter(Boolean);
};

/**
 * The items one DynamoDB command writes, as (table, attributes known after the write). Puts carry
 * the whole item; updates their key and the values they set; deletes their key.
 */
export const writtenItems = (
  command: string,
  input: Input,
): { table: string; attributes: ItemLike; removed?: string[]; key?: ItemLike }[] => {
  const one = (write: WriteInput | undefined, kind: 'Put' | 'Update' | 'Delete') => {
    if (!write?.TableName) return [];
    if (kind === 'Update') {
      const attributes = { ...assignedBy(write), ...write.Key };
      return [{ table: write.TableName, attributes, removed: removedBy(write), key: write.Key }];
    }
    return [{ table: write.TableName, attributes: (kind === 'Put' ? write.Item : write.Key) ?? {} }];
  };
  switch (command) {
    case 'PutItem':
      return one(input, 'Put');
    case 'UpdateItem':
      return one(input, 'Update');
    case 'DeleteItem':
      return one(input, 'Delete');
    case 'TransactWriteItems':
      return (input.TransactItems ?? []).flatMap((item) => [
        ...one(item.Put, 'Put'),
        ...one(item.Update, 'Update'),
        ...one(item.Delete, 'Delete'),
      ]);
    case 'BatchWriteItem':
      return Object.entries(input.RequestItems ?? {}).flatMap(([table, requests]) =>
        (Array.isArray(requests) ? requests : []).map((request) => {
          const item = request.PutRequest?.Item;
          // A published outbox item replaces its pending version (markPublished): it leaves the
          // pending index, a write to the shard its eventId chose.
          if (item?.status?.S === 'PUBLISHED' && item.eventId?.S !== undefined)
            return {
              table,
              attributes: item,
              removed: [PENDING_PARTITION_ATTRIBUTE],
              key: { eventId: item.eventId },
            };
          return { table, attributes: item ?? request.DeleteRequest?.Key ?? {} };
        }),
      );
    default:
      return [];
  }
};

/**
 * The removed key's shard (`*#042`): every index key this system removes is write-sharded by the
 * item's own key (writeShards.ts), so the removal hit that shard, whatever the key's prefix.
 */
const removedShard = (key: ItemLike | undefined): string | undefined => {
  const values = Object.values(key ?? {});
  const only = values.length === 1 ? values[0]?.S : undefined;
  return only === undefined ? undefined : `*${shardSuffix(only)}`;
};

/**
 * `table|` (every write to the table), `table|attribute|value` for each watched key attribute it
 * writes, and when an update removes one (a write to that index) `table|attribute|*#042` (its
 * shard, the prefix unknown) or `table|attribute` (no single string key to place it by).
 */
export const partitionKeysWritten = (
  command: string,
  input: Input,
  keyAttributes: ReadonlySet<string>,
): string[] =>
  writtenItems(command, input).flatMap(({ table, attributes, removed = [], key }) => [
    `${table}|`,
    ...Object.entries(attributes).flatMap(([name, value]) => {
      const scalar = value?.S ?? value?.N;
      return keyAttributes.has(name) && scalar !== undefined ? [`${table}|${name}|${scalar}`] : [];
    }),
    ...removed
      .filter((name) => keyAttributes.has(name))
      .map((name) => {
        const shard = removedShard(key);
        return shard ? `${table}|${name}|${shard}` : `${table}|${name}`;
      }),
  ]);

export const countRequests = <I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  service: string,
  settings: RequestLogSettings = requestLogSettings(),
): void => {
  if (!settings.enabled) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as { commandName?: string }).commandName ?? 'unknown').replace(
        /Command$/,
        '',
      );
      add(counts, `${service}.${command}`);
      const input = (args as { input: Input }).input;
      if (input.TransactItems) add(counts, `${service}.${command}.items`, input.TransactItems.length);
      if (input.Entries) add(counts, `${service}.${command}.entries`, input.Entries.length);
      if (input.RequestItems && command === 'BatchGetItem') {
        const keys = Object.values(input.RequestItems).reduce(
          (sum, request) => sum + (('Keys' in request && request.Keys?.length) || 0),
          0,
        );
        add(counts, `${service}.${command}.keys`, keys);
      }
      if (input.RequestItems && command === 'BatchWriteItem') {
        const items = Object.values(input.RequestItems).reduce(
          (sum, requests) => sum + (Array.isArray(requests) ? requests.length : 0),
          0,
        );
        add(counts, `${service}.${command}.items`, items);
      }
      if (service === 'dynamodb') {
        for (const key of partitionKeysWritten(command, input, settings.keyAttributes))
          add(partitionWrites, key);
      }
      return next(args);
    },
    { step: 'initialize', name: 'sagaRequestCounter' },
  );
};

/** Takes this invocation's counts and starts afresh. */
export const takeRequestCounts = (): {
  awsRequests: Record<string, number>;
  partitionWrites: Record<string, number>;
} => {
  const snapshot = {
    awsRequests: Object.fromEntries(counts),
    partitionWrites: Object.fromEntries(partitionWrites),
  };
  counts.clear();
  partitionWrites.clear();
  return snapshot;
};
