import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { awsClientConfig } from '../../scripts/lib/awsClientConfig';
import { type Deployment, loadDeployment } from '../../scripts/lib/loadDeployment';
import { sagaClient } from '../../scripts/lib/sagaClient';
import { noteOrder, recordWait } from './recordWait';
import { effectMs, sagaMs } from './waits';

type Row = Record<string, unknown>;

/**
 * Per-suite test data with unique ids, so suites never share products, customers or orders,
 * and an awaited cleanup that removes everything the suite created.
 */
export const createFixtures = async () => {
  const deployment: Deployment = await loadDeployment();
  const dynamo = new DynamoDBClient(awsClientConfig);
  const events = new EventBridgeClient(awsClientConfig);
  const client = sagaClient(deployment);
  /** Every order a test places is noted, so the waits ledger names the orders a slow wait was on. */
  const noted = async <R extends { body: Record<string, unknown> }>(placing: Promise<R>): Promise<R> => {
    const result = await placing;
    if (typeof result.body.orderId === 'string') noteOrder(result.body.orderId);
    return result;
  };
  // Sagas of suites running side by side share the functions: allow one redelivery by default.
  const api = {
    ...client,
    placeOrder: (...args: Parameters<typeof client.placeOrder>) => noted(client.placeOrder(...args)),
    postRaw: (...args: Parameters<typeof client.postRaw>) => noted(client.postRaw(...args)),
    waitForTerminal: (orderId: string, timeoutMs = sagaMs, intervalMs?: number) =>
      recordWait(
        'order terminal',
        timeoutMs,
        () => client.waitForTerminal(orderId, timeoutMs, intervalMs),
        orderId,
      ),
    waitForSettledSaga: (orderId: string, timeoutMs = sagaMs, intervalMs?: number) =>
      recordWait(
        'saga settled',
        timeoutMs,
        () => client.waitForSettledSaga(orderId, timeoutMs, intervalMs),
        orderId,
      ),
  };
  const created: { table: string; key: Record<string, AttributeValue> }[] = [];
  const { tables } = deployment;

  const put = async (table: string, item: Row, keyName: string) => {
    await dynamo.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
    created.push({ table, key: { [keyName]: { S: String(item[keyName]) } } });
  };

  const get = async (table: string, keyName: string, key: string): Promise<Row | undefined> => {
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName: table, Key: { [keyName]: { S: key } }, ConsistentRead: true }),
    );
    return Item ? unmarshall(Item) : undefined;
  };

  /** Small test tables only: finds the outbox items of one saga. */
  const outboxItemsOf = async (table: string, orderId: string): Promise<Row[]> => {
    const { Items = [] } = await dynamo.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'correlationId = :id',
        ExpressionAttributeValues: { ':id': { S: orderId } },
      }),
    );
    return Items.map((item) => unmarshall(item));
  };

  return {
    deployment,
    api,
    dynamo,
    unique: (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`,

    async seedProduct({ unitPriceCents, stock }: { unitPriceCents: number; stock: number }): Promise<string> {
      const productId = `it-product-${randomUUID().slice(0, 8)}`;
      await put(tables.catalogue, { productId, unitPriceCents, currency: 'USD' }, 'productId');
      await put(tables.stock, { productId, available: stock, reserved: 0, sold: 0 }, 'productId');
      return productId;
    },

    /** A customer; `within` puts a fault scope in its id, so that faults reach this customer's work. */
    async seedAccount(balanceCents: number, { within }: { within?: string } = {}): Promise<string> {
      const customerId = `it-customer-${within ? `${within}-` : ''}${randomUUID().slice(0, 8)}`;
      await put(tables.accounts, { customerId, balanceCents }, 'customerId');
      created.push({ table: tables.balances, key: { customerId: { S: customerId } } });
      return customerId;
    },

    /** Registers an order's rows in every service for cleanup. */
    trackOrder(orderId: string, sagaId: string) {
      created.push(
        { table: tables.orders, key: { orderId: { S: orderId } } },
        { table: tables.sagaStates, key: { sagaId: { S: sagaId } } },
        { table: tables.reservations, key: { orderId: { S: orderId } } },
        { table: tables.payments, key: { orderId: { S: orderId } } },
        { table: tables.awards, key: { orderId: { S: orderId } } },
      );
    },

    stock: (productId: string) => get(tables.stock, 'productId', productId),
    reservation: (orderId: string) => get(tables.reservations, 'orderId', orderId),
    payment: (orderId: string) => get(tables.payments, 'orderId', orderId),
    account: (customerId: string) => get(tables.accounts, 'customerId', customerId),
    award: (orderId: string) => get(tables.awards, 'orderId', orderId),
    points: (customerId: string) => get(tables.balances, 'customerId', customerId),
    sagaItem: (sagaId: string) => get(tables.sagaStates, 'sagaId', sagaId),
    /** The order's raw item, bookkeeping attributes included. */
    orderItem: (orderId: string) => get(tables.orders, 'orderId', orderId),
    outboxItem: (eventId: string) => get(tables.ordersOutbox, 'eventId', eventId),

    /** Every outbox item of one saga across the three producing services. */
    async sagaOutboxItems(orderId: string): Promise<Row[]> {
      const all = await Promise.all(
        [tables.ordersOutbox, tables.inventoryOutbox, tables.paymentsOutbox].map((table) =>
          outboxItemsOf(table, orderId),
        ),
      );
      return all.flat();
    },

    /** Puts envelopes on the bus exactly as the relay does (a duplicate delivery when they were sent before). */
    async putOnBus(envelopes: { eventType: string; source: string }[]) {
      const entries = envelopes.map((envelope) => ({
        EventBusName: deployment.eventBusName,
        Source: envelope.source,
        DetailType: envelope.eventType,
        Detail: JSON.stringify(envelope),
      }));
      for (let start = 0; start < entries.length; start += 10) {
        const result = await events.send(new PutEventsCommand({ Entries: entries.slice(start, start + 10) }));
        if (result.FailedEntryCount)
          throw new Error(`PutEvents failed for ${result.FailedEntryCount} entries`);
      }
    },

    async cleanup() {
      await Promise.all(
        created.map(({ table, key }) => dynamo.send(new DeleteItemCommand({ TableName: table, Key: key }))),
      );
      dynamo.destroy();
      events.destroy();
    },
  };
};

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;

/** Polls `read` until `accept` holds, or fails with the last value seen. */
export const eventually = async <T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = effectMs, intervalMs = 250 } = {},
): Promise<T> =>
  recordWait('eventually', timeoutMs, async () => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (accept(value)) return value;
      if (Date.now() > deadline)
        throw new Error(`Condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  });
