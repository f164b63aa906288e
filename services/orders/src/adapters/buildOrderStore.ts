import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type IdempotencyRepository,
  type OutboxRepository,
  type TransactionWriter,
  versionedPut,
} from '@saga/shared';
import type { Order } from '../domain/order/Order';
import type { OrderStore } from '../ports/OrderStore';
import type { SagaStateRepository } from '../ports/SagaStateRepository';

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
  const putOrder = (order: Order, expectedVersion: number): TransactWriteItem =>
    versionedPut(ordersTable, 'orderId', { ...order }, expectedVersion);

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
