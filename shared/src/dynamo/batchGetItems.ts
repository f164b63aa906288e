import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

const MAX_KEYS_PER_BATCH = 100;
const MAX_ATTEMPTS = 5;

/**
 * Strongly consistent reads of many items by a string hash key, 100 keys per call, asking again
 * for keys DynamoDB left unprocessed (it does under throttling). Missing items are simply absent.
 */
export const batchGetItems = async <T>(
  client: DynamoDBClient,
  tableName: string,
  keyName: string,
  keys: readonly string[],
): Promise<Map<string, T>> => {
  const found = new Map<string, T>();
  const unique = [...new Set(keys)];
  for (let start = 0; start < unique.length; start += MAX_KEYS_PER_BATCH) {
    let pending = unique.slice(start, start + MAX_KEYS_PER_BATCH).map((key) => ({ [keyName]: { S: key } }));
    for (let attempt = 0; pending.length > 0 && attempt < MAX_ATTEMPTS; attempt++) {
      const result = await client.send(
        new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) {
        const row = unmarshall(item);
        found.set(String(row[keyName]), row as T);
      }
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof pending;
    }
    if (pending.length > 0) throw new Error(`Reads from ${tableName} throttled; try again`);
  }
  return found;
};
