import { type DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { buildOutboxRepository, buildTransactionWriter, createEnvelope } from '@saga/shared';
import {
  buildSequentialIdGenerator,
  createStackTable,
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '@saga/shared/testing';
import type { PendingOrder } from '../domain/order/Order';
import { sagaIdOf } from '../domain/saga/sagaIdOf';
import { startSaga } from '../domain/saga/startSaga';
import { type OrderStore, RequestKeyConflictError, type RequestKeyRecord } from '../ports/OrderStore';
import { buildOrderStore, REQUEST_KEY_ATTRIBUTE, REQUEST_KEY_TTL_ATTRIBUTE } from './buildOrderStore';
import { buildSagaStateRepository } from './buildSagaStateRepository';

/**
 * The request key's conditions against Amazon DynamoDB Local: the key is claimed in the order's
 * own transaction, so a taken key leaves no order, saga or event behind, even under concurrency.
 */
jest.setTimeout(30_000);

const STARTUP_TIMEOUT_MS = 60_000;
const NOW = '2030-01-01T12:00:00.000Z';
const NOW_SECONDS = Date.parse(NOW) / 1000;

let local: DynamoDbLocal | undefined;
let client: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal(STARTUP_TIMEOUT_MS - 5_000);
  client = local.client;
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await local?.stop();
});

let tableCounter = 0;
/** A table as its stack declares it (keys, indexes, stream), under a fresh name. */
const stackTable = (file: string, logicalId: string, prefix: string) => {
  tableCounter += 1;
  return createStackTable(client, file, logicalId, `${prefix}-${tableCounter}`);
};
const ORDERS_STACK = 'services/orders/serverless.yml';

