import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type AnyEventEnvelope,
  type OutboxRepository,
  TransactionConflictError,
  type TransactionWriter,
  versionedPut,
} from '@saga/shared';
import type { Order, PendingOrder } from '../domain/order/Order';
import { sagaIdOf } from '../domain/saga/sagaIdOf';
import { type OrderStore, RequestKeyConflictError, type RequestKeyRecord } from '../ports/OrderStore';
import type { SagaStateRepository } from '../ports/SagaStateRepository';
import { batchGetConsistent } from './batchGetConsistent';
import { awaitingVerificationAttributes } from './buildSagaVerification';

/** The request-keys table's key and TTL attribute (services/orders/serverless.yml). */
export const REQUEST_KEY_ATTRIBUTE = 'requestKey';
export const REQUEST_KEY_TTL_ATTRIBUTE = 'ttl';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Claims the key unless a live record holds it. An expired record that TTL has not deleted yet
 * (deletion can lag by days) no longer holds its key.
 */
const claimRequestKey = (tableName: string, record: RequestKeyRecord, now: Date): TransactWriteItem => ({
  Put: {
    TableName: tableName,
    Item: marshall(
      {
        [REQUEST_KEY_ATTRIBUTE]: record.requestKey,
        fingerprint: record.fingerprint,
        order: record.order,
        [REQUEST_KEY_TTL_ATTRIBUTE]: record.expiresAt,
      },
      { removeUndefinedValues: true },
    ),
    ConditionExpression: 'attribute_not_exists(#key) OR #ttl <= :now',
    ExpressionAttributeNames: { '#key': REQUEST_KEY_ATTRIBUTE, '#ttl': REQUEST_KEY_TTL_ATTRIBUTE },
    ExpressionAttributeValues: { ':now': { N: String(epochSeconds(now)) } },
  },
});

export interface OrderStoreDependencies {
  readonly client: DynamoDBClient;
  readonly ordersTable: string;
  readonly requestKeysTable: string;
  readonly sagas: SagaStateRepository;
  readonly outbox: OutboxRepository;
  readonly transaction: TransactionWriter;
}

export const buildOrderStore = ({
  client,
  ordersTable,
  requestKeysTable,
  sagas,
  outbox,
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
      { ...order, ...awaitingVerificationAttributes(order.orderId, order.updatedAt, terminal.eventId) },
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
      return result.Item && toOrder(result.Item);
    },

    async getWithSaga(orderId) {
      const derived = sagas.readKey(sagaIdOf(orderId));
      const items = await batchGetConsistent(client, {
        [ordersTable]: { Keys: [{ orderId: { S: orderId } }] },
        [derived.tableName]: { Keys: [derived.key] },
      });
      const orderItem = items[ordersTable]?.[0];
      if (!orderItem) return undefined;
      const order = toOrder(orderItem);
      if (order.sagaId === sagaIdOf(orderId)) {
        const sagaItem = items[derived.tableName]?.[0];
        return { order, saga: sagaItem && sagas.fromItem(sagaItem) };
      }
      // A saga created before ids were derived: read it by the id its order keeps.
      return { order, saga: await sagas.get(order.sagaId) };
    },
    findSagas: (status, updatedBefore, limit) =>
      sagas.findByStatusUpdatedBefore(status, updatedBefore, limit),

    async create(order, saga, events, requestKey) {
      const items = [putOrder(order, -1), sagas.putItem(saga, -1), ...outbox.putItems(events)];
      if (!requestKey) return transaction.write(items);
      // The key goes first so its cancellation reason is at index 0.
      try {
        await transaction.write([
          claimRequestKey(requestKeysTable, requestKey, new Date(order.createdAt)),
          ...items,
        ]);
      } catch (error) {
        // Order, saga and event ids are fresh, so a cancelled write is the key's doing unless the store
        // names another item. Emulators that give no reasons leave it to the caller's re-read.
        if (error instanceof TransactionConflictError && !otherItemFailed(error.reasons)) {
          throw new RequestKeyConflictError(requestKey.requestKey, { cause: error });
        }
        throw error;
      }
    },

    async getRequestKey(requestKey, now) {
      const result = await client.send(
        new GetItemCommand({
          TableName: requestKeysTable,
          Key: { [REQUEST_KEY_ATTRIBUTE]: { S: requestKey } },
          ConsistentRead: true,
        }),
      );
      if (!result.Item) return undefined;
      const item = unmarshall(result.Item);
      const expiresAt = Number(item[REQUEST_KEY_TTL_ATTRIBUTE]);
      if (expiresAt <= epochSeconds(now)) return undefined;
      return {
        requestKey,
        fingerprint: String(item.fingerprint),
        order: item.order as PendingOrder,
        expiresAt,
      };
    },

    apply: ({ order, previousOrder, saga, previousSaga, events }) =>
      transaction.write([
        ...(order === previousOrder ? [] : [putEndedOrder(order, previousOrder, events)]),
        ...(saga === previousSaga ? [] : [sagas.putItem(saga, previousSaga.version)]),
        ...outbox.putItems(events),
      ]),
  };
};

/** The reconciler's bookkeeping is not part of the order. */
const toOrder = (item: Record<string, AttributeValue>): Order => {
  const {
    awaitingVerification: _awaiting,
    verifySince: _since,
    terminalEventId: _terminal,
    reconcileAttempts: _attempts,
    ...order
  } = unmarshall(item);
  return order as Order;
};

/** Reasons are per item, in order: index 0 is the key; anything failing after it is not about the key. */
const otherItemFailed = (reasons: readonly (string | undefined)[]) =>
  reasons.slice(1).some((code) => code !== undefined && code !== 'None');
