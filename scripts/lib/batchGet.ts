import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** Reads many items by key (any count), retrying unprocessed keys. */
export const batchGet = async (
  client: DynamoDBClient,
  table: string,
  keyName: string,
  keys: readonly string[],
): Promise<Map<string, Record<string, unknown>>> => {
  const found = new Map<string, Record<string, unknown>>();
  const unique = [...new Set(keys)];
  for (let start = 0; start < unique.length; start += 100) {
    let pending = unique.slice(start, start + 100).map((key) => ({ [keyName]: { S: key } }));
    for (let attempt = 0; pending.length > 0 && attempt < 10; attempt++) {
      const result = await client.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[table] ?? []) {
        const row = unmarshall(item);
        found.set(String(row[keyName]), row);
      }
      pending = (result.UnprocessedKeys?.[table]?.Keys ?? []) as typeof pending;
    }
  }
  return found;
};
