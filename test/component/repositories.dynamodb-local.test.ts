import {
  type AttributeValue,
  CreateTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { buildInventoryStore } from '@saga/inventory/src/adapters/buildInventoryStore';
import type { InventoryChange } from '@saga/inventory/src/domain/decideInventory';
import type { StockLine } from '@saga/inventory/src/domain/StockLine';
import { handleOrderEvent } from '@saga/inventory/src/useCases/handleOrderEvent';
import {
  buildSagaStateRepository,
  STATUS_INDEX,
  STATUS_KEY_ATTRIBUTE,
  statusKeyOf,
} from '@saga/orders/src/adapters/buildSagaStateRepository';
import { evolveSaga } from '@saga/orders/src/domain/saga/evolveSaga';
import { startSaga } from '@saga/orders/src/domain/saga/startSaga';
import { buildPaymentStore } from '@saga/payments/src/adapters/buildPaymentStore';
import { handleInventoryEvent } from '@saga/payments/src/useCases/handleInventoryEvent';
import { buildRewardsStore } from '@saga/rewards/src/adapters/buildRewardsStore';
import { awardPoints } from '@saga/rewards/src/useCases/awardPoints';
import type { AnyEventEnvelope } from '@saga/shared';
import {
  buildIdempotencyRepository,
  buildOutboxRepository,
  buildTransactionWriter,
  fromOutboxItem,
  PENDING_INDEX,
  PENDING_PARTITION_ATTRIBUTE,
  pendingPartitionOf,
  shardOf,
  TransactionConflictError,
  toOutboxItem,
} from '@saga/shared';
import {
  buildManualClock,
  buildSequentialIdGenerator,
  buildTestEnvelope,
  countCalls,
  createStackTable,
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '@saga/shared/testing';

/**
 * Repository adapters against Amazon DynamoDB Local (in memory, on a free port): real
 * transactions, condition expressions and sparse global secondary indexes.
 */
jest.setTimeout(30_000);

const STARTUP_TIMEOUT_MS = 60_000;

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

/** A fresh table per test keeps the tests independent of each other's items. */
const createTable = async (prefix: string, hashKey: string): Promise<string> => {
  tableCounter += 1;
  const tableName = `${prefix}-${tableCounter}`;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: hashKey, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: hashKey, KeyType: 'HASH' }],
    }),
  );
  return tableName;
};

/** A table as its stack declares it (keys, indexes, stream), under a fresh name. */
const stackTable = (file: string, logicalId: string, prefix: string): Promise<string> => {
  tableCounter += 1;
  return createStackTable(client, file, logicalId, `${prefix}-${tableCounter}`);
};
const createOutboxTable = () => stackTable('shared/infra/outbox-table.yml', 'OutboxTable', 'outbox');
const createIdempotencyTable = () =>
  stackTable('shared/infra/idempotency-table.yml', 'IdempotencyTable', 'idempotency');
const createSagaTable = () => stackTable('services/orders/serverless.yml', 'SagaStateTable', 'sagas');

