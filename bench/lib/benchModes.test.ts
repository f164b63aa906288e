import { cdfChart, loadChart, ticks } from './charts';
import { backlogGrew, knee, type StepSample, summarizeStep } from './loadSteps';
import { indexWriteUnits, partitionShares } from './partitionShares';
import { groupCpu, parseProcStat } from './procCpu';
import { endOf } from './sagaProbe';
import { SAGA_STATE_TRANSITIONS, stepFunctionsPerMillion } from './stepFunctionsModel';

const sample = (overrides: Partial<StepSample>): StepSample => ({
  offeredPerSecond: 10,
  sendSeconds: 10,
  sent: 100,
  latenciesMs: Array.from({ length: 100 }, () => 500),
  endedWhileSending: 95,
  backlog: [5, 6, 5, 6, 5],
  stoppedEarly: false,
  cpuMs: 5000,
  ...overrides,
});

describe('open-loop steps', () => {
  it('counts an unfinished saga as infinitely late, so p99 cannot hide it', () => {
    const latencies = [...Array.from({ length: 98 }, () => 100), undefined, undefined];
    const step = summarizeStep(sample({ latenciesMs: latencies }));
    expect(step.completed).toBe(98);
    expect(step.latency.p50).toBe(100);
    expect(step.latency.p99).toBe(Number.POSITIVE_INFINITY);
    expect(step.cpuMsPerSaga).toBeCloseTo(5000 / 98);
    expect(step.completedPerSecond).toBe(9.5);
  });

  it('reports what a saga adds above the idle emulator: its share of the window subtracted', () => {
    // 20 s at 300 ms/s idle = 6,000 of the 11,000 ms; the other 5,000 over 100 sagas.
    const step = summarizeStep(sample({ cpuMs: 11_000, cpuSeconds: 20, latenciesMs: Array(100).fill(500) }), {
      msPerSecond: 300,
      nodeMsPerSecond: 100,
    });
    expect(step.cpuMsPerSaga).toBe(110);
    expect(step.cpuMsPerSagaAboveIdle).toBe(50);
    expect(summarizeStep(sample({ cpuMs: 11_000, cpuSeconds: 20 })).cpuMsPerSagaAboveIdle).toBeUndefined();
  });

  it('sees a growing backlog, and a stable one', () => {
    expect(backlogGrew(sample({}))).toBe(false);
    expect(backlogGrew(sample({ backlog: [5, 15, 30, 45, 60] }))).toBe(true);
    expect(backlogGrew(sample({ stoppedEarly: true }))).toBe(true);
    // Large but shrinking: not growing.
    expect(backlogGrew(sample({ backlog: [40, 50, 60, 30, 25] }))).toBe(false);
  });

  it('puts the knee at the highest rate with p99 under 2 s and a stable backlog', () => {
    const steps = [
      summarizeStep(sample({ offeredPerSecond: 5 })),
      summarizeStep(sample({ offeredPerSecond: 10 })),
      summarizeStep(sample({ offeredPerSecond: 20, latenciesMs: Array.from({ length: 100 }, () => 2500) })),
      summarizeStep(sample({ offeredPerSecond: 40, backlog: [10, 100, 200, 300] })),
    ];
    expect(knee(steps)?.offeredPerSecond).toBe(10);
    expect(knee(steps.slice(2))).toBeUndefined();
  });
});

