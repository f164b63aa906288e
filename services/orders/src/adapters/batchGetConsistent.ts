import { setTimeout as delay } from 'node:timers/promises';
import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { RetriesExhaustedError } from '@saga/shared';

/** Rounds for the keys a BatchGetItem leaves unprocessed (throttling) before the read fails. */
const UNPROCESSED_READ_ATTEMPTS = 4;
const UNPROCESSED_READ_BACKOFF_MS = 25;

/** BatchGetItem's limit of keys per request. */
export const BATCH_GET_KEY_LIMIT = 100;

/**
 * One consistent BatchGetItem over at most BATCH_GET_KEY_LIMIT keys, several tables at once, each
 * table's request as given (keys, projection) with ConsistentRead; keys left unprocessed are asked
 * again a few times, then the read fails (the caller's work is retried).
 */
export const batchGetConsistent = async (
  client: DynamoDBClient,
  tables: Record<string, Omit<KeysAndAttributes, 'ConsistentRead'>>,
): Promise<Record<string, Record<string, AttributeValue>[]>> => {
  const found: Record<string, Record<string, AttributeValue>[]> = {};
  let request: Record<string, KeysAndAttributes> = Object.fromEntries(
    Object.entries(tables).map(([table, asked]) => [table, { ...asked, ConsistentRead: true }]),
  );
  for (let attempt = 0; attempt < UNPROCESSED_READ_ATTEMPTS; attempt++) {
    if (attempt > 0) await delay(UNPROCESSED_READ_BACKOFF_MS * 2 ** (attempt - 1));
    const result = await client.send(new BatchGetItemCommand({ RequestItems: request }));
    for (const [table, items] of Object.entries(result.Responses ?? {}))
      found[table] = [...(found[table] ?? []), ...items];
    request = result.UnprocessedKeys ?? {};
    if (Object.keys(request).length === 0) return found;
  }
  throw new RetriesExhaustedError(
    `BatchGetItem left keys unprocessed after ${UNPROCESSED_READ_ATTEMPTS} attempts`,
  );
};