const getItem = async (tableName: string, key: Record<string, AttributeValue>) =>
  (await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

const scanAll = async (tableName: string) =>
  (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];

const conflictOf = async (writing: Promise<unknown>): Promise<TransactionConflictError> => {
  try {
    await writing;
  } catch (error) {
    if (error instanceof TransactionConflictError) return error;
    throw error;
  }
  throw new Error('expected a TransactionConflictError, the write succeeded');
};

const eventAt = (eventId: string, occurredAt: string): AnyEventEnvelope =>
  buildTestEnvelope('order.created', {}, { eventId, occurredAt });

describe('buildTransactionWriter', () => {
  it('turns a cancelled transaction into a TransactionConflictError with per-item reasons', async () => {
    const tableName = await createTable('plain', 'id');
    await client.send(new PutItemCommand({ TableName: tableName, Item: { id: { S: 'taken' } } }));
    const writer = buildTransactionWriter(client);

    const conflict = await conflictOf(
      writer.write([
        { Put: { TableName: tableName, Item: { id: { S: 'free' } } } },
        {
          Put: {
            TableName: tableName,
            Item: { id: { S: 'taken' } },
            ConditionExpression: 'attribute_not_exists(id)',
          },
        },
      ]),
    );

    expect(conflict.reasons).toEqual(['None', 'ConditionalCheckFailed']);
    expect(await getItem(tableName, { id: { S: 'free' } })).toBeUndefined();
  });

  it('rethrows errors that are not conflicts untouched', async () => {
    const writer = buildTransactionWriter(client);

    await expect(
      writer.write([{ Put: { TableName: 'no-such-table', Item: { id: { S: 'x' } } } }]),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('buildOutboxRepository', () => {
  it('stores events through putItems in a transaction, pending and indexed', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const event = eventAt('evt-1', '2030-01-01T00:00:00.000Z');

    await buildTransactionWriter(client).write(outbox.putItems([event]));

    const item = await getItem(tableName, { eventId: { S: 'evt-1' } });
    expect(item).toMatchObject({
      eventId: { S: 'evt-1' },
      eventType: { S: 'order.created' },
      source: { S: 'saga.orders' },
      correlationId: { S: event.correlationId },
      occurredAt: { S: '2030-01-01T00:00:00.000Z' },
      status: { S: 'PENDING' },
      [PENDING_PARTITION_ATTRIBUTE]: { S: pendingPartitionOf('evt-1') },
    });
    expect(item?.[PENDING_PARTITION_ATTRIBUTE]?.S).toMatch(/^PENDING#\d{3}$/);
    expect(item?.causationId).toEqual({ S: event.causationId });
    expect(item?.schemaVersion).toEqual({ N: String(event.schemaVersion) });
    expect(JSON.parse(item?.data?.S ?? '')).toEqual(event.data);
    expect(fromOutboxItem(item ?? {})).toEqual(event);
  });

  it('refuses to store an event id twice', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const writer = buildTransactionWriter(client);
    await writer.write(outbox.putItems([eventAt('evt-1', '2030-01-01T00:00:00.000Z')]));

    await expect(
      writer.write(outbox.putItems([eventAt('evt-1', '2030-01-01T00:05:00.000Z')])),
    ).rejects.toBeInstanceOf(TransactionConflictError);
  });

  it('finds unpublished events at or before the cutoff, oldest first, as validated envelopes', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const events = [
      eventAt('evt-late', '2030-01-01T00:10:00.000Z'),
      eventAt('evt-first', '2030-01-01T00:01:00.000Z'),
      eventAt('evt-cutoff', '2030-01-01T00:05:00.000Z'),
      eventAt('evt-second', '2030-01-01T00:02:00.000Z'),
    ];
    await buildTransactionWriter(client).write(outbox.putItems(events));

    const found = await outbox.findUnpublished(new Date('2030-01-01T00:05:00.000Z'), 10);

    expect(found.map((event) => event.eventId)).toEqual(['evt-first', 'evt-second', 'evt-cutoff']);
    expect(found[0]).toEqual(events[1]);
  });

  it('sets an unreadable item aside (out of the pending index) instead of failing every sweep', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const good = eventAt('evt-good', '2030-01-01T00:02:00.000Z');
    await buildTransactionWriter(client).write(outbox.putItems([good]));
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          ...toOutboxItem(eventAt('evt-corrupt', '2030-01-01T00:01:00.000Z')),
          data: { S: '{"not":"order data"}' },
          status: { S: 'PENDING' },
          [PENDING_PARTITION_ATTRIBUTE]: { S: pendingPartitionOf('evt-corrupt') },
        },
      }),
    );

    const cutoff = new Date('2030-01-02T00:00:00.000Z');
    expect((await outbox.findUnpublished(cutoff, 10)).map((event) => event.eventId)).toEqual(['evt-good']);
    const corrupt = await getItem(tableName, { eventId: { S: 'evt-corrupt' } });
    expect(corrupt?.status).toEqual({ S: 'UNREADABLE' });
    expect(corrupt?.unreadableReason?.S).toContain('Invalid order.created data');
    expect(corrupt?.[PENDING_PARTITION_ATTRIBUTE]).toBeUndefined();
    // The next sweep does not see it again.
    expect((await outbox.findUnpublished(cutoff, 10)).map((event) => event.eventId)).toEqual(['evt-good']);
  });

  it('returns at most `limit` events, the oldest over every shard of the pending key', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    // Four ids on one shard (paged within it) and four on other shards, their times interleaved.
    const candidates = Array.from({ length: 2000 }, (_, index) => `evt-${index}`);
    const shared = candidates.filter((id) => shardOf(id) === shardOf('evt-0')).slice(0, 4);
    const others = candidates.filter((id) => shardOf(id) !== shardOf('evt-0')).slice(0, 4);
    const ids = shared.flatMap((id, index) => [id, others[index] as string]);
    const events = ids.map((id, index) => eventAt(id, `2030-01-01T00:0${index}:00.000Z`));
    await buildTransactionWriter(client).write(outbox.putItems([...events].reverse()));

    const found = await outbox.findUnpublished(new Date('2030-01-02T00:00:00.000Z'), 5);

    expect(found.map((event) => event.eventId)).toEqual(ids.slice(0, 5));
    expect(new Set(found.map((event) => pendingPartitionOf(event.eventId))).size).toBeGreaterThan(1);
  });

  it('drops published events from the index and keeps them for audit with a TTL', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const [a, b] = [
      eventAt('evt-a', '2030-01-01T00:01:00.000Z'),
      eventAt('evt-b', '2030-01-01T00:02:00.000Z'),
    ];
    await buildTransactionWriter(client).write(outbox.putItems([a, b]));
    const publishedAt = new Date('2030-01-01T00:03:00.000Z');
    const before = await getItem(tableName, { eventId: { S: 'evt-a' } });

    await expect(outbox.markPublished([a], publishedAt)).resolves.toEqual([]);

    const pending = await outbox.findUnpublished(new Date('2030-01-02T00:00:00.000Z'), 10);
    expect(pending.map((event) => event.eventId)).toEqual(['evt-b']);
    const indexed = await client.send(
      new ScanCommand({ TableName: tableName, IndexName: PENDING_INDEX, ConsistentRead: false }),
    );
    expect(indexed.Items?.map((item) => item.eventId?.S)).toEqual(['evt-b']);
    const item = await getItem(tableName, { eventId: { S: 'evt-a' } });
    expect(item?.[PENDING_PARTITION_ATTRIBUTE]).toBeUndefined();
    expect(item).toMatchObject({
      status: { S: 'PUBLISHED' },
      publishedAt: { S: '2030-01-01T00:03:00.000Z' },
      ttl: { N: String(publishedAt.getTime() / 1000 + 7 * 24 * 60 * 60) },
    });
    // The rewrite keeps every attribute of the event as the create transaction stored it.
    const { status: _s, [PENDING_PARTITION_ATTRIBUTE]: _p, ...stored } = before ?? {};
    expect(item).toMatchObject(stored);
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [...Object.keys(stored), 'status', 'publishedAt', 'ttl'].sort(),
    );
  });

  it('marks more than one batch (25) of events, and marking twice leaves the same published items', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const events = Array.from({ length: 60 }, (_, index) =>
      eventAt(`evt-${String(index).padStart(2, '0')}`, '2030-01-01T00:01:00.000Z'),
    );
    const writer = buildTransactionWriter(client);
    for (let index = 0; index < events.length; index += 25)
      await writer.write(outbox.putItems(events.slice(index, index + 25)));

    await expect(outbox.markPublished(events, new Date('2030-01-01T00:03:00.000Z'))).resolves.toEqual([]);
    await expect(outbox.markPublished(events, new Date('2030-01-01T00:04:00.000Z'))).resolves.toEqual([]);

    expect(await outbox.findUnpublished(new Date('2030-01-02T00:00:00.000Z'), 100)).toEqual([]);
    const items = await scanAll(tableName);
    expect(items).toHaveLength(60);
    expect(new Set(items.map((item) => item.status?.S))).toEqual(new Set(['PUBLISHED']));
  });

  it('records an event with no outbox item (a confirmation after TTL) as published, outside the pending index', async () => {
    const tableName = await createOutboxTable();
    const outbox = buildOutboxRepository(client, tableName);
    const a = eventAt('evt-a', '2030-01-01T00:01:00.000Z');
    await buildTransactionWriter(client).write(outbox.putItems([a]));

    const unmarked = await outbox.markPublished(
      [a, eventAt('evt-ghost', '2030-01-01T00:02:00.000Z')],
      new Date('2030-01-01T00:03:00.000Z'),
    );

    expect(unmarked).toEqual([]);
    expect((await getItem(tableName, { eventId: { S: 'evt-a' } }))?.status).toEqual({ S: 'PUBLISHED' });
    const ghost = await getItem(tableName, { eventId: { S: 'evt-ghost' } });
    expect(ghost?.status).toEqual({ S: 'PUBLISHED' });
    expect(ghost?.ttl).toBeDefined();
    expect(await outbox.findUnpublished(new Date('2030-01-02T00:00:00.000Z'), 10)).toEqual([]);
  });

  it('reports the ids it could not mark when the write itself fails', async () => {
    const outbox = buildOutboxRepository(client, 'no-such-outbox-table');

    const unmarked = await outbox.markPublished(
      [eventAt('evt-a', '2030-01-01T00:01:00.000Z'), eventAt('evt-b', '2030-01-01T00:02:00.000Z')],
      new Date('2030-01-01T00:03:00.000Z'),
    );

    expect(unmarked).toEqual(['evt-a', 'evt-b']);
  });
});