describe('charts', () => {
  it('ticks in round steps that cover the maximum', () => {
    expect(ticks(95)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(0)).toEqual([0, 1]);
  });

  it('draws a CDF per series with axes, units, a legend and the floor marker', () => {
    const svg = cdfChart(
      't',
      [{ label: 'saga', valuesMs: [100, 200, 300] }],
      [{ label: 'floor p50', valueMs: 50 }],
    );
    expect(svg).toContain('end-to-end latency (ms)');
    expect(svg).toContain('share of sagas at or below (%)');
    expect(svg).toContain('saga (n=3)');
    expect(svg).toContain('floor p50 50 ms');
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/stroke-dasharray/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('draws throughput against offered load with both axes, the ideal line and the knee', () => {
    const svg = loadChart(
      't',
      [
        { offeredPerSecond: 5, completedPerSecond: 5, p50Ms: 100, p99Ms: 300 },
        { offeredPerSecond: 10, completedPerSecond: 6, p50Ms: 900, p99Ms: Number.POSITIVE_INFINITY },
      ],
      5,
    );
    expect(svg).toContain('offered load (orders/s)');
    expect(svg).toContain('completed sagas/s');
    expect(svg).toContain('latency (ms)');
    expect(svg).toContain('knee 5 orders/s');
    expect(svg).not.toContain('Infinity');
    expect(svg).not.toContain('NaN');
  });
});

describe('partition shares', () => {
  it('gives each table and index its writes and the share of its hottest key', () => {
    const shares = partitionShares(
      {
        'sagas|': 4,
        'sagas|sagaId|s1': 2,
        'sagas|sagaId|s2': 2,
        'sagas|statusKey|STARTED#001': 3,
        'sagas|statusKey|COMPLETED#001': 1,
        'outbox|': 5,
        'outbox|pendingPartition|PENDING#001': 2,
        'outbox|pendingPartition|PENDING#002': 1,
        'outbox|pendingPartition|*#001': 2,
        'outbox|pendingPartition|*#002': 1,
        'outbox|pendingPartition|*#003': 1,
        'legacy|': 2,
        'legacy|pendingPartition|PENDING': 2,
        'legacy|pendingPartition': 2,
      },
      [
        { table: 'sagas', partitionKey: 'sagaId' },
        { table: 'sagas', index: 'StatusIndex', partitionKey: 'statusKey' },
        { table: 'outbox', index: 'PendingIndex', partitionKey: 'pendingPartition' },
        { table: 'legacy', index: 'PendingIndex', partitionKey: 'pendingPartition' },
        { table: 'idle', partitionKey: 'id' },
      ],
    );
    expect(shares).toEqual([
      { table: 'sagas', index: '(table)', writes: 4, topKey: 's1', topWrites: 2, share: 0.5 },
      { table: 'sagas', index: 'StatusIndex', writes: 4, topKey: 'STARTED#001', topWrites: 3, share: 0.75 },
      // A removal goes to its shard's key; one whose put was not logged keeps its own name.
      {
        table: 'outbox',
        index: 'PendingIndex',
        writes: 7,
        topKey: 'PENDING#001',
        topWrites: 4,
        share: 4 / 7,
      },
      // Removals the log could not place: all writes had one key, so they left it.
      { table: 'legacy', index: 'PendingIndex', writes: 4, topKey: 'PENDING', topWrites: 4, share: 1 },
    ]);
    expect(indexWriteUnits(shares)).toBe(15);
  });
});

describe('procCpu', () => {
  it('reads the process group and CPU ticks, even with spaces and parentheses in the command', () => {
    const fields = ['S', '1', '42', '42', '0', '-1', '0', '0', '0', '0', '0', '150', '50', '7', '3'];
    const stat = parseProcStat(`123 (node (x) y) ${fields.join(' ')} 20 0`);
    expect(stat).toEqual({
      pid: 123,
      processGroup: 42,
      command: 'node (x) y',
      ownMs: 2000,
      reapedChildrenMs: 100,
    });
  });

  it("counts a killed worker's CPU, reaped into the emulator's children's time, as the functions'", () => {
    const stat = (
      pid: number,
      processGroup: number,
      command: string,
      ownMs: number,
      reapedChildrenMs = 0,
    ) => ({
      pid,
      processGroup,
      command,
      ownMs,
      reapedChildrenMs,
    });
    const cpu = groupCpu(
      [
        stat(10, 10, 'python3', 500, 300), // the emulator; 300 ms from workers it killed
        stat(11, 10, 'node', 200, 0),
        stat(12, 10, 'node', 100, 20),
        stat(13, 99, 'node', 1000, 0), // another group
      ],
      10,
    );
    expect(cpu).toEqual({ totalMs: 1120, nodeMs: 620 });
  });
});

describe('saga end', () => {
  it('is the confirmation or compensation step time, only once terminal', () => {
    const steps = { created: { timestamp: '2030-01-01T00:00:00.000Z' } };
    expect(endOf({ status: 'STARTED', steps })).toBeUndefined();
    expect(
      endOf({
        status: 'COMPLETED',
        steps: { ...steps, confirmation: { timestamp: '2030-01-01T00:00:00.250Z' } },
      }),
    ).toEqual({ status: 'COMPLETED', createdAt: Date.UTC(2030, 0, 1), endedAt: Date.UTC(2030, 0, 1) + 250 });
  });
});

describe('Step Functions model', () => {
  it('prices Standard per transition and Express per request and 64 MB duration', () => {
    const cost = stepFunctionsPerMillion(
      {
        stepFunctionsStandardPerThousandTransitions: 0.025,
        stepFunctionsExpressPerMillionRequests: 1,
        stepFunctionsExpressPerGbSecond: 0.00001667,
      },
      0.25,
    );
    expect(cost.standard).toBeCloseTo(SAGA_STATE_TRANSITIONS * 25);
    // 0.25 s bills as 0.3 s at 1/16 GB.
    expect(cost.express).toBeCloseTo(1 + 1_000_000 * 0.3 * (1 / 16) * 0.00001667);
  });
});
