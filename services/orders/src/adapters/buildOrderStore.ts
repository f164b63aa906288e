import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type AnyEventEnvelope,
  type IdempotencyRepository,
  type Order,
  type OutboxRepository,
  type SagaStateRepository,
  type TransactionWriter,
  versionedPut,
} from '@saga/shared';
import type { OrderStore } from '../ports/OrderStore';
import { awaitingVerificationAttributes } from './buildSagaVerification';

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

  /** An order that just became terminal enters the reconciler's sparse index, in the same write. */
  const putEndedOrder = (
    order: Order,
    previousOrder: Order,
    events: readonly AnyEventEnvelope[],
  ): TransactWriteItem => {
    const terminal = events.find(
      ({ eventType }) => eventType === 'order.confirmed' || eventType === 'order.cancelled',
    );
    if (order.status === 'PENDING' || previousOrder.status !== 'PENDING' || !terminal)
      return putOrder(order, previousOrder.version);
    return versionedPut(
      ordersTable,
      'orderId',
      { ...order, ...awaitingVerificationAttributes(order.updatedAt, terminal.eventId) },
      previousOrder.version,
    );
  };

  return {
    async get(orderId) {
      const result = await client.send(
        new GetItemCommand({
          TableName: ordersTable,
          Key: { orderId: { S: orderId } },
          ConsistentRead: true,
        }),
      );
      if (!result.Item) return undefined;
      // The reconciler's bookkeeping is not part of the order.
      const {
        awaitingVerification: _awaiting,
        verifySince: _since,
        terminalEventId: _terminal,
        reconcileAttempts: _attempts,
        ...order
      } = unmarshall(result.Item);
      return order as Order;
    },

    getSaga: (sagaId) => sagas.get(sagaId),
    findSagas: (status, updatedBefore, limit) =>
      sagas.findByStatusUpdatedBefore(status, updatedBefore, limit),

    create: (order, saga, events) =>
      transaction.write([putOrder(order, -1), sagas.putItem(saga, -1), ...outbox.putItems(events)]),

    apply: ({ order, previousOrder, saga, previousSaga, events, processed }) =>
      transaction.write([
        ...(processed ? [idempotency.claimItem(processed)] : []),
        ...(order === previousOrder ? [] : [putEndedOrder(order, previousOrder, events)]),
        ...(saga === previousSaga ? [] : [sagas.putItem(saga, previousSaga.version)]),
        ...outbox.putItems(events),
      ]),
  };
};
