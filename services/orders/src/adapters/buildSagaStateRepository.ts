import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { allShardKeys, dynamoShardReader, queryShards, shardKey, versionedPut } from '@saga/shared';
import type { SagaState, SagaStatus } from '../domain/saga/SagaState';
import type { SagaStateRepository } from '../ports/SagaStateRepository';

export const ORDER_ID_INDEX = 'OrderIdIndex';
export const STATUS_INDEX = 'StatusIndex';
/**
 * StatusIndex's partition key: the status write-sharded by sagaId (`STARTED#042`, writeShards.ts),
 * so a saga keeps its shard through every status and no status is one hot key. `status` stays
 * the plain attribute of the saga.
 */
export const STATUS_KEY_ATTRIBUTE = 'statusKey';

export const statusKeyOf = (status: SagaStatus, sagaId: string): string => shardKey(status, sagaId);

/** Every shard of one status on StatusIndex. */
export const statusKeys = (status: SagaStatus): string[] => allShardKeys(status);

/** The stored item of a saga: the saga and its StatusIndex key (for anything writing sagas). */
export const sagaStateItem = (saga: SagaState): Record<string, unknown> => ({
  ...saga,
  [STATUS_KEY_ATTRIBUTE]: statusKeyOf(saga.status, saga.sagaId),
});

/** A stored item back into a saga, without its index key. */
export const toSagaState = (item: Record<string, AttributeValue>): SagaState => {
  const { [STATUS_KEY_ATTRIBUTE]: _key, ...saga } = unmarshall(item);
  return saga as SagaState;
};

/** Saga order on StatusIndex: by updatedAt, ties by sagaId. */
export const byUpdatedAt = (a: SagaState, b: SagaState): number =>
  a.updatedAt.localeCompare(b.updatedAt) || a.sagaId.localeCompare(b.sagaId);

export const buildSagaStateRepository = (client: DynamoDBClient, tableName: string): SagaStateRepository => {
  /** The StatusIndex query of one status, every shard merged, oldest or newest first. */
  const queryStatus = async (
    status: SagaStatus,
    limit: number,
    newestFirst: boolean,
    condition: { expression: string; values: Record<string, AttributeValue> } = {
      expression: '',
      values: {},
    },
  ): Promise<SagaState[]> => {
    const read = dynamoShardReader(
      client,
      {
        TableName: tableName,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: `#key = :key${condition.expression}`,
        ExpressionAttributeNames: { '#key': STATUS_KEY_ATTRIBUTE },
        ExpressionAttributeValues: condition.values,
        ScanIndexForward: !newestFirst,
      },
      ':key',
    );
    const { items } = await queryShards({
      partitionKeys: statusKeys(status),
      read: async (key, pageLimit, startKey) => {
        const page = await read(key, pageLimit, startKey);
        return { items: page.items.map(toSagaState), lastKey: page.lastKey };
      },
      limit,
      compare: newestFirst ? (a, b) => byUpdatedAt(b, a) : byUpdatedAt,
    });
    return items;
  };

  return {
    async get(sagaId) {
      const result = await client.send(
        new GetItemCommand({ TableName: tableName, Key: { sagaId: { S: sagaId } }, ConsistentRead: true }),
      );
      return result.Item ? toSagaState(result.Item) : undefined;
    },

    readKey: (sagaId) => ({ tableName, key: { sagaId: { S: sagaId } } }),
    fromItem: toSagaState,

    async findByOrderId(orderId) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: ORDER_ID_INDEX,
          KeyConditionExpression: 'orderId = :orderId',
          ExpressionAttributeValues: { ':orderId': { S: orderId } },
          Limit: 1,
        }),
      );
      const item = result.Items?.[0];
      return item ? toSagaState(item) : undefined;
    },

    findByStatusUpdatedBefore: (status, before, limit) =>
      queryStatus(status, limit, false, {
        expression: ' AND updatedAt < :before',
        values: { ':before': { S: before.toISOString() } },
      }),

    findRecentByStatus: (status, limit) => queryStatus(status, limit, true),

    putItem: (saga, expectedVersion) =>
      versionedPut(tableName, 'sagaId', sagaStateItem(saga), expectedVersion),
  };
};
