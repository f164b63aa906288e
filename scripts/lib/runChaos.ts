import { randomUUID } from 'node:crypto';
import { DynamoDBClient, PutItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { batchGetItems, mapBounded, PENDING_INDEX } from '@saga/shared';
import { awsClientConfig } from './awsClientConfig';

import { type ChaosVerdict, checkChaosInvariants } from './checkChaosInvariants';
import { leaveDeadLetteredConfirmation } from './deadLetteredConfirmation';
import { type DeadLetter, deleteDeadLetters, readDeadLetters } from './deadLetters';
import { chaosTargets, setFaults } from './faultSwitch';
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
  /**
   * The run's id, when the caller has switched chaosFaults on for it already (and switches them off):
   * the integration suite does, before any suite starts, so no other suite's delivery is restarted.
   */
  readonly faultsOnFor?: string;
}

/**
 * Faults during the run: ~10% crashes around commits, ~20% duplicate and ~10% failed publishes.
 * Scoped to the run's id, which every product and customer id of the run contains: only the run's
 * own work is faulted (all but payment.voided, whose data names neither), so other work on the
 * same stage, such as tests running alongside, is left alone.
 */
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
  const runId = options.faultsOnFor ?? `chaos-${randomUUID().slice(0, 8)}`;
  const switchFaults = options.faultsOnFor === undefined;
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
  const forced: { orderId: string; eventId: string }[] = [];
  try {
    if (switchFaults) {
      await setFaults(targets.consumers, runId, chaosFaults.consumers);
      await setFaults(targets.relays, runId, chaosFaults.relays);
    }
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

    // One valid order.confirmed that inventory never applied (in its DLQ): the reconciler repairs it.
    const product = products[0] as (typeof products)[number];
    const dead = await leaveDeadLetteredConfirmation(
      { dynamo, sqs: queues, deployment },
      {
        orderId: `${runId}-dead-lettered`,
        productId: product.productId,
        quantity: 1,
        unitPriceCents: product.unitPriceCents,
        customerId: (customers[1] as (typeof customers)[number]).customerId,
      },
    );
    accepted.push(dead);
    forced.push(dead);

    const started = Date.now();
    const indexes = Array.from({ length: options.orders }, (_, index) => index);
    await mapBounded(indexes, options.concurrency, async (index) => {
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
      // Every fifth order, a large poison right behind it, so they share the inventory inbox's batches.
      if (accepted.length % 5 === 0) {
        await putLargePoison(events, deployment.eventBusName, `${runId}-large-${accepted.length}`);
        poisonInjected += 1;
      }
    });
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
      const ids = new Set(accepted.map((o) => o.orderId));
      const pending = await countPendingOutbox(
        dynamo,
        [tables.ordersOutbox, tables.inventoryOutbox, tables.paymentsOutbox],
        ids,
      );
      // A settled saga can still have work in flight: rewards' award of a confirmed order, a
      // redelivery after a crash (an inbox's visibility timeout), or the reconciler's repair of the
      // dead-lettered confirmation. Only this run's own records are read: suites running alongside
      // share the queues and tables.
      const [reservations, payments, awards] = await Promise.all(
        [tables.reservations, tables.payments, tables.awards].map((table) =>
          batchGetItems<Record<string, unknown>>(dynamo, table, 'orderId', [...ids]),
        ),
      );
      const effectsInFlight = accepted.filter(({ orderId }) => {
        const status = orders.get(orderId)?.status;
        const reservation = reservations?.get(orderId)?.status;
        if (status === 'CONFIRMED') return reservation !== 'COMMITTED' || !awards?.has(orderId);
        return reservation === 'HELD' || payments?.get(orderId)?.status === 'SUCCEEDED';
      }).length;
      log(
        `  ${Math.round((Date.now() - started) / 1000)} s: ${open} orders pending, ${unsettled} sagas unsettled, ${pending} outbox events unpublished, ${effectsInFlight} orders with effects in flight`,
      );
      if (open === 0 && unsettled === 0 && pending === 0 && effectsInFlight === 0) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  } finally {
    sampling = false;
    await sampler;
    if (switchFaults) {
      await setFaults([...targets.consumers, ...targets.relays], runId, undefined);
      log('faults off');
    }
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
  const pendingOutboxEvents = await countPendingOutbox(
    dynamo,
    [tables.ordersOutbox, tables.inventoryOutbox, tables.paymentsOutbox],
    new Set(ids),
  );
  const ordersStored = await countStoredOrders(dynamo, tables.orders, `${runId}-`);
  log(
    `${retries.requests} retries (${retries.afterTimeout} after a client timeout), ${ordersStored} orders stored`,
  );
  // The dead letters this run put there on purpose are expected, not violations.
  const isForced = (letter: DeadLetter) =>
    forced.some(
      ({ eventId }) =>
        JSON.stringify(letter.body).includes(`"eventId":"${eventId}"`) && !('reason' in letter.body),
    );
  // Another reader (a test alongside) may hide some letters for a few seconds: look again until
  // every injected poison event is accounted for, or for a minute.
  const readRunLetters = async () =>
    (await readDeadLetters(Object.values(deployment.deadLetterQueues))).filter((letter) => {
      const text = JSON.stringify(letter.body);
      return text.includes(runId) || ids.some((id) => text.includes(id));
    });
  let mine = await readRunLetters();
  const parked = () => mine.filter((letter) => letter.kind === 'parked-invalid-event').length;
  for (let tries = 0; tries < 12 && parked() < poisonInjected; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    mine = await readRunLetters();
  }
  const ours = mine.filter((letter) => !isForced(letter));
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
    forcedDeadLetters: forced.map((f) => f.orderId),
    retries: { ...retries, ordersStored },
  });
  // Accounted for: take this run's letters out of the queues.
  await deleteDeadLetters(mine);
  return verdict;
};

/**
 * An order.created of over 60 KB, 1,000 lines with every field wrong: thousands of contract issues.
 * Inventory must park it with a bounded reason and keep handling the valid events sharing its batch.
 */
const putLargePoison = async (events: EventBridgeClient, eventBusName: string, id: string) => {
  const detail = {
    eventId: id,
    eventType: 'order.created',
    source: 'saga.orders',
    occurredAt: new Date().toISOString(),
    correlationId: id,
    causationId: id,
    schemaVersion: 1,
    data: {
      orderId: id,
      sagaId: id,
      customerId: 'c',
      lines: Array.from({ length: 1000 }, () => ({
        productId: 1,
        quantity: 'x',
        unitPriceCents: 'y',
        note: 'z'.repeat(40),
      })),
      totalCents: 1,
      currency: 'USD',
    },
  };
  const sent = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: 'saga.orders',
          DetailType: 'order.created',
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  if (sent.FailedEntryCount) throw new Error('could not put a large poison event on the bus');
};

const countPendingOutbox = async (
  client: DynamoDBClient,
  outboxTables: readonly string[],
  orderIds?: ReadonlySet<string>,
) => {
  let total = 0;
  for (const table of outboxTables) {
    // The pending index is sparse: a Scan reads exactly what is still unpublished.
    for await (const page of paginateScan(
      { client },
      { TableName: table, IndexName: PENDING_INDEX, ProjectionExpression: 'correlationId' },
    ))
      total += (page.Items ?? []).filter(
        (item) => !orderIds || orderIds.has(String(item.correlationId?.S)),
      ).length;
  }
  return total;
};
