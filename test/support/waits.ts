import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How long the integration tests wait for scheduled work, derived from the stacks' own settings for
 * the local stage, so a timing change in the stacks moves the tests' waits and timeouts with it.
 */
// The integration suites run against the relay publisher (the pipe suite has its own project).
const { timingsFor } = require('../../shared/infra/timings.js') as {
  timingsFor: (stage: string, publisher: string) => Record<string, number>;
};
const stage = process.env.STAGE ?? 'local';
const seconds = (name: string, publisher = 'relay'): number => {
  const value = timingsFor(stage, publisher)[name];
  if (typeof value !== 'number') throw new Error(`shared/infra/timings.js has no ${name}`);
  return value * 1000;
};

/** Scheduled functions (sweeper, saga deadline, reconciler) run once per period. */
export const schedulePeriodMs = seconds('schedulePeriodSeconds');
/** Room for a cold start and a slow emulator on a busy machine, on top of any scheduled wait. */
export const slackMs = 30_000;
/** A scheduled run's writes land up to its Lambda timeout after it starts (its fan-outs are slow on a busy emulator). */
const scheduledRunMs = seconds('scheduledJobTimeoutSeconds');
/** An outbox item already `ageMs` old, taken by the sweeper of the stacks deployed with `publisher`. */
export const sweptAfterMs = (publisher: 'relay' | 'pipe', ageMs: number): number =>
  Math.max(0, seconds('sweepGraceSeconds', publisher) - ageMs) + schedulePeriodMs + scheduledRunMs + slackMs;
/** One outbox hop that only the sweeper publishes: the grace period, then the next run, to its end. */
export const sweeperHopMs = sweptAfterMs('relay', 0);
/** A saga whose participant never answers is cancelled after the deadline, by the next check's end. */
export const sagaDeadlineMs = seconds('sagaDeadlineSeconds') + schedulePeriodMs + scheduledRunMs + slackMs;
/**
 * A delivery that failed (a crash, or a function restarted by another suite's configuration change)
 * comes back after the inbox's visibility timeout (consumer-queue.yml's default).
 */
const inboxFragment = readFileSync(join(__dirname, '../../shared/infra/consumer-queue.yml'), 'utf8');
const visibility = /VisibilityTimeout: \$\{param:inboxVisibilitySeconds, '(\d+)'\}/.exec(inboxFragment)?.[1];
if (!visibility) throw new Error('consumer-queue.yml: no default inbox VisibilityTimeout');
export const redeliveryMs = Number(visibility) * 1000;
/** `hops` asynchronous effects one after another (each an inbox hop), with room for one redelivery. */
export const chainMs = (hops: number): number => redeliveryMs + hops * slackMs;
/** One asynchronous effect (an inbox hop), with room for one redelivery. */
export const effectMs = chainMs(1);
/** A saga on the real-time path (three hops), with room for one redelivery. */
export const sagaMs = redeliveryMs + 2 * slackMs;

/** Every order of a run (the chaos suite's) ended and settled, however many of its events only the sweeper published. */
export const everyOrderSettledMs = seconds('worstSettleSeconds') + slackMs;
/** A terminal order already due for its check is repaired by the next reconciler run, to its end, then one hop. */
export const reconciledMs = schedulePeriodMs + scheduledRunMs + effectMs;
/**
 * A scheduled run's log lines reach CloudWatch Logs when its invocation ends (the emulators post an
 * invocation's output then): up to its Lambda timeout after anything it wrote, plus slack.
 */
export const scheduledRunLoggedMs = scheduledRunMs + slackMs;
/** A repaired order is checked again one grace later, by the run after that, to its end. */
export const reverifiedMs = seconds('reconcileGraceSeconds') + schedulePeriodMs + scheduledRunMs + slackMs;

/** A test's timeout: all of its waits, in sequence, plus room for its own requests. */
export const testTimeout = (waits: Record<string, number>, overheadMs = 60_000): number =>
  Object.values(waits).reduce((sum, ms) => sum + ms, 0) + overheadMs;
