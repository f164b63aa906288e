import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  IdempotencyRepository,
  Order,
  OutboxRepository,
  SagaStateRepository,
  TransactionWriter,
} from '@saga/shared';
import type { OrderStore } from '../ports/OrderStore';

export interface OrderStoreDependencies {
  readonly client: DynamoDBClient;
  readonly ordersTable: string;
  readonly sagas: SagaStateRepository;
  readonly outbox: OutboxRepository;
  readonly idempotency: IdempotencyRepository;
  readonly transaction: TransactionWriter;
}

export const buildOrderStore = ({
  client,
  ordersTable,
  sagas,
  outbox,
  idempotency,
  transaction,
}: OrderStoreDependencies): OrderStore => {
  /** Writes the order guarded on the version it was read at (-1: it must not exist yet). */
  const putOrder = (order: Order, expectedVersion: number): TransactWriteItem => ({
    Put: {
      TableName: ordersTable,
      Item: marshall({ ...order, version: expectedVersion + 1 }, { removeUndefinedValues: true }),
      ...(expectedVersion < 0
        ? { ConditionExpression: 'attribute_not_exists(orderId)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
          }),
    },
  });

  return {
    async get(orderId) {
      const result = await client.send(
        new GetItemCommand({
          TableName: ordersTable,
          Key: { orderId: { S: orderId } },
          ConsistentRead: true,
        }),
      );
      return result.Item ? (unmarshall(result.Item) as Order) : undefined;
    },

    getSaga: (sagaId) => sagas.get(sagaId),
    findSagas: (status, updatedBefore, limit) =>
      sagas.findByStatusUpdatedBefore(status, updatedBefore, limit),

    create: (order, saga, events) =>
      transaction.write([putOrder(order, -1), sagas.putItem(saga, -1), ...outbox.putItems(events)]),

    apply: ({ order, previousOrder, saga, previousSaga, events, processed }) =>
      transaction.write([
        ...(processed ? [idempotency.claimItem(processed)] : []),
        ...(order === previousOrder ? [] : [putOrder(order, previousOrder.version)]),
        ...(saga === previousSaga ? [] : [sagas.putItem(saga, previousSaga.version)]),
        ...outbox.putItems(events),
      ]),
  };
};