describe('buildIdempotencyRepository', () => {
  const processed = (eventId: string) => ({
    eventId,
    eventType: 'order.created',
    aggregateId: 'ord-1',
    processedAt: new Date('2030-01-01T00:00:00.000Z'),
  });

  it('claims an event once; a second claim in another transaction is a TransactionConflictError', async () => {
    const tableName = await createIdempotencyTable();
    const idempotency = buildIdempotencyRepository(client, tableName);
    const writer = buildTransactionWriter(client);

    const other = await createTable('plain', 'id');
    const alongside = (id: string) => ({ Put: { TableName: other, Item: { id: { S: id } } } });

    await writer.write([idempotency.claimItem(processed('evt-1'))]);
    // Alone the claim is a plain conditional put; in a transaction its cancellation names it.
    const alone = await conflictOf(writer.write([idempotency.claimItem(processed('evt-1'))]));
    const together = await conflictOf(
      writer.write([idempotency.claimItem(processed('evt-1')), alongside('a')]),
    );

    expect(alone.reasons).toEqual([]);
    expect(together.reasons).toEqual(['ConditionalCheckFailed', 'None']);
    expect(await scanAll(tableName)).toHaveLength(1);
    expect(await scanAll(other)).toEqual([]);
  });

  it('stores the dedupe record with a TTL and answers isProcessed', async () => {
    const tableName = await createIdempotencyTable();
    const idempotency = buildIdempotencyRepository(client, tableName, 3600);

    expect(await idempotency.isProcessed('evt-1')).toBe(false);
    await buildTransactionWriter(client).write([idempotency.claimItem(processed('evt-1'))]);

    expect(await idempotency.isProcessed('evt-1')).toBe(true);
    expect(await idempotency.isProcessed('evt-2')).toBe(false);
    expect(unmarshall((await getItem(tableName, { eventId: { S: 'evt-1' } })) ?? {})).toEqual({
      eventId: 'evt-1',
      eventType: 'order.created',
      aggregateId: 'ord-1',
      processedAt: '2030-01-01T00:00:00.000Z',
      ttl: Date.parse('2030-01-01T00:00:00.000Z') / 1000 + 3600,
    });
  });

  it('does not claim an event when the rest of its transaction fails', async () => {
    const tableName = await createIdempotencyTable();
    const otherTable = await createTable('plain', 'id');
    const idempotency = buildIdempotencyRepository(client, tableName);

    await conflictOf(
      buildTransactionWriter(client).write([
        idempotency.claimItem(processed('evt-1')),
        {
          Update: {
            TableName: otherTable,
            Key: { id: { S: 'missing' } },
            UpdateExpression: 'SET n = :one',
            ConditionExpression: 'attribute_exists(id)',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          },
        },
      ]),
    );

    expect(await idempotency.isProcessed('evt-1')).toBe(false);
  });
});

