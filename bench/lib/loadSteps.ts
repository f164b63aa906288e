import { type Distribution, distribution } from '../../scripts/lib/percentile';

/** The latency bound a rate must keep at p99 to count as sustained. */
export const KNEE_P99_MS = 2000;

export interface StepSample {
  readonly offeredPerSecond: number;
  readonly sendSeconds: number;
  readonly sent: number;
  /** Per sent order: ms from its scheduled send time to its saga's end, undefined when it never ended. */
  readonly latenciesMs: readonly (number | undefined)[];
  /** Sagas that ended during the sending window. */
  readonly endedWhileSending: number;
  /** Orders sent but not ended, sampled once a second while sending. */
  readonly backlog: readonly number[];
  readonly stoppedEarly: boolean;
  readonly cpuMs?: number;
  /** The part of cpuMs spent in the node function workers (the rest is the emulator itself). */
  readonly nodeCpuMs?: number;
  /** How long cpuMs was measured over (send and drain). */
  readonly cpuSeconds?: number;
}

/** What the emulator's processes burn with no order in flight (pollers, schedules, warm workers). */
export interface IdleCpu {
  readonly msPerSecond: number;
  readonly nodeMsPerSecond: number;
}

export interface StepResult {
  readonly offeredPerSecond: number;
  readonly sent: number;
  readonly completed: number;
  readonly completedShare: number;
  readonly completedPerSecond: number;
  /** Unfinished sagas count as infinitely late, so they push the percentiles up instead of vanishing. */
  readonly latency: Distribution;
  readonly backlogGrew: boolean;
  readonly stoppedEarly: boolean;
  readonly cpuMsPerSaga?: number;
  readonly nodeCpuMsPerSaga?: number;
  /** cpuMsPerSaga less the idle emulator's share of the window: what one more saga costs. */
  readonly cpuMsPerSagaAboveIdle?: number;
}

/**
 * The backlog grew when the run was cut short, or when the orders still open at the end of the
 * window were more than two seconds' worth of arrivals and more than at its middle.
 */
export const backlogGrew = (sample: StepSample): boolean => {
  if (sample.stoppedEarly) return true;
  const { backlog } = sample;
  if (backlog.length < 2) return false;
  const last = backlog[backlog.length - 1] as number;
  const middle = backlog[Math.floor(backlog.length / 2)] as number;
  return last > 2 * sample.offeredPerSecond && last > middle;
};

export const summarizeStep = (sample: StepSample, idle?: IdleCpu): StepResult => {
  const completed = sample.latenciesMs.filter((v) => v !== undefined).length;
  const aboveIdle =
    sample.cpuMs === undefined || sample.cpuSeconds === undefined || idle === undefined || completed === 0
      ? undefined
      : Math.max(0, sample.cpuMs - idle.msPerSecond * sample.cpuSeconds) / completed;
  return {
    offeredPerSecond: sample.offeredPerSecond,
    sent: sample.sent,
    completed,
    completedShare: sample.sent ? completed / sample.sent : 0,
    completedPerSecond: sample.endedWhileSending / Math.max(0.001, sample.sendSeconds),
    latency: distribution(sample.latenciesMs.map((v) => v ?? Number.POSITIVE_INFINITY)),
    backlogGrew: backlogGrew(sample),
    stoppedEarly: sample.stoppedEarly,
    cpuMsPerSaga: sample.cpuMs === undefined || completed === 0 ? undefined : sample.cpuMs / completed,
    nodeCpuMsPerSaga:
      sample.nodeCpuMs === undefined || completed === 0 ? undefined : sample.nodeCpuMs / completed,
    cpuMsPerSagaAboveIdle: aboveIdle,
  };
};

/** The highest offered rate whose p99 stayed under the bound and whose backlog did not grow. */
export const knee = (steps: readonly StepResult[]): StepResult | undefined =>
  [...steps]
    .filter((s) => s.latency.p99 < KNEE_P99_MS && !s.backlogGrew && s.completed > 0)
    .sort((a, b) => b.offeredPerSecond - a.offeredPerSecond)[0];
