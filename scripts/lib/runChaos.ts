import { randomUUID } from 'node:crypto';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { batchGetItems } from '@saga/shared';
import { awsClientConfig } from './awsClientConfig';

import { type ChaosVerdict, checkChaosInvariants } from './checkChaosInvariants';
import { deleteDeadLetters, readDeadLetters } from './deadLetters';
import { chaosTargets, setFaults } from './faultSwitch';
import { inboxBacklog } from './inboxBacklog';
import { loadDeployment } from './loadDeployment';
import { countStoredOrders, placeWithRetries, type RetryPlan } from './retryingOrders';
import { sagaClient } from './sagaClient';

export interface ChaosOptions {
  readonly orders: number;
  readonly concurrency: number;
  readonly products: number;
  readonly customers: number;
  /** How long to wait for every saga to settle (covers the saga deadline and sweeper cycles). */
  readonly quiescenceTimeoutMs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

/** Faults during the run: ~10% crashes around commits, ~20% duplicate and ~10% failed publishes. */
export const chaosFaults = {
  consumers: { crashBeforeCommit: 0.05, crashAfterCommit: 0.05 },
  relays: { failPublish: 0.1, duplicatePublish: 0.2 },
};

/** A small deterministic generator, so a run can be repeated with the same orders. */
const random = (seed: number) => {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
};

export const runChaos = async (options: ChaosOptions): Promise<ChaosVerdict> => {
  const { log } = options;
  const deployment = await loadDeployment();
  const { tables, stage } = deployment;
  const dynamo = new DynamoDBClient(awsClientConfig);
  const events = new EventBridgeClient(awsClientConfig);
  const queues = new SQSClient(awsClientConfig);
  const api = sagaClient(deployment);
  const next = random(options.seed);
  const runId = `chaos-${randomUUID().slice(0, 8)}`;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

  // Demand is about three units per order; stock covers about half of it.
  const stockPerProduct = Math.max(1, Math.round((options.orders * 1.5) / options.products));
  const products = Array.from({ length: options.products }, (_, i) => ({
    productId: `${runId}-p${i}`,
    unitPriceCents: 500 + Math.floor(next() * 2000),
    initial: stockPerProduct,
  }));
  // One in five customers cannot afford much, so some payments are declined.
  const customers = Array.from({ length: options.customers }, (_, i) => ({
    customerId: `${runId}-c${i}`,
    initialCents: i % 5 === 0 ? 3_000 : 10_000_000,
  }));
  const put = (TableName: string, item: Record<string, unknown>) =>
    dynamo.send(new PutItemCommand({ TableName, Item: marshall(item) }));
  for (const p of products) {
    await put(tables.catalogue, {
      productId: p.productId,
      unitPriceCents: p.unitPriceCents,
      currency: 'USD',
    });
    await put(tables.stock, { productId: p.productId, available: p.initial, reserved: 0, sold: 0 });
  }
  for (const c of customers)
    await put(tables.accounts, { customerId: c.customerId, balanceCents: c.initialCents });
  log(
    `chaos ${runId}: ${options.orders} orders, ${products.length} products × ${stockPerProduct} units, ${customers.length} customers`,
  );

  const targets = chaosTargets(stage);
  const minAvailable = new Map(products.map((p) => [p.productId, p.initial]));
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const levels = await batchGetItems<Record<string, unknown>>(
        dynamo,
        tables.stock,
        'productId',
        products.map((p) => p.productId),
      );
      for (const [id, row] of levels)
        minAvailable.set(id, Math.min(minAvailable.get(id) ?? 0, Number(row.available)));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();

  const accepted: { orderId: string; sagaId: string }[] = [];
  const retries = { requests: 0, afterTimeout: 0 };
  let poisonInjected = 0;
  try {
    await setFaults(targets.consumers, chaosFaults.consumers);
    await setFaults(targets.relays, chaosFaults.relays);
    log(
      `faults on: consumers ${JSON.stringify(chaosFaults.consumers)}, relays ${JSON.stringify(chaosFaults.relays)}`,
    );

    // Poison: events that break their contract, reaching every consumer service. Each consumer of
    // a poison event parks its own copy (inventory.reserved goes to payments and orders).
    const poisonTypes = [
      { DetailType: 'order.created', Source: 'saga.orders', consumers: 1 },
      { DetailType: 'inventory.reserved', Source: 'saga.inventory', consumers: 2 },
      { DetailType: 'order.confirmed', Source: 'saga.orders', consumers: 2 },
    ];
    const poison = poisonTypes.map(({ consumers: _consumers, ...entry }, i) => ({
      ...entry,
      EventBusName: deployment.eventBusName,
      Detail: JSON.stringify({
        eventId: `${runId}-poison-${i}`,
        eventType: entry.DetailType,
        source: entry.Source,
        occurredAt: new Date().toISOString(),
        correlationId: `${runId}-poison`,
        causationId: runId,
        schemaVersion: 1,
        data: { orderId: `${runId}-poison`, unexpected: true },
      }),
    }));
    const sent = await events.send(new PutEventsCommand({ Entries: poison }));
    if (sent.FailedEntryCount) throw new Error('could not put the poison events on the bus');
    poisonInjected = poisonTypes.reduce((sum, type) => sum + type.consumers, 0);

    const started = Date.now();
    let cursor = 0;
    const worker = async () => {
      while (cursor < options.orders) {
        const index = cursor++;
        const lines = Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({
          productId: pick(products).productId,
          quantity: 1 + Math.floor(next() * 3),
        }));
        // One order in five is resent with its key: after its answer, or after a client timeout
        // (by position, so every run has both).
        const plan: RetryPlan =
          index % 10 === 3 ? 'retryAfterAnswer' : index % 10 === 7 ? 'retryAfterTimeout' : 'once';
        const placed = await placeWithRetries(
          api,
          { customerId: pick(customers).customerId, items: lines },
          plan,
          // Shorter than an API round trip, so the client gives up; the server may still commit.
          1 + Math.floor(next() * 30),
        );
        retries.requests += placed.retries;
        if (placed.timedOut) retries.afterTimeout++;
        if (placed.orderIds.size !== 1) throw new Error(`one key, several orders: ${[...placed.orderIds]}`);
        const response = placed.result;
        accepted.push({ orderId: String(response.body.orderId), sagaId: String(response.body.sagaId) });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    log(
      `submitted ${accepted.length} orders in ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for quiescence`,
    );

    const deadline = Date.now() + options.quiescenceTimeoutMs;
    for (;;) {
      const orders = await batchGetItems<Record<string, unknown>>(
        dynamo,
        tables.orders,
        'orderId',
        accepted.map((o) => o.orderId),
      );
      const sagas = await batchGetItems<Record<string, unknown>>(
        dynamo,
        tables.sagaStates,
        'sagaId',
        accepted.map((o) => o.sagaId),
      );
      const open = [...orders.values()].filter((o) => o.status === 'PENDING').length;
      const unsettled = [...sagas.values()].filter(
        (s) => s.status !== 'COMPLETED' && s.status !== 'COMPENSATED',
      ).length;
      const pending = await countPendingOutbox(dynamo, [
        tables.ordersOutbox,
        tables.inventoryOutbox,
        tables.paymentsOutbox,
      ]);
      // A settled saga can still have work in flight: rewards' award of a confirmed order, or a
      // redelivery after a crash, waits in an inbox until its visibility timeout ends.
      const backlog = await inboxBacklog(queues, Object.values(deployment.inboxes));
      log(
        `  ${Math.round((Date.now() - started) / 1000)} s: ${open} orders pending, ${unsettled} sagas unsettled, ${pending} outbox events unpublished, ${backlog} inbox messages unhandled`,
      );
      if (open === 0 && unsettled === 0 && pending === 0 && backlog === 0) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  } finally {
    sampling = false;
    await sampler;
    await setFaults([...targets.consumers, ...targets.relays], undefined);
    log('faults off');
  }

  const ids = accepted.map((o) => o.orderId);
  const [orders, sagas, payments, reservations, awards, stock, accounts, balances] = await Promise.all([
    batchGetItems<Record<string, unknown>>(dynamo, tables.orders, 'orderId', ids),
    batchGetItems<Record<string, unknown>>(
      dynamo,
      tables.sagaStates,
      'sagaId',
      accepted.map((o) => o.sagaId),
    ),
    batchGetItems<Record<string, unknown>>(dynamo, tables.payments, 'orderId', ids),
    batchGetItems<Record<string, unknown>>(dynamo, tables.reservations, 'orderId', ids),
    batchGetItems<Record<string, unknown>>(dynamo, tables.awards, 'orderId', ids),
    batchGetItems<Record<string, unknown>>(
      dynamo,
      tables.stock,
      'productId',
      products.map((p) => p.productId),
    ),
    batchGetItems<Record<string, unknown>>(
      dynamo,
      tables.accounts,
      'customerId',
      customers.map((c) => c.customerId),
    ),
    batchGetItems<Record<string, unknown>>(
      dynamo,
      tables.balances,
      'customerId',
      customers.map((c) => c.customerId),
    ),
  ]);
  const pendingOutboxEvents = await countPendingOutbox(dynamo, [
    tables.ordersOutbox,
    tables.inventoryOutbox,
    tables.paymentsOutbox,
  ]);
  const ordersStored = await countStoredOrders(dynamo, tables.orders, `${runId}-`);
  log(
    `${retries.requests} retries (${retries.afterTimeout} after a client timeout), ${ordersStored} orders stored`,
  );
  const allLetters = await readDeadLetters(Object.values(deployment.deadLetterQueues));
  const ours = allLetters.filter((letter) => {
    const text = JSON.stringify(letter.body);
    return text.includes(runId) || ids.some((id) => text.includes(id));
  });
  dynamo.destroy();
  events.destroy();
  queues.destroy();

  const verdict = checkChaosInvariants({
    products: products.map((p) => {
      const row = stock.get(p.productId) ?? {};
      return {
        productId: p.productId,
        initial: p.initial,
        available: Number(row.available),
        reserved: Number(row.reserved),
        sold: Number(row.sold),
        minAvailableSeen: minAvailable.get(p.productId) ?? 0,
      };
    }),
    orders: accepted.map(({ orderId, sagaId }) => {
      const order = orders.get(orderId) ?? {};
      const saga = sagas.get(sagaId) ?? {};
      const payment = payments.get(orderId);
      const reservation = reservations.get(orderId);
      const award = awards.get(orderId);
      return {
        orderId,
        customerId: String(order.customerId),
        status: String(order.status ?? 'MISSING'),
        totalCents: Number(order.totalCents),
        reason: order.reason as string | undefined,
        sagaStatus: saga.status as string | undefined,
        compensationReason: saga.compensationReason as string | undefined,
        payment: payment
          ? { status: String(payment.status), amountCents: Number(payment.amountCents) }
          : undefined,
        reservation: reservation ? { status: String(reservation.status) } : undefined,
        awardPoints: award ? Number(award.points) : undefined,
      };
    }),
    customers: customers.map((c) => ({
      customerId: c.customerId,
      initialCents: c.initialCents,
      finalCents: Number(accounts.get(c.customerId)?.balanceCents),
      points: Number(balances.get(c.customerId)?.points ?? 0),
      awards: Number(balances.get(c.customerId)?.awards ?? 0),
    })),
    pendingOutboxEvents,
    deadLetters: ours,
    poisonInjected,
    retries: { ...retries, ordersStored },
  });
  // Accounted for: take this run's letters out of the queues.
  await deleteDeadLetters(ours);
  return verdict;
};

const countPendingOutbox = async (client: DynamoDBClient, outboxTables: readonly string[]) => {
  let total = 0;
  for (const table of outboxTables) {
    const result = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'PendingIndex',
        KeyConditionExpression: 'pendingPartition = :p',
        ExpressionAttributeValues: { ':p': { S: 'PENDING' } },
        Select: 'COUNT',
      }),
    );
    total += result.Count ?? 0;
  }
  return total;
};
