import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { VERIFICATION_INDEX } from '@saga/orders/src/adapters/buildSagaVerification';
import {
  batchGetItems,
  countSparseIndex,
  functionName,
  mapBounded,
  publishingServiceNames,
  type ServiceName,
} from '@saga/shared';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { reconcilerTimings } from '../scripts/lib/deadLetteredConfirmation';
import { loadDeployment } from '../scripts/lib/loadDeployment';
import { type Distribution, distribution } from '../scripts/lib/percentile';
import { sagaClient } from '../scripts/lib/sagaClient';
import { seedBenchFixtures } from './lib/benchFixtures';
import { writeOut } from './lib/benchOut';
import { writeReport } from './lib/benchReport';
import { collectUsage } from './lib/collectUsage';
import { costPerMillionOrders, type Prices, usageFromCounts } from './lib/costModel';
import { latencyChart } from './lib/latencyChart';
import { indexWriteUnits, type PartitionShare, partitionShares } from './lib/partitionShares';
import { keyedIndexes, setRequestLog } from './lib/requestLogSwitch';
import { waitForSagaEnd } from './lib/sagaProbe';
import { type OutboxRecord, type SagaRecord, sagaTimings } from './lib/sagaTimings';
import { SAGA_STATE_TRANSITIONS, stepFunctionsPerMillion } from './lib/stepFunctionsModel';

const root = path.resolve(__dirname, '..');
const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const options = {
  orders: env('N', 500),
  concurrency: env('CONCURRENCY', 10),
  sweeperOrders: env('SWEEPER_N', 10),
  maxSeconds: env('MAX_SECONDS', 900),
  warmup: env('WARMUP', 3),
};
const prices = JSON.parse(readFileSync(path.join(__dirname, 'prices.json'), 'utf8')) as Prices &
  Parameters<typeof stepFunctionsPerMillion>[0] & { asOf: string };
/** How long after the last write the logs are read: their delivery lags the invocations. */
const LOG_SETTLE_MS = 5000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface PathResult {
  readonly path: string;
  readonly orders: number;
  readonly completed: number;
  readonly failed: number;
  readonly endToEnd: Distribution;
  readonly throughputPerSecond: number;
  readonly writeToPublished: Record<string, Distribution>;
  readonly publishedToConsumed: Record<string, Distribution>;
  readonly outboxLag: Distribution;
  readonly usage?: ReturnType<typeof usageFromCounts>;
  readonly requestCounts?: Record<string, number>;
  readonly costPerMillion?: Record<string, number>;
  readonly partitionShares?: PartitionShare[];
  /** Scheduled jobs' requests, per minute of the run: a fixed cost, left out of the per-order figures. */
  readonly fixedJobs?: {
    readonly functions: string[];
    readonly requestsPerMinute: Record<string, number>;
    readonly invocationsPerMinute: number;
  };
}

/**
 * The scheduled jobs' requests a minute: what the system costs idle, whatever the load (on AWS a
 * query of a few items is half a read unit; the month has 43,200 minutes).
 */
const fixedJobsLines = (fixed: PathResult['fixedJobs']): string[] => {
  if (!fixed) return [];
  const perMinute = Object.entries(fixed.requestsPerMinute)
    .filter(([k]) => !k.endsWith('.keys') && !k.endsWith('.items') && !k.endsWith('.entries'))
    .sort()
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  return [
    `Not per order: the scheduled jobs (${fixed.functions.join(', ')}) run every minute whatever the load, ` +
      `${fixed.invocationsPerMinute.toFixed(1)} invocations and ${perMinute || 'no requests'} a minute over the run ` +
      '(the deadline sweeper queries every shard of `StatusIndex` for two statuses; the outbox sweepers scan their ' +
      'sparse pending index). They are left out of the per-order figures above and the cost below.',
    '',
  ];
};

