import { type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { versionedPut } from '@saga/shared';
import type { SagaState } from '../domain/saga/SagaState';
import type { SagaStateRepository } from '../ports/SagaStateRepository';

export const ORDER_ID_INDEX = 'OrderIdIndex';
export const STATUS_INDEX = 'StatusIndex';

export const buildSagaStateRepository = (client: DynamoDBClient, tableName: string): SagaStateRepository => ({
  async get(sagaId) {
    const result = await client.send(
      new GetItemCommand({ TableName: tableName, Key: { sagaId: { S: sagaId } }, ConsistentRead: true }),
    );
    return result.Item ? (unmarshall(result.Item) as SagaState) : undefined;
  },

  readKey: (sagaId) => ({ tableName, key: { sagaId: { S: sagaId } } }),
  fromItem: (item) => unmarshall(item) as SagaState,

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
    return item ? (unmarshall(item) as SagaState) : undefined;
  },

  async findByStatusUpdatedBefore(status, before, limit) {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#status = :status AND updatedAt < :before',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': { S: status }, ':before': { S: before.toISOString() } },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => unmarshall(item) as SagaState);
  },

  async findRecentByStatus(status, limit) {
    const result = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': { S: status } },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => unmarshall(item) as SagaState);
  },

  putItem: (saga, expectedVersion) => versionedPut(tableName, 'sagaId', { ...saga }, expectedVersion),
});