describe('buildSagaStateRepository', () => {
  const T0 = '2030-01-01T00:00:00.000Z';

  it('creates a saga once and reads it back by id and by order id', async () => {
    const tableName = await createSagaTable();
    const sagas = buildSagaStateRepository(client, tableName);
    const writer = buildTransactionWriter(client);
    const saga = startSaga('saga-1', 'ord-1', T0);

    await writer.write([sagas.putItem(saga, -1)]);

    expect(await sagas.get('saga-1')).toEqual(saga);
    expect(await sagas.findByOrderId('ord-1')).toEqual(saga);
    await expect(writer.write([sagas.putItem(saga, -1)])).rejects.toBeInstanceOf(TransactionConflictError);
  });

  it('returns undefined for an unknown saga or order', async () => {
    const tableName = await createSagaTable();
    const sagas = buildSagaStateRepository(client, tableName);

    expect(await sagas.get('saga-nope')).toBeUndefined();
    expect(await sagas.findByOrderId('ord-nope')).toBeUndefined();
  });

  it('writes an update only at the version it was read at, bumping the version', async () => {
    const tableName = await createSagaTable();
    const sagas = buildSagaStateRepository(client, tableName);
    const writer = buildTransactionWriter(client);
    await writer.write([sagas.putItem(startSaga('saga-1', 'ord-1', T0), -1)]);
    const read = (await sagas.get('saga-1')) ?? startSaga('x', 'x', T0);
    const reserved = evolveSaga(
      read,
      buildTestEnvelope(
        'inventory.reserved',
        { orderId: 'ord-1' },
        { occurredAt: '2030-01-01T00:01:00.000Z' },
      ),
      '2030-01-01T00:01:01.000Z',
    );
    const failed = evolveSaga(
      read,
      buildTestEnvelope('inventory.reservation.failed', { orderId: 'ord-1' }),
      '2030-01-01T00:01:02.000Z',
    );

    await writer.write([sagas.putItem(reserved, read.version)]);
    // A lone item is written on its own: a failed condition is a conflict without per-item reasons.
    const stale = await conflictOf(writer.write([sagas.putItem(failed, read.version)]));

    expect(stale).toBeInstanceOf(TransactionConflictError);
    const stored = await sagas.findByOrderId('ord-1');
    expect(stored).toEqual({ ...reserved, version: 1 });
    expect(stored?.steps.inventoryReservation).toEqual({
      status: 'SUCCESS',
      timestamp: '2030-01-01T00:01:00.000Z',
    });
  });

  it('round-trips a compensated saga with step errors and its reason', async () => {
    const tableName = await createSagaTable();
    const sagas = buildSagaStateRepository(client, tableName);
    const events = [
      buildTestEnvelope('inventory.reservation.failed', { orderId: 'ord-9', reason: 'short' }),
      buildTestEnvelope('order.cancelled', {
        orderId: 'ord-9',
        reason: 'Inventory reservation failed: short',
      }),
      buildTestEnvelope('payment.voided', { orderId: 'ord-9', refundedCents: 0 }),
    ];
    const saga = events.reduce(
      (state, event) => evolveSaga(state, event, T0),
      startSaga('saga-9', 'ord-9', T0),
    );

    await buildTransactionWriter(client).write([sagas.putItem(saga, -1)]);

    const stored = await sagas.findByOrderId('ord-9');
    expect(stored).toEqual({ ...saga, version: 0 });
    expect(stored).toMatchObject({
      status: 'COMPENSATED',
      compensationReason: 'Inventory reservation failed: short',
      steps: { inventoryReservation: { status: 'FAILED', error: 'short' } },
    });
    const byStatus = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': STATUS_KEY_ATTRIBUTE },
        ExpressionAttributeValues: { ':key': { S: statusKeyOf('COMPENSATED', 'saga-9') } },
      }),
    );
    expect(byStatus.Items?.map((item) => item.sagaId?.S)).toEqual(['saga-9']);
  });
});