const main = async () => {
  if (process.env.RENDER_FROM) {
    // Re-render a saved run's report (e.g. after changing the report's layout).
    const saved = JSON.parse(readFileSync(process.env.RENDER_FROM, 'utf8'));
    writeOut('full.md', renderReport(saved, 'full-latency.svg'));
    console.log(`report: ${writeReport()}`);
    return;
  }
  const deployment = await loadDeployment();
  const { tables, stage } = deployment;
  // The reconciler takes an order a grace after it ended, on its next run: allow two runs.
  const reconciler = reconcilerTimings(stage);
  const verificationWaitMs =
    (reconciler.reconcileGraceSeconds + 2 * reconciler.reconcilePeriodSeconds) * 1000;
  const dynamo = new DynamoDBClient(awsClientConfig);
  const lambda = new LambdaClient(awsClientConfig);
  const api = sagaClient(deployment);
  const runId = `bench-${Date.now()}`;
  // Functions as service and name: deployed names derive from them (functionName), labels too.
  type Fn = { readonly service: ServiceName; readonly name: string };
  const functions = (service: ServiceName, names: string[]): Fn[] => names.map((name) => ({ service, name }));
  const deployed = (fns: readonly Fn[]) => fns.map(({ service, name }) => functionName(service, stage, name));
  const allFunctions = [
    ...functions('orders', [
      'createOrder',
      'getOrder',
      'getOrderSaga',
      'onSagaReply',
      'relayOutbox',
      'sweepOutbox',
      'expireSagas',
      'reconcileSagas',
    ]),
    ...functions('inventory', ['onOrderEvent', 'relayOutbox', 'sweepOutbox']),
    ...functions('payments', ['onInventoryEvent', 'relayOutbox', 'sweepOutbox']),
    ...functions('rewards', ['onOrderConfirmed']),
  ];
  // Scheduled jobs that run every minute whatever the load: on the relay path their requests are a
  // fixed cost per minute, not per order (the sweepers publish every event on the sweeper path, so
  // there they are per order). The reconciler's work is per order: it verifies each one.
  const fixedJobs = (pathName: string): Fn[] => [
    { service: 'orders', name: 'expireSagas' },
    ...(pathName === 'relay'
      ? publishingServiceNames.map((service): Fn => ({ service, name: 'sweepOutbox' }))
      : []),
  ];
  const relays = publishingServiceNames.map((svc) => functionName(svc, stage, 'relayOutbox'));
  // Every table's and index's partition key: what the request log watches in written items.
  const indexes = await keyedIndexes(dynamo, Object.values(tables));
  const keyAttributes = [...new Set(indexes.map((index) => index.partitionKey))];
  const setRelays = async (enabled: boolean) => {
    for (const FunctionName of relays) {
      const { EventSourceMappings = [] } = await lambda.send(
        new ListEventSourceMappingsCommand({ FunctionName }),
      );
      for (const mapping of EventSourceMappings) {
        await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: enabled }));
      }
    }
  };

  /**
   * Waits until no order awaits the reconciler, or until `until`; returns how many still do. The
   * index is sparse (only orders still to verify), so each look is one cheap Scan.
   */
  const awaitVerification = async (until: number): Promise<number> => {
    for (;;) {
      const waiting = await countSparseIndex(dynamo, {
        TableName: tables.orders,
        IndexName: VERIFICATION_INDEX,
      });
      if (waiting === 0 || Date.now() > until) return waiting;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  };
  const runPath = async (name: string, count: number): Promise<PathResult> => {
    // Plenty of stock and money, spread over products and customers: every saga should confirm.
    const products = Array.from({ length: 10 }, (_, i) => `${runId}-${name}-p${i}`);
    const customers = Array.from(
      { length: Math.max(5, Math.ceil(count / 5)) },
      (_, i) => `${runId}-${name}-c${i}`,
    );
    for (const productId of products) {
      await dynamo.send(
        new PutItemCommand({
          TableName: tables.catalogue,
          Item: marshall({ productId, unitPriceCents: 1000, currency: 'USD' }),
        }),
      );
      await dynamo.send(
        new PutItemCommand({
          TableName: tables.stock,
          Item: marshall({ productId, available: count * 3, reserved: 0, sold: 0 }),
        }),
      );
    }
    for (const customerId of customers) {
      await dynamo.send(
        new PutItemCommand({
          TableName: tables.accounts,
          Item: marshall({ customerId, balanceCents: 1_000_000_000 }),
        }),
      );
    }
    const started = Date.now();
    const deadline = started + options.maxSeconds * 1000;
    const accepted: { orderId: string; sagaId: string }[] = [];
    let failed = 0;
    await mapBounded(
      Array.from({ length: count }, (_, i) => i),
      options.concurrency,
      async (i) => {
        if (Date.now() >= deadline) return;
        const response = await api.placeOrder({
          customerId: customers[i % customers.length] as string,
          items: [{ productId: products[i % products.length] as string, quantity: 1 }],
        });
        if (response.status === 201)
          accepted.push({ orderId: String(response.body.orderId), sagaId: String(response.body.sagaId) });
        else failed++;
      },
    );
    console.log(
      `  ${name}: ${accepted.length} orders accepted in ${seconds(Date.now() - started)}; waiting for the sagas`,
    );

    let sagas = new Map<string, Record<string, unknown>>();
    for (;;) {
      sagas = await batchGetItems<Record<string, unknown>>(
        dynamo,
        tables.sagaStates,
        'sagaId',
        accepted.map((o) => o.sagaId),
      );
      const open = [...sagas.values()].filter(
        (s) => s.status !== 'COMPLETED' && s.status !== 'COMPENSATED',
      ).length;
      if (open === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const ids = new Set(accepted.map((o) => o.orderId));
    const scanOutbox = async () => {
      const rows: OutboxRecord[] = [];
      for (const table of [tables.ordersOutbox, tables.inventoryOutbox, tables.paymentsOutbox]) {
        let ExclusiveStartKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
        do {
          const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
          for (const item of page.Items ?? []) {
            const row = unmarshall(item) as OutboxRecord;
            if (ids.has(row.correlationId)) rows.push(row);
          }
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
      }
      return rows;
    };
    // The usage window closes only when the late consumers are done too: every event of the run
    // published (the relays' last marks) and every confirmed order awarded (rewards).
    const confirmedIds = [...sagas.values()]
      .filter((s) => s.status === 'COMPLETED')
      .map((s) => String(s.orderId));
    let outbox: OutboxRecord[] = [];
    for (const settleUntil = Date.now() + 60_000; ; ) {
      outbox = await scanOutbox();
      const awarded = await batchGetItems(dynamo, tables.awards, 'orderId', confirmedIds);
      if (
        (outbox.every((row) => row.publishedAt) && awarded.size === confirmedIds.length) ||
        Date.now() > settleUntil
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // ...and the reconciler has verified every order of the run (its reads and the write that takes
    // an order out of VerificationIndex are per-order work too), which starts a grace after the end.
    // Earlier runs' orders were verified before this run began (below), so every order in the
    // index is this run's.
    const unverified = await awaitVerification(Date.now() + verificationWaitMs);
    if (unverified > 0)
      console.log(
        `  ${name}: ${unverified} orders still unverified by the reconciler when the window closed`,
      );
    // The index empties while the reconciler run that emptied it may still be going: its request
    // counts are logged when it ends, at most its timeout later (read before this wait, a run lost up
    // to 1,174 of its 2,000 verifications' writes from the counts).
    if (unverified === 0 && accepted.length > 0)
      await new Promise((resolve) => setTimeout(resolve, reconciler.scheduledJobTimeoutSeconds * 1000));
    const ended = Date.now();
    // Log lines reach CloudWatch Logs a moment after the invocation that wrote them.
    await new Promise((resolve) => setTimeout(resolve, LOG_SETTLE_MS));

    const sagaRecords = [...sagas.values()] as unknown as SagaRecord[];
    const timings = sagaTimings(sagaRecords, outbox);
    const completed = sagaRecords.filter((s) => s.status === 'COMPLETED').length;
    const spread = (bucket: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(bucket).map(([key, values]) => [key, distribution(values)]));

    const fixed = fixedJobs(name);
    const isFixed = (fn: Fn) => fixed.some((job) => job.service === fn.service && job.name === fn.name);
    const usage = await collectUsage(
      deployed(allFunctions.filter((fn) => !isFixed(fn))),
      started,
      ended + LOG_SETTLE_MS,
    );
    const fixedUsage = await collectUsage(deployed(fixed), started, ended + LOG_SETTLE_MS);
    const windowMinutes = (ended + LOG_SETTLE_MS - started) / 60_000;
    const written = { ...usage.partitionWrites };
    for (const [key, n] of Object.entries(fixedUsage.partitionWrites)) written[key] = (written[key] ?? 0) + n;
    const shares = partitionShares(written, indexes);
    const perOrder = usageFromCounts(usage.counts, accepted.length || 1, {
      indexWriteUnits: indexWriteUnits(shares),
      lambdaInvocations: usage.invocations,
      lambdaGbSeconds: (usage.billedMs / 1000) * 0.25,
      // Each delivery to an inbox is one SendMessage (EventBridge); each batch a consumer received is one
      // ReceiveMessage and one DeleteMessageBatch (the event source mapping). Idle long polls are per queue,
      // not per order, and left out.
      sqsRequests: usage.eventsHandled + 2 * usage.consumerInvocations,
      logIngestedBytes: usage.logIngestedBytes,
    });
    return {
      path: name,
      orders: accepted.length,
      completed,
      failed: failed + (accepted.length - completed),
      endToEnd: distribution(timings.endToEndMs),
      throughputPerSecond: completed / Math.max(0.001, (timings.lastEndedAt - timings.firstCreatedAt) / 1000),
      writeToPublished: spread(timings.writeToPublishedMs),
      publishedToConsumed: spread(timings.publishedToConsumedMs),
      outboxLag: distribution(timings.outboxLagMs),
      usage: perOrder,
      requestCounts: Object.fromEntries(
        Object.entries(usage.counts).map(([k, v]) => [k, v / (accepted.length || 1)]),
      ),
      costPerMillion: costPerMillionOrders(perOrder, prices),
      partitionShares: shares,
      fixedJobs: {
        functions: fixed.map(({ service, name }) => `${service}/${name}`),
        requestsPerMinute: Object.fromEntries(
          Object.entries(fixedUsage.counts).map(([k, v]) => [k, v / windowMinutes]),
        ),
        invocationsPerMinute: fixedUsage.invocations / windowMinutes,
      },
    };
  };

  console.log(
    `bench: N=${options.orders}, concurrency ${options.concurrency}, sweeper-only N=${options.sweeperOrders}`,
  );
  // The request log is off in production; the benchmark switches it on for its run only.
  await setRequestLog(lambda, deployed(allFunctions), keyAttributes);
  // The configuration change restarts the function workers: a few sagas one at a time warm them
  // (and end, late consumers included) before anything is counted.
  const warm = await seedBenchFixtures(dynamo, deployment, `${runId}-warmup`, options.warmup);
  for (let i = 0; i < options.warmup; i++) {
    const response = await api.placeOrder(warm.order(i));
    if (response.status === 201)
      await waitForSagaEnd(dynamo, tables.sagaStates, String(response.body.sagaId));
  }
  if (options.warmup > 0) await new Promise((resolve) => setTimeout(resolve, 3000));
  // Orders of an earlier run still waiting for the reconciler would be verified inside this run's
  // window and counted as its work: wait until none is left (or say so).
  const backlog = await awaitVerification(Date.now() + verificationWaitMs);
  if (backlog > 0)
    console.log(
      `  ${backlog} orders of earlier runs still await the reconciler: their checks count in this run`,
    );
  const results: PathResult[] = [];
  try {
    if (options.orders > 0) results.push(await runPath('relay', options.orders));
    if (options.sweeperOrders > 0) {
      await setRelays(false);
      try {
        results.push(await runPath('sweeper', options.sweeperOrders));
      } finally {
        await setRelays(true);
      }
    }
  } finally {
    await setRequestLog(lambda, deployed(allFunctions), undefined);
  }

  const bundles = ['orders', 'inventory', 'payments', 'rewards'].flatMap((svc) => {
    const dir = path.join(root, 'services', svc, '.serverless');
    return readdirSync(dir)
      .filter((file) => file.endsWith('.zip'))
      .map((file) => ({
        function: `${svc}/${file.replace(/\.zip$/, '')}`,
        zippedBytes: statSync(path.join(dir, file)).size,
      }));
  });

  const report = {
    at: new Date().toISOString(),
    emulator: 'MiniStack 1.5.33 (host processes)',
    options,
    prices,
    results,
    bundles,
  };
  writeOut('full.json', JSON.stringify(report, null, 2));
  writeOut(
    'full-latency.svg',
    latencyChart(
      'End-to-end saga duration by publisher path (server timestamps)',
      results.flatMap((r) =>
        (['p50', 'p95', 'p99', 'max'] as const).map((q) => ({
          label: `${r.path} ${q}`,
          value: r.endToEnd[q],
        })),
      ),
    ),
  );
  writeOut('full.md', renderReport(report, 'full-latency.svg'));
  const reportPath = writeReport();

  for (const r of results) {
    console.log(
      `bench ${r.path}: ${r.completed} sagas, p50 ${seconds(r.endToEnd.p50)}, p99 ${seconds(r.endToEnd.p99)}, ` +
        `${r.throughputPerSecond.toPrecision(3)} sagas/s, ${r.failed} failed, $${(r.costPerMillion?.total ?? 0).toFixed(2)} per million orders`,
    );
  }
  const shares = results[0]?.partitionShares ?? [];
  for (const [label, hottest] of [
    ['of any index', hottestShare(shares.filter((s) => s.index !== TABLE_ROW))],
    ['of any table', hottestShare(shares.filter((s) => s.index === TABLE_ROW))],
  ] as const) {
    if (hottest)
      console.log(
        `bench partitions: largest share ${label} ${(100 * hottest.share).toFixed(1)} % of ${hottest.writes} writes to one key (${hottest.table} ${hottest.index}, ${hottest.topKey})`,
      );
  }
  console.log(`report: ${reportPath} (make bench-report copies it into bench/REPORT.md)`);
  dynamo.destroy();
  lambda.destroy();
  if (results.some((r) => r.failed > 0)) process.exitCode = 1;
};

/** The issue's goals, each with its measured figure: misses are reported, not hidden. */
const goals = (report: {
  results: PathResult[];
  bundles: { function: string; zippedBytes: number }[];
  options: typeof options;
}) => {
  const relay = report.results.find((r) => r.path === 'relay');
  const sweeper = report.results.find((r) => r.path === 'sweeper');
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  const big = report.bundles.filter((b) => b.zippedBytes > 300 * 1024);
  return [
    relay && sweeper
      ? `- Relay p99 well under the sweeper path's interval (60 s schedule): relay p99 ${seconds(relay.endToEnd.p99)} vs sweeper p50 ${seconds(sweeper.endToEnd.p50)}: ${mark(relay.endToEnd.p99 < 30_000)}.`
      : '- Relay vs sweeper: only one path ran.',
    relay
      ? `- Relay p99 < 1 s at concurrency ${report.options.concurrency}: p99 ${seconds(relay.endToEnd.p99)}: ${mark(relay.endToEnd.p99 < 1000)}. Under a closed loop of ${report.options.concurrency} clients the emulator saturates (${relay.throughputPerSecond.toFixed(1)} sagas/s on 2 cores) and the time is queueing: MiniStack polls every stream and queue from one thread and runs each function as a host process.`
      : '- Relay path not run.',
    `- Zero failed or lost sagas: ${report.results.map((r) => `${r.path} ${r.failed} failed`).join(', ')}: ${mark(report.results.every((r) => r.failed === 0))}.`,
    `- Bundles minified and tree-shaken, each size below: ${big.length} of ${report.bundles.length} are over 300 KB zipped (largest ${Math.max(...report.bundles.map((b) => b.zippedBytes))} bytes). Reason: the AWS SDK v3 clients (DynamoDB, EventBridge, SQS, with their shared core) and Powertools are bundled, because the emulator runs functions on the host without an SDK; on AWS they could be left to the runtime's SDK.`,
  ];
};

/** The same saga orchestrated by Step Functions, at the prices in bench/prices.json. */
const stepFunctionsComparison = (report: { prices: typeof prices; results: PathResult[] }) => {
  const relay = report.results.find((r) => r.path === 'relay');
  if (!relay?.costPerMillion) return [];
  const cost = relay.costPerMillion;
  const total = cost.total ?? 0;
  const sfn = stepFunctionsPerMillion(report.prices, relay.endToEnd.p50 / 1000);
  const tasks =
    (cost['Lambda requests'] ?? 0) +
    (cost['Lambda compute'] ?? 0) +
    (cost['DynamoDB reads'] ?? 0) +
    (cost['CloudWatch Logs ingestion'] ?? 0);
  return [
    '### Against Step Functions (orchestration instead of choreography)',
    '',
    `A state machine running the same steps executes ${SAGA_STATE_TRANSITIONS} states on the happy path ` +
      '(bench/lib/stepFunctionsModel.ts). It replaces the bus, the inbox queues and the relays; the tasks still ' +
      'run as functions and still write their state (and would still need idempotency against retries).',
    '',
    '| design | orchestration $ per million orders | plus the work the tasks still do | total |',
    '| --- | --- | --- | --- |',
    `| this project (choreography, outbox) | ${((cost['EventBridge events'] ?? 0) + (cost['SQS inbox requests'] ?? 0)).toFixed(2)} (bus + inboxes) | ${(total - (cost['EventBridge events'] ?? 0) - (cost['SQS inbox requests'] ?? 0)).toFixed(2)} | **${total.toFixed(2)}** |`,
    `| Step Functions Standard | ${sfn.standard.toFixed(2)} (${SAGA_STATE_TRANSITIONS} transitions) | ≥ ${(tasks + (cost['API Gateway (REST)'] ?? 0)).toFixed(2)} (Lambda, reads, logs, API; plus business writes) | ≥ **${(sfn.standard + tasks + (cost['API Gateway (REST)'] ?? 0)).toFixed(2)}** |`,
    `| Step Functions Express | ${sfn.express.toFixed(2)} (64 MB for the measured p50 ${(relay.endToEnd.p50 / 1000).toFixed(2)} s) | same | ≥ **${(sfn.express + tasks + (cost['API Gateway (REST)'] ?? 0)).toFixed(2)}** |`,
    '',
    'Express is cheap but at-most-once per step for asynchronous starts and keeps no history past 5 minutes; ' +
      "Standard is exactly-once per step at a per-transition price that, alone, exceeds this design's total.",
  ];
};

/** The largest share of writes any single partition key of a table or index received. */
/** How partitionShares names a table's own key (not an index). */
const TABLE_ROW = '(table)';

const hottestShare = (shares: readonly PartitionShare[]) =>
  shares.reduce<PartitionShare | undefined>((top, s) => (!top || s.share > top.share ? s : top), undefined);

const partitionSection = (relay: PathResult | undefined) => {
  const shares = [...(relay?.partitionShares ?? [])].sort((a, b) => b.share - a.share);
  if (shares.length === 0)
    return ['### Partition keys', '', 'No written keys were logged (request log off?).'];
  const top = hottestShare(shares.filter((s) => s.index !== TABLE_ROW)) ?? (shares[0] as PartitionShare);
  const table = hottestShare(shares.filter((s) => s.index === TABLE_ROW));
  return [
    '### Partition keys: the largest share of writes one key received',
    '',
    (table
      ? `Hottest table key: ${(100 * table.share).toFixed(1)} % of ${table.writes} writes to \`${table.table}\` (\`${table.topKey}\`): ` +
        'a business item every order of its product or customer writes (the run spreads orders over its fixtures: 10 products, one customer per 5 orders); ' +
        'a product that outsells 1,000 writes/s would need its stock split into shards. '
      : '') +
      `Hottest index key: **${(100 * top.share).toFixed(1)} %** of ${top.writes} writes to \`${top.table}\` ${top.index} went to one key (\`${top.topKey}\`). ` +
      "Goal: no key above 1 % of an index's writes in a 2,000-order run. On AWS one partition takes about " +
      '1,000 write units per second, so an index whose writes all share one key caps the whole system there. ' +
      'Keys are counted from the request log (written items and the values updates set); a removal from a sparse ' +
      "index is a write to the index, credited to the item's shard key (keys are write-sharded by the item's own key, " +
      'shared/src/dynamo/writeShards.ts). A status change moves an item between keys: only its new key is logged.',
    '',
    '| table | index | writes | hottest key | its writes | share |',
    '| --- | --- | --- | --- | --- | --- |',
    ...shares.map(
      (s) =>
        `| ${s.table} | ${s.index} | ${s.writes} | ${s.topKey.slice(0, 48)} | ${s.topWrites} | ${(100 * s.share).toFixed(1)} % |`,
    ),
  ];
};

const fmt = (d: Distribution) =>
  `${d.p50.toFixed(0)} / ${d.p95.toFixed(0)} / ${d.p99.toFixed(0)} / ${d.max.toFixed(0)}`;

const renderReport = (
  report: {
    at: string;
    emulator: string;
    options: typeof options;
    prices: typeof prices;
    results: PathResult[];
    bundles: { function: string; zippedBytes: number }[];
  },
  chartFile: string,
) => {
  const lines = [
    `## Full report (\`make bench\`, ${report.at})`,
    '',
    `Emulator: ${report.emulator}; machine: 2 cores. Orders: ${report.options.orders} through the relay at concurrency ${report.options.concurrency}, ${report.options.sweeperOrders} through the sweeper alone (relays disabled: the seed's polling design). Pipes: not measurable here (MiniStack does not deliver pipes to an event bus).`,
    '',
    '### End-to-end saga duration (created → confirmed), ms: p50 / p95 / p99 / max',
    '',
    '| path | sagas | failed | e2e ms | throughput (sagas/s) | outbox lag ms (p50 / p95 / p99 / max) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.results.map(
      (r) =>
        `| ${r.path} | ${r.completed} | ${r.failed} | ${fmt(r.endToEnd)} | ${r.throughputPerSecond.toPrecision(3)} | ${fmt(r.outboxLag)} |`,
    ),
    '',
    `![latency](${chartFile})`,
    '',
    '### Goals',
    '',
    ...goals(report),
    '',
    '### Per-hop breakdown, ms: p50 / p95 / p99 / max',
    '',
    '| path | event | outbox write → published | published → consumed |',
    '| --- | --- | --- | --- |',
    ...report.results.flatMap((r) =>
      Object.keys(r.writeToPublished).map(
        (event) =>
          `| ${r.path} | ${event} | ${fmt(r.writeToPublished[event] as Distribution)} | ${r.publishedToConsumed[event] ? fmt(r.publishedToConsumed[event] as Distribution) : '–'} |`,
      ),
    ),
    '',
    '### AWS requests per order (relay path, counted by an SDK middleware in every function)',
    '',
    '| request | per order |',
    '| --- | --- |',
    ...Object.entries(report.results[0]?.requestCounts ?? {})
      .sort()
      .map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`),
    '',
    `Derived per order: ${JSON.stringify(report.results[0]?.usage)}`,
    '',
    ...fixedJobsLines(report.results[0]?.fixedJobs),
    `### Cost per million orders (us-east-1 list prices as of ${report.prices.asOf})`,
    '',
    '| line | USD |',
    '| --- | --- |',
    ...Object.entries(report.results[0]?.costPerMillion ?? {}).map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`),
    '',
    "Index writes are counted from the request log: each write carrying an index's partition key attribute, and each " +
      'removal of it (an item leaving a sparse index), is one index write unit (items are under 1 KB). On AWS an update ' +
      "that changes an index's key costs two (delete and put: a saga's two updates move it on StatusIndex, whose sort " +
      "key is `updatedAt`), and an update that leaves a keys-only index's keys alone costs none (the confirmed order on " +
      '`CustomerIdIndex`): counted as one each here, so this line is about one unit per order low. DynamoDB ' +
      'Streams reads cost nothing when Lambda triggers consume them (AWS pricing), so the outbox streams add no line.',
    '',
    'SQS: one SendMessage per delivery to an inbox (by EventBridge), and one ReceiveMessage plus one DeleteMessageBatch ' +
      "per batch a consumer received (its invocations): larger batches under load cost less per order. The mappings' " +
      'idle long polls are per queue, not per order, and are left out.',
    '',
    ...stepFunctionsComparison(report),
    '',
    ...partitionSection(report.results[0]),
    '',
    '### Bundles (zipped, minified, tree-shaken; the AWS SDK v3 is bundled because the emulator runs functions on the host without it)',
    '',
    '| function | bytes |',
    '| --- | --- |',
    ...report.bundles.map((b) => `| ${b.function} | ${b.zippedBytes} |`),
    '',
  ];
  return lines.join('\n');
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