const scanCount = async (tableName: string) =>
  (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Count ?? 0;

interface Tables {
  readonly orders: string;
  readonly sagas: string;
  readonly outbox: string;
  readonly requestKeys: string;
}

const setup = async (): Promise<{ store: OrderStore; tables: Tables }> => {
  const tables = {
    orders: await stackTable(ORDERS_STACK, 'OrdersTable', 'orders'),
    sagas: await stackTable(ORDERS_STACK, 'SagaStateTable', 'sagas'),
    outbox: await stackTable('shared/infra/outbox-table.yml', 'OutboxTable', 'outbox'),
    requestKeys: await stackTable(ORDERS_STACK, 'RequestKeysTable', 'request-keys'),
  };
  const store = buildOrderStore({
    client,
    ordersTable: tables.orders,
    requestKeysTable: tables.requestKeys,
    sagas: buildSagaStateRepository(client, tables.sagas),
    outbox: buildOutboxRepository(client, tables.outbox),
    transaction: buildTransactionWriter(client),
  });
  return { store, tables };
};

const newId = buildSequentialIdGenerator();

/** A fresh order, its saga and order.created, as createOrder builds them (`legacy`: a random saga id). */
const anOrder = ({ legacy = false } = {}) => {
  const orderId = `ord-${newId()}`;
  const sagaId = legacy ? `saga-${newId()}` : sagaIdOf(orderId);
  const order: PendingOrder = {
    orderId,
    sagaId,
    customerId: 'customer-1',
    lines: [{ productId: 'pen', quantity: 1, unitPriceCents: 150 }],
    totalCents: 150,
    currency: 'USD',
    status: 'PENDING',
    createdAt: NOW,
    updatedAt: NOW,
    version: 0,
  };
  const event = createEnvelope(
    { clock: () => new Date(NOW), newId },
    'order.created',
    { orderId, sagaId, customerId: 'customer-1', lines: [...order.lines], totalCents: 150, currency: 'USD' },
    { correlationId: orderId, causationId: 'req-1' },
  );
  return { order, saga: startSaga(sagaId, orderId, NOW), events: [event] };
};

const keyFor = (
  order: PendingOrder,
  fingerprint = 'fp-1',
  expiresAt = NOW_SECONDS + 86_400,
): RequestKeyRecord => ({
  requestKey: 'anonymous key-1',
  fingerprint,
  order,
  expiresAt,
});

describe('buildOrderStore request keys', () => {
  it('writes the key record with the order and reads it back', async () => {
    const { store, tables } = await setup();
    const { order, saga, events } = anOrder();

    await store.create(order, saga, events, keyFor(order));

    expect(await store.getRequestKey('anonymous key-1', new Date(NOW))).toEqual(keyFor(order));
    expect(await scanCount(tables.orders)).toBe(1);
    expect(await scanCount(tables.outbox)).toBe(1);
  });

  it('refuses a taken key with RequestKeyConflictError and writes nothing else', async () => {
    const { store, tables } = await setup();
    const first = anOrder();
    await store.create(first.order, first.saga, first.events, keyFor(first.order));
    const second = anOrder();

    await expect(
      store.create(second.order, second.saga, second.events, keyFor(second.order, 'fp-2')),
    ).rejects.toThrow(RequestKeyConflictError);

    expect(await scanCount(tables.orders)).toBe(1);
    expect(await scanCount(tables.sagas)).toBe(1);
    expect(await scanCount(tables.outbox)).toBe(1);
    expect((await store.getRequestKey('anonymous key-1', new Date(NOW)))?.order).toEqual(first.order);
  });

  it('lets an expired key that TTL has not deleted yet be claimed again, and never returns it', async () => {
    const { store, tables } = await setup();
    const stale = anOrder().order;
    await client.send(
      new PutItemCommand({
        TableName: tables.requestKeys,
        Item: marshall({
          [REQUEST_KEY_ATTRIBUTE]: 'anonymous key-1',
          fingerprint: 'old',
          order: stale,
          [REQUEST_KEY_TTL_ATTRIBUTE]: NOW_SECONDS,
        }),
      }),
    );
    expect(await store.getRequestKey('anonymous key-1', new Date(NOW))).toBeUndefined();
    const { order, saga, events } = anOrder();

    await store.create(order, saga, events, keyFor(order));

    expect((await store.getRequestKey('anonymous key-1', new Date(NOW)))?.fingerprint).toBe('fp-1');
  });

  it('lets exactly one of many concurrent creates with one key commit', async () => {
    const { store, tables } = await setup();
    const attempts = Array.from({ length: 12 }, () => anOrder());

    const outcomes = await Promise.allSettled(
      attempts.map(({ order, saga, events }) => store.create(order, saga, events, keyFor(order))),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(RequestKeyConflictError);
    }
    expect(await scanCount(tables.orders)).toBe(1);
    expect(await scanCount(tables.sagas)).toBe(1);
    expect(await scanCount(tables.outbox)).toBe(1);
  });

  it('creates without a key as before', async () => {
    const { store, tables } = await setup();
    const { order, saga, events } = anOrder();

    await store.create(order, saga, events);

    expect(await scanCount(tables.orders)).toBe(1);
    expect(await scanCount(tables.requestKeys)).toBe(0);
  });
});

describe('buildOrderStore getWithSaga', () => {
  /** Runs `read` with the client spied on (calls go through); the requests it sent, by command name. */
  const requestsOf = async (read: () => Promise<unknown>) => {
    const send = jest.spyOn(client, 'send');
    try {
      await read();
      const counts: Record<string, number> = {};
      for (const [command] of send.mock.calls) {
        const name = (command as object).constructor.name;
        counts[name] = (counts[name] ?? 0) + 1;
      }
      return counts;
    } finally {
      send.mockRestore();
    }
  };

  it('reads the order and its saga in one consistent BatchGetItem', async () => {
    const { store } = await setup();
    const { order, saga, events } = anOrder();
    await store.create(order, saga, events);
    expect(await store.getWithSaga(order.orderId)).toEqual({ order, saga });
    expect(await requestsOf(() => store.getWithSaga(order.orderId))).toEqual({ BatchGetItemCommand: 1 });
  });

  it("falls back to a GetItem by the order's sagaId for a saga created before ids were derived", async () => {
    const { store } = await setup();
    const { order, saga, events } = anOrder({ legacy: true });
    await store.create(order, saga, events);
    expect(await store.getWithSaga(order.orderId)).toEqual({ order, saga });
    expect(await requestsOf(() => store.getWithSaga(order.orderId))).toEqual({
      BatchGetItemCommand: 1,
      GetItemCommand: 1,
    });
  });

  it('finds nothing for an unknown order', async () => {
    const { store } = await setup();

    expect(await store.getWithSaga('ord-nope')).toBeUndefined();
  });
});
