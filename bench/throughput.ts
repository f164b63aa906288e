import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { loadDeployment } from '../scripts/lib/loadDeployment';
import { sagaClient } from '../scripts/lib/sagaClient';
import { seedBenchFixtures } from './lib/benchFixtures';
import { writeOut } from './lib/benchOut';
import { type ThroughputResult, writeReport } from './lib/benchReport';
import { loadChart } from './lib/charts';
import { type IdleCpu, knee, type StepResult, type StepSample, summarizeStep } from './lib/loadSteps';
import { processGroupCpu } from './lib/procCpu';
import { endedSagas, waitForSagaEnd } from './lib/sagaProbe';

/**
 * Open loop: at each arrival rate, orders are sent on a fixed schedule whatever the responses
 * (no coordinated omission), and each saga's latency runs from its scheduled send time to its end.
 */
const quick = process.env.QUICK === '1' || process.env.QUICK === 'true';
const list = (value: string | undefined, fallback: number[]) =>
  value
    ? value
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : fallback;
const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const options = {
  rates: list(process.env.RATES, quick ? [2, 4, 8] : [5, 10, 20, 40, 80]),
  stepSeconds: env('STEP_SECONDS', quick ? 15 : 60),
  drainSeconds: env('DRAIN_SECONDS', quick ? 20 : 30),
  quick,
  /** Sagas run one at a time before the first rate, so cold function workers do not count. */
  warmup: env('WARMUP', 3),
  /** Seconds of no orders after the warm-up (a schedule period, so one run of the scheduled jobs is in it). */
  idleSeconds: env('IDLE_SECONDS', quick ? 10 : 60),
  /** How long to wait for the emulator to become quiet (earlier runs' work) before measuring. */
  settleSeconds: env('SETTLE_SECONDS', quick ? 30 : 240),
  /** Stop raising the rate after the first one whose backlog grew. */
  stopAfterOverload: process.env.KEEP_GOING !== '1',
};