describe('buildInventoryStore', () => {
  const NOW = new Date('2030-01-01T12:00:00.000Z');

  const setupInventory = async (stock: { productId: string; available: number }[]) => {
    const stockTable = await stackTable('services/inventory/serverless.yml', 'StockTable', 'stock');
    const reservationsTable = await stackTable(
      'services/inventory/serverless.yml',
      'ReservationsTable',
      'reservations',
    );
    const outboxTable = await createOutboxTable();
    const idempotencyTable = await createIdempotencyTable();
    for (const { productId, available } of stock) {
      await client.send(
        new PutItemCommand({
          TableName: stockTable,
          Item: marshall({ productId, available, reserved: 0, sold: 0 }),
        }),
      );
    }
    const idempotency = buildIdempotencyRepository(client, idempotencyTable);
    const store = buildInventoryStore({
      client,
      stockTable,
      reservationsTable,
      outbox: buildOutboxRepository(client, outboxTable),
      idempotency,
      transaction: buildTransactionWriter(client),
    });
    const stockOf = async (productId: string) =>
      unmarshall((await getItem(stockTable, { productId: { S: productId } })) ?? {});
    return { store, idempotency, stockTable, reservationsTable, outboxTable, idempotencyTable, stockOf };
  };

  const processed = (eventId: string) => ({
    eventId,
    eventType: 'order.created',
    aggregateId: 'ord-1',
    processedAt: NOW,
  });
  const reservedEvent = () => buildTestEnvelope('inventory.reserved', { orderId: 'ord-1' });
  const at = NOW.toISOString();
  // The changes decideInventory returns for a reservation, a sale and a release of these lines.
  const reserving = (lines: StockLine[]): InventoryChange[] => [
    { kind: 'reservationOpened', reservation: { orderId: 'ord-1', status: 'HELD', lines, updatedAt: at } },
    ...lines.map((line) => ({
      kind: 'stockMoved' as const,
      line,
      from: 'available' as const,
      to: 'reserved' as const,
    })),
  ];
  const closing = (lines: readonly StockLine[], status: 'RELEASED' | 'COMMITTED'): InventoryChange[] => [
    { kind: 'reservationClosed', orderId: 'ord-1', status, at, eventId: `evt-${status}` },
    ...lines.map((line) => ({
      kind: 'stockMoved' as const,
      line,
      from: 'reserved' as const,
      to: status === 'COMMITTED' ? ('sold' as const) : ('available' as const),
    })),
  ];

  it('reserves atomically: reservation, stock moves, outbox event and dedupe record', async () => {
    const { store, stockOf, outboxTable, idempotency } = await setupInventory([
      { productId: 'book', available: 5 },
      { productId: 'pen', available: 1 },
    ]);
    const lines = [
      { productId: 'book', quantity: 2 },
      { productId: 'pen', quantity: 1 },
    ];

    await store.commit({
      changes: reserving(lines),
      events: [reservedEvent()],
      processed: processed('evt-created'),
    });

    expect(await stockOf('book')).toEqual({ productId: 'book', available: 3, reserved: 2, sold: 0 });
    expect(await stockOf('pen')).toEqual({ productId: 'pen', available: 0, reserved: 1, sold: 0 });
    expect(await store.getReservation('ord-1')).toEqual({
      orderId: 'ord-1',
      status: 'HELD',
      lines,
      updatedAt: NOW.toISOString(),
    });
    expect(await scanAll(outboxTable)).toHaveLength(1);
    expect(await idempotency.isProcessed('evt-created')).toBe(true);
  });

  it('rejects a reserve that would make stock negative, writing nothing at all', async () => {
    const { store, stockOf, reservationsTable, outboxTable, idempotencyTable } = await setupInventory([
      { productId: 'book', available: 5 },
      { productId: 'pen', available: 1 },
    ]);

    // Decided on a stale read: pen has only 1 left now.
    const conflict = await conflictOf(
      store.commit({
        changes: reserving([
          { productId: 'book', quantity: 2 },
          { productId: 'pen', quantity: 2 },
        ]),
        events: [reservedEvent()],
        processed: processed('evt-created'),
      }),
    );

    expect(conflict.reasons).toContain('ConditionalCheckFailed');
    expect(await stockOf('book')).toEqual({ productId: 'book', available: 5, reserved: 0, sold: 0 });
    expect(await stockOf('pen')).toEqual({ productId: 'pen', available: 1, reserved: 0, sold: 0 });
    expect(await scanAll(reservationsTable)).toEqual([]);
    expect(await scanAll(outboxTable)).toEqual([]);
    expect(await scanAll(idempotencyTable)).toEqual([]);
  });

  it('rejects a reserve of a product that has no stock record', async () => {
    const { store, reservationsTable } = await setupInventory([]);

    await conflictOf(
      store.commit({
        changes: reserving([{ productId: 'ghost', quantity: 1 }]),
        events: [],
        processed: processed('evt-created'),
      }),
    );

    expect(await scanAll(reservationsTable)).toEqual([]);
  });

  it('refuses a second reservation for the same order', async () => {
    const { store, stockOf } = await setupInventory([{ productId: 'book', available: 5 }]);
    const reserve = (eventId: string) =>
      store.commit({
        changes: reserving([{ productId: 'book', quantity: 1 }]),
        events: [],
        processed: processed(eventId),
      });
    await reserve('evt-1');

    await conflictOf(reserve('evt-2'));

    expect(await stockOf('book')).toMatchObject({ available: 4, reserved: 1 });
  });

  it('commits HELD stock as sold exactly once', async () => {
    const { store, stockOf } = await setupInventory([{ productId: 'book', available: 5 }]);
    const lines = [{ productId: 'book', quantity: 2 }];
    await store.commit({
      changes: reserving(lines),
      events: [],
      processed: processed('evt-1'),
    });
    const held = (await store.getReservation('ord-1')) ?? {
      orderId: '',
      status: 'HELD',
      lines: [],
      updatedAt: '',
    };

    await store.commit({
      changes: closing(held.lines, 'COMMITTED'),
      events: [],
      processed: processed('evt-2'),
    });
    await conflictOf(
      store.commit({
        changes: closing(held.lines, 'RELEASED'),
        events: [],
        processed: processed('evt-3'),
      }),
    );

    expect(await stockOf('book')).toEqual({ productId: 'book', available: 3, reserved: 0, sold: 2 });
    // The sale records its event: a replay of it reads this and decides nothing.
    expect(await store.getReservation('ord-1')).toMatchObject({
      status: 'COMMITTED',
      lastEventId: 'evt-COMMITTED',
    });
  });

  it('reads stock for several products, ignoring repeats and unknown ones', async () => {
    const { store } = await setupInventory([
      { productId: 'book', available: 5 },
      { productId: 'pen', available: 1 },
    ]);

    const stock = await store.getStock(['book', 'pen', 'book', 'ghost']);

    expect([...stock.keys()].sort()).toEqual(['book', 'pen']);
    expect(stock.get('pen')).toEqual({ productId: 'pen', available: 1, reserved: 0, sold: 0 });
  });

  it('lets exactly one of two racing orders take the last stock, with the use case retrying on conflict', async () => {
    const { store, idempotency, stockOf, outboxTable } = await setupInventory([
      { productId: 'book', available: 3 },
    ]);
    const handle = handleOrderEvent({
      store,
      idempotency,
      clock: buildManualClock(NOW),
      newId: buildSequentialIdGenerator(),
    });
    const order = (orderId: string) =>
      buildTestEnvelope('order.created', {
        orderId,
        lines: [{ productId: 'book', quantity: 2, unitPriceCents: 100 }],
        totalCents: 200,
      });

    const outcomes = await Promise.all([handle(order('ord-a')), handle(order('ord-b'))]);

    expect(outcomes).toEqual(['applied', 'applied']);
    expect(await stockOf('book')).toEqual({ productId: 'book', available: 1, reserved: 2, sold: 0 });
    const statuses = [
      (await store.getReservation('ord-a'))?.status,
      (await store.getReservation('ord-b'))?.status,
    ];
    expect(statuses.sort()).toEqual(['HELD', 'REJECTED']);
    const replies = (await scanAll(outboxTable)).map((item) => item.eventType?.S).sort();
    expect(replies).toEqual(['inventory.reservation.failed', 'inventory.reserved']);
  });
  it('applies a redelivered order.created once, with no dedupe read before the write (sequential and concurrent)', async () => {
    const { store, idempotency, stockOf, outboxTable, idempotencyTable } = await setupInventory([
      { productId: 'book', available: 10 },
    ]);
    const handle = handleOrderEvent({
      store,
      idempotency,
      clock: buildManualClock(NOW),
      newId: buildSequentialIdGenerator(),
    });
    const order = buildTestEnvelope('order.created', {
      orderId: 'ord-dup',
      lines: [{ productId: 'book', quantity: 2, unitPriceCents: 100 }],
      totalCents: 200,
    });

    expect(await handle(order)).toBe('applied');
    expect(await handle(order)).toBe('duplicate');
    expect(await Promise.all([handle(order), handle(order)])).toEqual(['duplicate', 'duplicate']);

    expect(await stockOf('book')).toEqual({ productId: 'book', available: 8, reserved: 2, sold: 0 });
    expect((await scanAll(outboxTable)).map((item) => item.eventType?.S)).toEqual(['inventory.reserved']);
    // The reservation's own condition caught every copy: no dedupe record was written.
    expect(await scanAll(idempotencyTable)).toEqual([]);
    expect(await store.getReservation('ord-dup')).toMatchObject({ lastEventId: order.eventId });
  });

  it('lets exactly one of two concurrent first deliveries of one event apply it', async () => {
    const { store, idempotency, stockOf, outboxTable } = await setupInventory([
      { productId: 'book', available: 10 },
    ]);
    const handle = handleOrderEvent({
      store,
      idempotency,
      clock: buildManualClock(NOW),
      newId: buildSequentialIdGenerator(),
    });
    const order = buildTestEnvelope('order.created', {
      orderId: 'ord-race',
      lines: [{ productId: 'book', quantity: 3, unitPriceCents: 100 }],
      totalCents: 300,
    });

    const outcomes = await Promise.all([handle(order), handle(order)]);

    expect(outcomes.sort()).toEqual(['applied', 'duplicate']);
    expect(await stockOf('book')).toEqual({ productId: 'book', available: 7, reserved: 3, sold: 0 });
    expect((await scanAll(outboxTable)).map((item) => item.eventType?.S)).toEqual(['inventory.reserved']);
  });

  it('decides a first attempt unread; its conditions cancel it when stock is short, missing or the order is voided', async () => {
    const { store, idempotency, stockOf, outboxTable } = await setupInventory([
      { productId: 'book', available: 1 },
    ]);
    const handle = handleOrderEvent({
      store,
      idempotency,
      clock: buildManualClock(NOW),
      newId: buildSequentialIdGenerator(),
    });
    // The test's own reads go through the unwrapped method, so they are not counted.
    const { getReservation } = store;
    const reads = countCalls(store, ['getReservation']);
    const order = (orderId: string, productId: string, quantity: number) =>
      buildTestEnvelope('order.created', {
        orderId,
        lines: [{ productId, quantity, unitPriceCents: 100 }],
        totalCents: 100 * quantity,
      });

    expect(await handle(order('ord-ok', 'book', 1))).toBe('applied');
    expect(reads).toEqual({ getReservation: 0 });
    expect(await handle(order('ord-short', 'book', 1))).toBe('applied');
    expect(await handle(order('ord-unknown', 'lamp', 1))).toBe('applied');
    expect(await handle(buildTestEnvelope('order.cancelled', { orderId: 'ord-voided' }))).toBe('applied');
    // The late order.created finds the tombstone: nothing to apply.
    expect(await handle(order('ord-voided', 'book', 1))).toBe('duplicate');
    expect(reads).toEqual({ getReservation: 4 }); // the cancellation reads; each cancelled optimistic attempt then reads once

    expect(await stockOf('book')).toEqual({ productId: 'book', available: 0, reserved: 1, sold: 0 });
    const statusOf = async (orderId: string) => (await getReservation(orderId))?.status;
    expect(await statusOf('ord-short')).toBe('REJECTED');
    expect(await statusOf('ord-unknown')).toBe('REJECTED');
    expect(await statusOf('ord-voided')).toBe('VOIDED');
    const replies = (await scanAll(outboxTable)).map(fromOutboxItem);
    expect(replies.filter((reply) => reply.eventType === 'inventory.reservation.failed')).toHaveLength(2);
    expect(replies.filter((reply) => reply.eventType === 'inventory.reserved')).toHaveLength(1);
  });
});

