import { type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  buildSagaStateRepository,
  byUpdatedAt,
  STATUS_INDEX,
  STATUS_KEY_ATTRIBUTE,
  statusKeys,
  toSagaState,
} from '@saga/orders/src/adapters/buildSagaStateRepository';
import type { Order } from '@saga/orders/src/domain/order/Order';
import type { SagaState, SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import {
  countDynamoShards,
  dynamoShardReader,
  INTERACTIVE_FAN_OUT_CONCURRENCY,
  queryShards,
} from '@saga/shared';
import { decodeCursor, encodeCursor, mergePage, type PartitionRead } from './pageCursor';
import { type ExplorerReadModel, SAGA_STATUSES } from './readModel';

export const CUSTOMER_ID_INDEX = 'CustomerIdIndex';

export interface ReadModelTables {
  readonly sagaStates: string;
  readonly orders: string;
}

/** The explorer's reads on DynamoDB: keys and indexes only (StatusIndex, OrderIdIndex, CustomerIdIndex). */
/** Statuses are read side by side: together they keep one fan-out's worth of queries in flight. */
const shareOfFanOut = (statuses: number) =>
  Math.max(1, Math.ceil(INTERACTIVE_FAN_OUT_CONCURRENCY / Math.max(1, statuses)));

export const buildDynamoReadModel = (client: DynamoDBClient, tables: ReadModelTables): ExplorerReadModel => {
  const sagas = buildSagaStateRepository(client, tables.sagaStates);

  /**
   * One status's next rows newest first, every StatusIndex shard merged. `after` is the last row
   * shown: rows up to its time are asked for, and its ties already shown are dropped by sagaId.
   */
  const readPartition = async (
    status: SagaStatus,
    limit: number,
    after: { sagaId: string; updatedAt: string } | undefined,
    concurrency: number,
    signal: AbortSignal | undefined,
  ): Promise<PartitionRead> => {
    const read = dynamoShardReader(
      client,
      {
        TableName: tables.sagaStates,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: after ? '#key = :key AND updatedAt <= :at' : '#key = :key',
        ExpressionAttributeNames: { '#key': STATUS_KEY_ATTRIBUTE },
        ExpressionAttributeValues: after ? { ':at': { S: after.updatedAt } } : {},
        ScanIndexForward: false,
      },
      ':key',
      signal,
    );
    const { items, more } = await queryShards<SagaState>({
      partitionKeys: statusKeys(status),
      read: async (key, pageLimit, startKey) => {
        const page = await read(key, pageLimit, startKey);
        return { items: page.items.map(toSagaState), lastKey: page.lastKey };
      },
      limit,
      compare: (a, b) => byUpdatedAt(b, a),
      keep: (saga) => !after || byUpdatedAt(saga, { ...saga, ...after }) < 0,
      concurrency,
    });
    return { status, items, more };
  };

  const countStatus = (status: SagaStatus, concurrency: number, signal?: AbortSignal): Promise<number> =>
    countDynamoShards(
      client,
      {
        TableName: tables.sagaStates,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': STATUS_KEY_ATTRIBUTE },
      },
      ':key',
      statusKeys(status),
      { concurrency, abortSignal: signal },
    );

  const getOrder = async (orderId: string): Promise<Order | undefined> => {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tables.orders, Key: { orderId: { S: orderId } } }),
    );
    return Item ? (unmarshall(Item) as Order) : undefined;
  };

  const orderIdsOfCustomer = async (customerId: string, limit: number): Promise<string[]> => {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tables.orders,
        IndexName: CUSTOMER_ID_INDEX,
        KeyConditionExpression: 'customerId = :customerId',
        ExpressionAttributeValues: { ':customerId': { S: customerId } },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => String(unmarshall(item).orderId));
  };

  return {
    async listSagas(statuses, limit, cursorText, { signal } = {}) {
      const cursor = cursorText ? decodeCursor(cursorText) : {};
      const reads = await Promise.all(
        statuses.map((status) => {
          const at = cursor[status];
          return at === 'done'
            ? { status, items: [], more: false }
            : readPartition(status, limit, at, shareOfFanOut(statuses.length), signal);
        }),
      );
      const { items, next } = mergePage(reads, cursor, limit);
      return next ? { items, nextCursor: encodeCursor(next) } : { items };
    },

    async countByStatus({ signal } = {}) {
      const share = shareOfFanOut(SAGA_STATUSES.length);
      const counts = await Promise.all(SAGA_STATUSES.map((status) => countStatus(status, share, signal)));
      return Object.fromEntries(SAGA_STATUSES.map((status, i) => [status, counts[i] ?? 0])) as Record<
        SagaStatus,
        number
      >;
    },

    async detail(orderId) {
      const [saga, order] = await Promise.all([sagas.findByOrderId(orderId), getOrder(orderId)]);
      return saga ? { saga, ...(order ? { order } : {}) } : undefined;
    },

    async search(term, limit) {
      const [bySagaId, byOrderId, customerOrderIds] = await Promise.all([
        sagas.get(term),
        sagas.findByOrderId(term),
        orderIdsOfCustomer(term, limit),
      ]);
      const ofCustomer = await Promise.all(customerOrderIds.map((orderId) => sagas.findByOrderId(orderId)));
      const found = new Map<string, SagaState>();
      for (const saga of [bySagaId, byOrderId, ...ofCustomer]) if (saga) found.set(saga.sagaId, saga);
      return [...found.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit);
    },
  };
};
