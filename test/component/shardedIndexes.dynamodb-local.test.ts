import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { buildSagaStateRepository, statusKeyOf } from '@saga/orders/src/adapters/buildSagaStateRepository';
import {
  awaitingVerificationAttributes,
  buildVerificationQueue,
} from '@saga/orders/src/adapters/buildSagaVerification';
import type { SagaState } from '@saga/orders/src/domain/saga/SagaState';
import { startSaga } from '@saga/orders/src/domain/saga/startSaga';
import { buildTransactionWriter, shardOf } from '@saga/shared';
import { createStackTable, type DynamoDbLocal, startDynamoDbLocal } from '@saga/shared/testing';

/**
 * The orders service's write-sharded indexes on DynamoDB Local, with the tables created from the
 * orders stack's own definitions: StatusIndex (statusKey) and the sparse VerificationIndex, each
 * read in order within a limit (StatusIndex over every shard; the sparse one by a scan).
 */
jest.setTimeout(30_000);
const STARTUP_TIMEOUT_MS = 60_000;

const names = { orders: 'orders', sagaStates: 'saga-states' };
let local: DynamoDbLocal | undefined;
let client: DynamoDBClient;

beforeAll(async () => {
  local = await startDynamoDbLocal(STARTUP_TIMEOUT_MS - 5_000);
  client = local.client;
  await createStackTable(client, 'services/orders/serverless.yml', 'OrdersTable', names.orders);
  await createStackTable(client, 'services/orders/serverless.yml', 'SagaStateTable', names.sagaStates);
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await local?.stop();
});

/** Ids of which the first `sameShard` share one shard and the rest are on others. */
const spreadIds = (prefix: string, sameShard: number, others: number): string[] => {
  const candidates = Array.from({ length: 3000 }, (_, i) => `${prefix}-${i}`);
  const home = shardOf(candidates[0] as string);
  return [
    ...candidates.filter((id) => shardOf(id) === home).slice(0, sameShard),
    ...candidates.filter((id) => shardOf(id) !== home).slice(0, others),
  ];
};

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();

describe('StatusIndex, write-sharded by sagaId', () => {
  const repository = () => buildSagaStateRepository(client, names.sagaStates);

  it('keeps a saga on its shard through status changes, and finds sagas over every shard in order', async () => {
    const ids = spreadIds('saga-s', 3, 5);
    // Times interleave the shards; written newest first so no shard's order follows the writes.
    const started = ids.map((sagaId, i) => ({
      ...startSaga(sagaId, `ord-${sagaId}`, at(i)),
      updatedAt: at(i),
    }));
    const writer = buildTransactionWriter(client);
    for (const saga of [...started].reverse()) await writer.write([repository().putItem(saga, -1)]);
    const moved: SagaState = {
      ...(started[1] as SagaState),
      status: 'COMPENSATING',
      compensationRequired: true,
      compensationReason: 'test',
      updatedAt: at(30),
    } as SagaState;
    await writer.write([repository().putItem(moved, 0)]);
    const stored = await client.send(
      new GetItemCommand({ TableName: names.sagaStates, Key: { sagaId: { S: moved.sagaId } } }),
    );
    expect(stored.Item?.statusKey?.S).toBe(statusKeyOf('COMPENSATING', moved.sagaId));
    expect(stored.Item?.statusKey?.S?.endsWith(statusKeyOf('STARTED', moved.sagaId).slice(-4))).toBe(true);
    expect(await repository().get(moved.sagaId)).toEqual({ ...moved, version: 1 });

    const stillStarted = ids.filter((id) => id !== moved.sagaId);
    const oldest = await repository().findByStatusUpdatedBefore('STARTED', new Date(at(6)), 4);
    expect(oldest.map((s) => s.sagaId)).toEqual(stillStarted.slice(0, 4));
    const before = await repository().findByStatusUpdatedBefore('STARTED', new Date(at(3)), 10);
    expect(before.map((s) => s.sagaId)).toEqual([ids[0], ids[2]]);
    const recent = await repository().findRecentByStatus('STARTED', 3);
    expect(recent.map((s) => s.sagaId)).toEqual([...stillStarted].reverse().slice(0, 3));
    expect((await repository().findRecentByStatus('COMPENSATING', 10)).map((s) => s.sagaId)).toEqual([
      moved.sagaId,
    ]);
    expect(recent[0]).not.toHaveProperty('statusKey');
  });
});

describe('VerificationIndex, write-sharded by orderId', () => {
  it('finds due orders over every shard, longest waiting first, and drops verified ones', async () => {
    const ids = spreadIds('ord-v', 3, 4);
    for (const [i, orderId] of ids.entries()) {
      await client.send(
        new PutItemCommand({
          TableName: names.orders,
          Item: marshall({
            orderId,
            customerId: 'c',
            createdAt: at(0),
            status: i % 2 === 0 ? 'CONFIRMED' : 'CANCELLED',
            ...awaitingVerificationAttributes(orderId, at(ids.length - i), `evt-${orderId}`),
          }),
        }),
      );
    }
    const queue = buildVerificationQueue(client, names.orders);
    const longestWaiting = [...ids].reverse();

    const due = await queue.findDue(new Date(at(60)), 4);
    expect(due.map((order) => order.orderId)).toEqual(longestWaiting.slice(0, 4));
    expect(due[0]).toEqual({
      orderId: longestWaiting[0],
      status: (ids.length - 1) % 2 === 0 ? 'CONFIRMED' : 'CANCELLED',
      terminalEventId: `evt-${longestWaiting[0]}`,
      attempts: 0,
    });

    await queue.markVerified(longestWaiting[0] as string);
    await queue.recordRepair(longestWaiting[1] as string, new Date(at(50)), 1);
    const next = await queue.findDue(new Date(at(60)), 10);
    expect(next.map((order) => order.orderId)).toEqual([...longestWaiting.slice(2), longestWaiting[1]]);
    expect(next.at(-1)?.attempts).toBe(1);
    expect((await queue.findDue(new Date(at(4)), 10)).map((order) => order.orderId)).toEqual([ids[4]]);
  });
});
