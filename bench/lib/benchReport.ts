import path from 'node:path';
import { type Distribution, distribution } from '../../scripts/lib/percentile';
import { OUT_DIR, readOut, readOutText, writeOut } from './benchOut';
import { type IdleCpu, KNEE_P99_MS, type StepResult } from './loadSteps';

interface LatencyResult {
  readonly at: string;
  readonly options: { sagas: number; warmup: number };
  readonly sagaMs: number[];
  readonly floorMs: number[];
  readonly failedSagas: number;
  readonly failedChains: number;
}

export interface ThroughputResult {
  readonly at: string;
  readonly options: {
    rates: number[];
    stepSeconds: number;
    drainSeconds: number;
    quick: boolean;
    warmup: number;
  };
  readonly cpuSource: string;
  /** Absent in reports written before it was measured, or when CPU is not measured. */
  readonly idleCpu?: IdleCpu;
  readonly steps: StepResult[];
  readonly kneePerSecond?: number;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '∞');
const fmt = (d: Distribution) => `${ms(d.p50)} / ${ms(d.p95)} / ${ms(d.p99)} / ${ms(d.max)}`;

const latencySection = (latency: LatencyResult | undefined) => {
  if (!latency)
    return ['## Latency (one saga at a time)', '', 'Not run yet: `make bench-latency [N=100]`.', ''];
  const saga = distribution(latency.sagaMs);
  const floor = distribution(latency.floorMs);
  return [
    `## Latency, one saga at a time (\`make bench-latency\`, ${latency.at})`,
    '',
    `Each order is posted only when the previous saga has ended, so nothing queues; after each saga a floor chain runs ` +
      `(bench/floor: DynamoDB stream → relay that only calls PutEvents → bus → SQS queue → consumer that only writes ` +
      `the next hop, three times, as a confirmed saga's three hops). Times are server-side: saga step timestamps; ` +
      `the floor's hop items. ${latency.options.warmup} warm-up sagas are not counted.`,
    '',
    '| path | n | failed | ms p50 / p95 / p99 / max |',
    '| --- | --- | --- | --- |',
    `| saga (relay) | ${saga.count} | ${latency.failedSagas} | ${fmt(saga)} |`,
    `| floor probe | ${floor.count} | ${latency.failedChains} | ${fmt(floor)} |`,
    '',
    `Ratio of medians (saga / floor): **${(saga.p50 / floor.p50).toFixed(2)}** (goal ≤ 1.5).`,
    '',
    '![latency CDF](latency-cdf.svg)',
    '',
  ];
};

const throughputSection = (throughput: ThroughputResult | undefined) => {
  if (!throughput)
    return ['## Throughput (open loop)', '', 'Not run yet: `make bench-throughput [QUICK=1]`.', ''];
  const atKnee = throughput.steps.find((s) => s.offeredPerSecond === throughput.kneePerSecond);
  return [
    `## Throughput, open loop (\`make bench-throughput\`, ${throughput.at}${throughput.options.quick ? ', quick mode' : ''})`,
    '',
    `Orders are sent on a fixed schedule at each rate for ${throughput.options.stepSeconds} s, whatever the responses ` +
      `(no coordinated omission); a saga's latency runs from its **scheduled** send time to its end (server time); ` +
      `orders still open ${throughput.options.drainSeconds} s after the last send count as infinitely late. A rate ` +
      `stops early when more than 10 s of arrivals are open; ${throughput.options.warmup} sagas run one at a time first ` +
      `(cold workers). Steps go up until the first rate whose backlog grew. The knee is the highest rate whose p99 stays under ` +
      `${KNEE_P99_MS / 1000} s and whose backlog does not grow. CPU: ${throughput.cpuSource}.` +
      (throughput.idleCpu
        ? ` With no order in flight the emulator burns ${throughput.idleCpu.msPerSecond.toFixed(0)} ms CPU per second ` +
          `(functions ${throughput.idleCpu.nodeMsPerSecond.toFixed(0)}: pollers, schedules, warm workers), measured before the first rate; ` +
          `"above idle" subtracts that share of each window: what one more saga costs.`
        : ''),
    '',
    '| offered /s | sent | completed | ended /s while sending | e2e ms p50 / p95 / p99 / max | backlog grew | CPU ms per saga (of it in functions) | above idle |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...throughput.steps.map(
      (s) =>
        `| ${s.offeredPerSecond} | ${s.sent} | ${s.completed} (${(100 * s.completedShare).toFixed(0)} %) | ${s.completedPerSecond.toFixed(1)} | ${fmt(s.latency)} | ${s.backlogGrew ? (s.stoppedEarly ? 'yes (stopped early)' : 'yes') : 'no'} | ${s.cpuMsPerSaga?.toFixed(0) ?? 'n/a'} (${s.nodeCpuMsPerSaga?.toFixed(0) ?? 'n/a'}) | ${s.cpuMsPerSagaAboveIdle?.toFixed(0) ?? 'n/a'} |`,
    ),
    '',
    atKnee
      ? `Knee: **${atKnee.offeredPerSecond} sagas/s** (p50 ${ms(atKnee.latency.p50)} ms, p99 ${ms(atKnee.latency.p99)} ms, CPU ${atKnee.cpuMsPerSaga?.toFixed(0) ?? 'n/a'} ms per saga, ${atKnee.cpuMsPerSagaAboveIdle?.toFixed(0) ?? 'n/a'} above idle). Goals: knee ≥ 45 sagas/s, CPU ≤ 40 ms per saga.`
      : 'Knee: none of the rates kept p99 under the bound with a stable backlog.',
    '',
    '![throughput against offered load](throughput.svg)',
    '',
  ];
};

/** Composes bench/out/REPORT.md from whatever modes have run; returns its path. */
export const writeReport = (): string => {
  const full = readOutText('full.md');
  const lines = [
    '# Saga benchmark',
    '',
    'Machine: 2 cores, emulator MiniStack 1.5.33 (functions run as host `node` processes). Figures measured on a ' +
      'shared machine are depressed by other load; compare runs made under the same conditions only.',
    '',
    // `make bench-report BENCH_NOTE="…"` states the conditions of the runs (e.g. other load on the machine).
    ...(process.env.BENCH_NOTE ? [`**Conditions: ${process.env.BENCH_NOTE}**`, ''] : []),
    ...latencySection(readOut<LatencyResult>('latency.json')),
    ...throughputSection(readOut<ThroughputResult>('throughput.json')),
    ...(full
      ? [full]
      : ['## Full report (requests, units, cost)', '', 'Not run yet: `make bench [N=500]`.', '']),
  ];
  return path.relative(process.cwd(), writeOut('REPORT.md', lines.join('\n')));
};

export { OUT_DIR };
