import { setMaxListeners } from 'node:events';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { sagaStateItem } from '@saga/orders/src/adapters/buildSagaStateRepository';
import type { SagaState, SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import { createStackTable, type DynamoDbLocal, startDynamoDbLocal } from '@saga/shared/testing';
import { buildDynamoReadModel } from './buildDynamoReadModel';
import type { ExplorerReadModel } from './readModel';

/**
 * The explorer's read model on Amazon DynamoDB Local, with the orders and saga tables created from
 * the orders stack's own definitions (keys and indexes as deployed): paging with real
 * positions over every shard of the StatusIndex, counts, and search through the CustomerIdIndex.
 */
jest.setTimeout(30_000);
const STARTUP_TIMEOUT_MS = 60_000;

let local: DynamoDbLocal | undefined;
let client: DynamoDBClient;
let model: ExplorerReadModel;

const STATUSES: SagaStatus[] = ['STARTED', 'COMPLETED', 'COMPENSATED'];
const sagas: SagaState[] = Array.from({ length: 61 }, (_, i) => {
  const at = new Date(Date.UTC(2026, 10, 30, 10, 0, 0) + i * 1000).toISOString();
  return {
    sagaId: `saga-${i}`,
    orderId: `ord-${i}`,
    status: STATUSES[i % 3],
    currentStep: 'CREATED',
    steps: { created: { status: 'SUCCESS', timestamp: at } },
    // Two sagas share each second: paging must not lose either one of a tie.
    createdAt: at,
    updatedAt: i % 2 === 0 ? at : new Date(Date.parse(at) - 1000).toISOString(),
    version: 0,
    compensationRequired: STATUSES[i % 3] === 'COMPENSATED',
    ...(STATUSES[i % 3] === 'COMPENSATED' ? { compensationReason: 'r' } : {}),
  } as SagaState;
});

beforeAll(async () => {
  local = await startDynamoDbLocal(STARTUP_TIMEOUT_MS - 5_000);
  client = local.client;
  const names = { orders: 'orders', sagaStates: 'saga-states' };
  await createStackTable(client, 'services/orders/serverless.yml', 'OrdersTable', names.orders);
  await createStackTable(client, 'services/orders/serverless.yml', 'SagaStateTable', names.sagaStates);
  for (const saga of sagas) {
    await client.send(
      new PutItemCommand({ TableName: names.sagaStates, Item: marshall(sagaStateItem(saga)) }),
    );
    await client.send(
      new PutItemCommand({
        TableName: names.orders,
        Item: marshall({
          orderId: saga.orderId,
          sagaId: saga.sagaId,
          customerId: Number(saga.sagaId.split('-')[1]) < 3 ? 'customer-a' : 'customer-b',
          createdAt: saga.createdAt,
          lines: [],
          totalCents: 0,
          currency: 'USD',
          status: 'PENDING',
        }),
      }),
    );
  }
  model = buildDynamoReadModel(client, names);
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await local?.stop();
});

const pageThrough = async (statuses: readonly SagaStatus[], limit: number) => {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await model.listSagas(statuses, limit, cursor);
    pages.push(page.items.map((s) => s.sagaId));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
};

const newestFirst = (list: SagaState[]) =>
  [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((s) => s.updatedAt);

describe('explorer read model on DynamoDB Local', () => {
  it('pages through every saga of every status once, newest first, 25 at a time', async () => {
    const pages = await pageThrough(STATUSES, 25);
    expect(pages.map((p) => p.length)).toEqual([25, 25, 11]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(61);
    const byId = new Map(sagas.map((s) => [s.sagaId, s]));
    expect(seen.map((id) => byId.get(id)?.updatedAt)).toEqual(newestFirst(sagas));
  });

  it('pages through one status alone', async () => {
    const pages = await pageThrough(['COMPLETED'], 7);
    expect(pages.flat().sort()).toEqual(
      sagas
        .filter((s) => s.status === 'COMPLETED')
        .map((s) => s.sagaId)
        .sort(),
    );
    expect(pages.at(-1)?.length).toBeGreaterThan(0);
  });

  it('counts each status through the index', async () => {
    expect(await model.countByStatus()).toEqual({
      STARTED: 21,
      COMPENSATING: 0,
      COMPENSATION_FAILED: 0,
      COMPLETED: 20,
      COMPENSATED: 20,
    });
  });

  it('stops a count or a list whose reader went away: no shard query starts after the abort', async () => {
    const gone = new AbortController();
    setMaxListeners(0, gone.signal);
    let queries = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        queries += 1;
        // The reader leaves once the fan-outs are under way.
        if (queries === 20) gone.abort();
        return next(args);
      },
      { step: 'initialize', name: 'countQueries' },
    );
    try {
      await expect(model.countByStatus({ signal: gone.signal })).rejects.toMatchObject({
        name: 'AbortError',
      });
      const atAbort = queries;
      await expect(
        model.listSagas(['STARTED', 'COMPLETED'], 25, undefined, { signal: gone.signal }),
      ).rejects.toMatchObject({ name: 'AbortError' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      // A whole count is 5 statuses × every shard; the queries in flight end, and none starts after.
      expect(atAbort).toBeLessThan(20 + 5 * 16);
      expect(queries - atAbort).toBeLessThanOrEqual(2 * 16);
    } finally {
      client.middlewareStack.remove('countQueries');
    }
  });

  it('finds a saga by sagaId, by orderId and by customerId', async () => {
    expect((await model.search('saga-7', 25)).map((s) => s.sagaId)).toEqual(['saga-7']);
    expect((await model.search('ord-8', 25)).map((s) => s.sagaId)).toEqual(['saga-8']);
    expect((await model.search('customer-a', 25)).map((s) => s.sagaId).sort()).toEqual([
      'saga-0',
      'saga-1',
      'saga-2',
    ]);
    expect(await model.search('nobody', 25)).toEqual([]);
  });

  it('reads the detail: the saga and its order', async () => {
    const detail = await model.detail('ord-5');
    expect(detail?.saga.sagaId).toBe('saga-5');
    expect(detail?.order?.customerId).toBe('customer-b');
    expect(await model.detail('ord-404')).toBeUndefined();
  });
});
