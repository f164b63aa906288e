import type { DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { buildOutboxRepository, shardKey } from '@saga/shared';
import { buildTestEnvelope } from '@saga/shared/testing';
import type { ConfirmedOrder, PendingOrder } from '../domain/order/Order';
import type { SagaState } from '../domain/saga/SagaState';
import { buildOrderStore } from './buildOrderStore';
import { buildSagaStateRepository } from './buildSagaStateRepository';

const client = {} as DynamoDBClient;
const written: TransactWriteItem[][] = [];
const store = buildOrderStore({
  client,
  ordersTable: 'orders',
  requestKeysTable: 'request-keys',
  sagas: buildSagaStateRepository(client, 'sagas'),
  outbox: buildOutboxRepository(client, 'outbox'),
  transaction: {
    async write(items) {
      written.push([...items]);
    },
  },
});

const pending: PendingOrder = {
  orderId: 'ord-1',
  sagaId: 'saga-1',
  customerId: 'c',
  lines: [{ productId: 'p', quantity: 1, unitPriceCents: 100 }],
  totalCents: 100,
  currency: 'USD',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 1,
  status: 'PENDING',
};
const saga = { sagaId: 'saga-1', version: 1 } as unknown as SagaState;
const orderItemOf = (items: TransactWriteItem[]) =>
  unmarshall(items.find((item) => item.Put?.TableName === 'orders')?.Put?.Item ?? {});

describe('buildOrderStore: terminal orders enter the verification index in the same write', () => {
  beforeEach(() => {
    written.length = 0;
  });

  it('marks an order that just ended with its terminal event and the time it ended', async () => {
    const confirmed: ConfirmedOrder = {
      ...pending,
      status: 'CONFIRMED',
      confirmedAt: '2030-01-01T00:01:00.000Z',
      updatedAt: '2030-01-01T00:01:00.000Z',
    };
    const event = buildTestEnvelope('order.confirmed', { orderId: 'ord-1' });
    await store.apply({
      order: confirmed,
      previousOrder: pending,
      saga,
      previousSaga: saga,
      events: [event],
    });
    expect(orderItemOf(written[0] ?? [])).toMatchObject({
      status: 'CONFIRMED',
      // The order's own shard of the index key (write-sharded by orderId).
      awaitingVerification: shardKey('AWAITING', 'ord-1'),
      verifySince: '2030-01-01T00:01:00.000Z',
      terminalEventId: event.eventId,
      reconcileAttempts: 0,
    });
  });

  it('leaves an order that is still pending out of the index', async () => {
    const touched: PendingOrder = { ...pending, updatedAt: '2030-01-01T00:00:30.000Z' };
    await store.apply({ order: touched, previousOrder: pending, saga, previousSaga: saga, events: [] });
    expect(orderItemOf(written[0] ?? [])).not.toHaveProperty('awaitingVerification');
  });
});