const nonNegative = (ms: number) => (ms >= 0 ? ms : undefined);
/** An emulator with nothing in flight burns well under this (pollers, warm workers, scheduled jobs). */
const QUIET_CPU_MS_PER_SECOND = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process group `make up` started MiniStack in (its pid leads the group), when it is running here. */
const emulatorProcessGroup = (): number | undefined => {
  const port = process.env.EMULATOR_PORT ?? '4566';
  try {
    const pid = Number(
      readFileSync(path.resolve(__dirname, '..', `.run/emulator-${port}/emulator.pid`), 'utf8'),
    );
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

const main = async () => {
  const deployment = await loadDeployment();
  const dynamo = new DynamoDBClient(awsClientConfig);
  const api = sagaClient(deployment);
  const group = emulatorProcessGroup();
  const cpuSource = group
    ? `utime+stime from /proc of the emulator's process group (MiniStack and its node function workers; pgid ${group}), over each rate's send and drain time, divided by the sagas that ended`
    : 'not measured (no MiniStack process group of this checkout on this host)';
  const runId = `tput-${Date.now()}`;
  const total = options.rates.reduce((sum, rate) => sum + rate * options.stepSeconds, 0);
  const fixtures = await seedBenchFixtures(dynamo, deployment, runId, total + options.warmup);
  console.log(
    `bench throughput: rates ${options.rates.join(', ')} orders/s, ${options.stepSeconds} s each, drain ${options.drainSeconds} s${quick ? ' (quick)' : ''}`,
  );
  let orderNo = 0;
  for (let i = 0; i < options.warmup; i++) {
    const response = await api.placeOrder(fixtures.order(orderNo++));
    if (response.status === 201)
      await waitForSagaEnd(dynamo, deployment.tables.sagaStates, String(response.body.sagaId));
  }
  // The emulator's pollers and warm workers burn CPU with no order in flight; measured here so each
  // rate can also report what a saga adds above it. Work left by an earlier run (sagas finishing,
  // the reconciler verifying them) would load the first rates: wait, a window at a time, until the
  // emulator is quiet or the wait runs out, and say which.
  let idle: IdleCpu | undefined;
  if (group) {
    const settleUntil = Date.now() + options.settleSeconds * 1000;
    for (;;) {
      const before = processGroupCpu(group);
      const from = Date.now();
      await sleep(options.idleSeconds * 1000);
      const after = processGroupCpu(group);
      const seconds = (Date.now() - from) / 1000;
      idle = {
        msPerSecond: (nonNegative(after.totalMs - before.totalMs) ?? 0) / seconds,
        nodeMsPerSecond: (nonNegative(after.nodeMs - before.nodeMs) ?? 0) / seconds,
      };
      const quiet = idle.msPerSecond <= QUIET_CPU_MS_PER_SECOND;
      if (quiet || Date.now() > settleUntil) {
        console.log(
          `  idle emulator: ${idle.msPerSecond.toFixed(0)} ms CPU per second (functions ${idle.nodeMsPerSecond.toFixed(0)}) over ${seconds.toFixed(0)} s` +
            (quiet
              ? ''
              : ` (not quiet after ${options.settleSeconds} s: earlier work still running; figures are depressed)`),
        );
        break;
      }
    }
  }
  const steps: StepResult[] = [];
  for (const rate of options.rates) {
    const count = Math.round(rate * options.stepSeconds);
    const sent: { scheduledAt: number; sagaId?: string }[] = [];
    const ended = new Map<string, number>();
    const cpuBefore = group ? processGroupCpu(group) : undefined;
    const cpuFrom = Date.now();
    const start = cpuFrom + 200;
    let stoppedEarly = false;
    const inFlight: Promise<void>[] = [];
    // Sender: fires each order at its scheduled time and never waits for a response.
    const sender = (async () => {
      for (let i = 0; i < count && !stoppedEarly; i++) {
        const scheduledAt = start + (i * 1000) / rate;
        const wait = scheduledAt - Date.now();
        if (wait > 0) await sleep(wait);
        const entry: { scheduledAt: number; sagaId?: string } = { scheduledAt };
        sent.push(entry);
        const order = fixtures.order(orderNo++);
        inFlight.push(
          api.placeOrder(order).then(
            (response) => {
              if (response.status === 201) entry.sagaId = String(response.body.sagaId);
            },
            () => undefined,
          ),
        );
      }
    })();
    // Observer: once a second, which sagas have ended, and how many are still open.
    const backlog: number[] = [];
    let endedWhileSending = 0;
    const poll = async () => {
      const open = sent.filter((s) => s.sagaId && !ended.has(s.sagaId)).map((s) => s.sagaId as string);
      const found = await endedSagas(dynamo, deployment.tables.sagaStates, open);
      for (const [sagaId, end] of found) ended.set(sagaId, end.endedAt);
      return sent.length - ended.size;
    };
    let sending = true;
    void sender.then(() => {
      sending = false;
    });
    while (sending) {
      await sleep(1000);
      const open = await poll();
      backlog.push(open);
      if (open > 10 * rate) stoppedEarly = true;
    }
    const sendEnd = Date.now();
    endedWhileSending = [...ended.values()].filter((at) => at <= sendEnd).length;
    await Promise.all(inFlight);
    const drainUntil = Date.now() + options.drainSeconds * 1000;
    while (Date.now() < drainUntil && (await poll()) > 0) await sleep(1000);
    const cpuAfter = group ? processGroupCpu(group) : undefined;
    const sample: StepSample = {
      offeredPerSecond: rate,
      sendSeconds: (sendEnd - start) / 1000,
      sent: sent.length,
      latenciesMs: sent.map((s) => {
        const at = s.sagaId ? ended.get(s.sagaId) : undefined;
        return at === undefined ? undefined : at - s.scheduledAt;
      }),
      endedWhileSending,
      backlog,
      stoppedEarly,
      // CPU is summed over the group's processes and what they reaped (procCpu.ts); a worker killed
      // but not yet reaped when the window closes takes its CPU with it: a negative difference is
      // unknown, not zero.
      cpuMs: cpuBefore && cpuAfter ? nonNegative(cpuAfter.totalMs - cpuBefore.totalMs) : undefined,
      nodeCpuMs: cpuBefore && cpuAfter ? nonNegative(cpuAfter.nodeMs - cpuBefore.nodeMs) : undefined,
      cpuSeconds: (Date.now() - cpuFrom) / 1000,
    };
    const step = summarizeStep(sample, idle);
    steps.push(step);
    console.log(
      `  ${rate}/s: ${step.completed}/${step.sent} ended, ${step.completedPerSecond.toFixed(1)}/s while sending, ` +
        `p50 ${step.latency.p50.toFixed(0)} ms, p99 ${step.latency.p99.toFixed(0)} ms, backlog ${step.backlogGrew ? 'grew' : 'stable'}, ` +
        `CPU ${step.cpuMsPerSaga?.toFixed(0) ?? 'n/a'} ms/saga (functions ${step.nodeCpuMsPerSaga?.toFixed(0) ?? 'n/a'}; ` +
        `${step.cpuMsPerSagaAboveIdle?.toFixed(0) ?? 'n/a'} above idle)`,
    );
    if (step.backlogGrew && options.stopAfterOverload) break;
  }
  dynamo.destroy();

  const best = knee(steps);
  const result: ThroughputResult = {
    at: new Date().toISOString(),
    options,
    cpuSource,
    idleCpu: idle,
    steps,
    kneePerSecond: best?.offeredPerSecond,
  };
  writeOut('throughput.json', JSON.stringify(result, null, 2));
  writeOut(
    'throughput.svg',
    loadChart(
      'Completed sagas and latency against offered load (open loop)',
      steps.map((s) => ({
        offeredPerSecond: s.offeredPerSecond,
        completedPerSecond: s.completedPerSecond,
        p50Ms: s.latency.p50,
        p99Ms: s.latency.p99,
      })),
      best?.offeredPerSecond,
    ),
  );
  const report = writeReport();
  console.log(
    best
      ? `bench throughput: knee ${best.offeredPerSecond} sagas/s, p50 ${best.latency.p50.toFixed(0)} ms, p99 ${best.latency.p99.toFixed(0)} ms at the knee, CPU ms per saga ${best.cpuMsPerSaga?.toFixed(0) ?? 'n/a'} (${best.cpuMsPerSagaAboveIdle?.toFixed(0) ?? 'n/a'} above the idle emulator)`
      : 'bench throughput: knee 0 sagas/s, p50 n/a ms, p99 n/a ms at the knee, CPU ms per saga n/a (no rate kept p99 under 2 s with a stable backlog)',
  );
  console.log(`report: ${report}`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
