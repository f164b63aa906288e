import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { loadDeployment } from '../scripts/lib/loadDeployment';
import { distribution } from '../scripts/lib/percentile';
import { sagaClient } from '../scripts/lib/sagaClient';
import { seedBenchFixtures } from './lib/benchFixtures';
import { writeOut } from './lib/benchOut';
import { writeReport } from './lib/benchReport';
import { cdfChart } from './lib/charts';
import { ensureFloorProbe, runFloorChain } from './lib/floorProbe';
import { waitForSagaEnd } from './lib/sagaProbe';

/**
 * Latency, one at a time: each saga is posted only when the previous one has ended, so nothing
 * queues. A floor chain (the same hops with no business logic) runs after each saga, so both see
 * the same machine load; the ratio of their medians is the saga's overhead over its transport.
 */
const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const options = {
  sagas: env('N', 100),
  warmup: env('WARMUP', 3),
  timeoutMs: env('TIMEOUT_SECONDS', 60) * 1000,
};

interface LatencyResult {
  at: string;
  options: typeof options;
  sagaMs: number[];
  floorMs: number[];
  failedSagas: number;
  failedChains: number;
}

const main = async () => {
  const deployment = await loadDeployment();
  const dynamo = new DynamoDBClient(awsClientConfig);
  const api = sagaClient(deployment);
  const floorTable = await ensureFloorProbe();
  const runId = `lat-${Date.now()}`;
  const fixtures = await seedBenchFixtures(dynamo, deployment, runId, options.sagas + options.warmup);
  console.log(
    `bench latency: ${options.sagas} sagas one at a time (after ${options.warmup} warm-up), each followed by a floor chain`,
  );
  const result: LatencyResult = {
    at: new Date().toISOString(),
    options,
    sagaMs: [],
    floorMs: [],
    failedSagas: 0,
    failedChains: 0,
  };
  for (let i = 0; i < options.warmup + options.sagas; i++) {
    const measured = i >= options.warmup;
    const response = await api.placeOrder(fixtures.order(i));
    const sagaId = response.status === 201 ? String(response.body.sagaId) : undefined;
    const ended = sagaId
      ? await waitForSagaEnd(dynamo, deployment.tables.sagaStates, sagaId, { timeoutMs: options.timeoutMs })
      : undefined;
    const chainMs = await runFloorChain(dynamo, floorTable, `${runId}-${i}`, {
      timeoutMs: options.timeoutMs,
    });
    if (!measured) continue;
    if (ended?.status === 'COMPLETED') result.sagaMs.push(ended.endedAt - ended.createdAt);
    else result.failedSagas++;
    if (chainMs === undefined) result.failedChains++;
    else result.floorMs.push(chainMs);
    if ((i - options.warmup + 1) % 10 === 0)
      process.stdout.write(`  ${i - options.warmup + 1}/${options.sagas}\n`);
  }
  dynamo.destroy();

  const saga = distribution(result.sagaMs);
  const floor = distribution(result.floorMs);
  writeOut('latency.json', JSON.stringify(result, null, 2));
  writeOut(
    'latency-cdf.svg',
    cdfChart(
      'Saga latency, one at a time, against the floor probe (server timestamps)',
      [
        { label: 'saga (relay path)', valuesMs: result.sagaMs },
        { label: 'floor probe (3 bare hops)', valuesMs: result.floorMs },
      ],
      [{ label: 'floor p50', valueMs: floor.p50 }],
    ),
  );
  const report = writeReport();
  console.log(
    `bench latency: ${result.sagaMs.length} sagas, p50 ${saga.p50.toFixed(0)} ms, p95 ${saga.p95.toFixed(0)} ms, ` +
      `p99 ${saga.p99.toFixed(0)} ms, floor p50 ${floor.p50.toFixed(0)} ms, ratio ${(saga.p50 / floor.p50).toFixed(2)}`,
  );
  console.log(`report: ${report}`);
  if (result.failedSagas > 0 || result.failedChains > 0) {
    console.error(`${result.failedSagas} sagas and ${result.failedChains} floor chains did not complete`);
    process.exitCode = 1;
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