describe('buildPaymentStore with handleInventoryEvent', () => {
  const NOW = '2030-01-01T12:00:00.000Z';

  const setupPayments = async (accounts: { customerId: string; balanceCents: number }[]) => {
    const accountsTable = await stackTable('services/payments/serverless.yml', 'AccountsTable', 'accounts');
    const paymentsTable = await stackTable('services/payments/serverless.yml', 'PaymentsTable', 'payments');
    const outboxTable = await createOutboxTable();
    const idempotency = buildIdempotencyRepository(client, await createIdempotencyTable());
    for (const account of accounts) {
      await client.send(new PutItemCommand({ TableName: accountsTable, Item: marshall(account) }));
    }
    const store = buildPaymentStore({
      client,
      accountsTable,
      paymentsTable,
      outbox: buildOutboxRepository(client, outboxTable),
      idempotency,
      transaction: buildTransactionWriter(client),
    });
    // The test's own reads go through the unwrapped method, so they are not counted.
    const { getPayment } = store;
    const reads = countCalls(store, ['getPayment', 'getAccount']);
    const handle = handleInventoryEvent({
      store,
      idempotency,
      clock: buildManualClock(NOW),
      newId: buildSequentialIdGenerator(),
    });
    const balanceOf = async (customerId: string) =>
      unmarshall((await getItem(accountsTable, { customerId: { S: customerId } })) ?? {}).balanceCents;
    const replies = async () => (await scanAll(outboxTable)).map(fromOutboxItem);
    return { store: { getPayment }, reads, handle, balanceOf, replies };
  };
  const reserved = (orderId: string, customerId: string, totalCents: number) =>
    buildTestEnvelope('inventory.reserved', {
      orderId,
      customerId,
      lines: [{ productId: 'p', quantity: 1 }],
      totalCents,
      currency: 'USD',
    });

  it('charges unread on the first attempt; the payment and balance conditions guard it', async () => {
    const { reads, handle, balanceOf, replies } = await setupPayments([
      { customerId: 'c1', balanceCents: 1000 },
    ]);
    const event = reserved('ord-1', 'c1', 600);

    expect(await handle(event)).toBe('applied');
    expect(reads).toEqual({ getPayment: 0, getAccount: 0 });
    expect(await handle(event)).toBe('duplicate');
    // Another event id for a paid order: the payment's attribute_not_exists cancels it, the reread ignores it.
    expect(await handle(reserved('ord-1', 'c1', 600))).toBe('duplicate');

    expect(await balanceOf('c1')).toBe(400);
    expect((await replies()).map((reply) => reply.eventType)).toEqual(['payment.succeeded']);
  });

  it('declines exactly as a read decision does when the balance is short or the account missing', async () => {
    const { store, reads, handle, balanceOf, replies } = await setupPayments([
      { customerId: 'c1', balanceCents: 100 },
    ]);

    expect(await handle(reserved('ord-short', 'c1', 600))).toBe('applied');
    expect(await handle(reserved('ord-nobody', 'nobody', 600))).toBe('applied');

    expect(reads).toEqual({ getPayment: 2, getAccount: 2 });
    expect(await balanceOf('c1')).toBe(100);
    expect((await store.getPayment('ord-short'))?.status).toBe('FAILED');
    expect((await replies()).map((reply) => (reply.data as { reason?: string }).reason).sort()).toEqual([
      'Insufficient funds: balance 1.00 is below the amount 6.00',
      'No payment account for this customer',
    ]);
  });
});

