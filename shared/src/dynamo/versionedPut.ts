import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * Optimistic locking in one place: writes `item` with version `expectedVersion + 1`, guarded on
 * the version it was read at; `expectedVersion` -1 means the item must not exist yet.
 */
export const versionedPut = (
  tableName: string,
  keyName: string,
  item: Record<string, unknown>,
  expectedVersion: number,
): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: marshall({ ...item, version: expectedVersion + 1 }, { removeUndefinedValues: true }),
    ...(expectedVersion < 0
      ? { ConditionExpression: `attribute_not_exists(${keyName})` }
      : {
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
        }),
  },
});
