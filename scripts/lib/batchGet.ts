import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGetItems } from '@saga/shared';

/** Reads many items by key (any count) as plain rows. */
export const batchGet = (
  client: DynamoDBClient,
  table: string,
  keyName: string,
  keys: readonly string[],
): Promise<Map<string, Record<string, unknown>>> =>
  batchGetItems<Record<string, unknown>>(client, table, keyName, keys);