describe('buildRewardsStore with awardPoints', () => {
  it('awards unread, once per order: a redelivery or another event id reads the award and writes nothing', async () => {
    const awardsTable = await stackTable('services/rewards/serverless.yml', 'AwardsTable', 'awards');
    const balancesTable = await stackTable('services/rewards/serverless.yml', 'BalancesTable', 'balances');
    const store = buildRewardsStore({
      client,
      awardsTable,
      balancesTable,
      transaction: buildTransactionWriter(client),
    });
    const reads = countCalls(store, ['hasAward']);
    const award = awardPoints({ store, clock: buildManualClock('2030-01-01T12:00:00.000Z') });
    const confirmed = () =>
      buildTestEnvelope('order.confirmed', { orderId: 'ord-1', customerId: 'c1', totalCents: 1234 });
    const first = confirmed();

    expect(await award(first)).toBe('applied');
    expect(reads).toEqual({ hasAward: 0 });
    expect(await award(first)).toBe('duplicate');
    expect(await award(confirmed())).toBe('duplicate');
    expect(reads).toEqual({ hasAward: 2 });

    const balance = unmarshall((await getItem(balancesTable, { customerId: { S: 'c1' } })) ?? {});
    expect(balance).toMatchObject({ points: 12, awards: 1 });
    expect(await scanAll(awardsTable)).toHaveLength(1);
  });
});
