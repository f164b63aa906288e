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
const timings = timingsFor(process.env.STAGE ?? 'local', 'relay');
const seconds = (name: string): number => {
  const value = timings[name];
  if (typeof value !== 'number') throw new Error(`shared/infra/timings.js has no ${name}`);
  return value * 1000;
};

/** Scheduled functions (sweeper, saga deadline, reconciler) run once per period. */
export const schedulePeriodMs = seconds('schedulePeriodSeconds');
/** Room for a cold start and a slow emulator on a busy machine, on top of any scheduled wait. */
export const slackMs = 30_000;
/** One outbox hop that only the sweeper publishes: the grace period, then the next run. */
export const sweeperHopMs = seconds('sweepGraceSeconds') + schedulePeriodMs + slackMs;
/** A saga whose participant never answers is cancelled after the deadline, at the next check. */
export const sagaDeadlineMs = seconds('sagaDeadlineSeconds') + schedulePeriodMs + slackMs;
/** A terminal saga's effects are verified after the grace, at the reconciler's next run. */
export const reconcileMs = seconds('reconcileGraceSeconds') + seconds('reconcilePeriodSeconds') + slackMs;
/**
 * A delivery that failed (a crash, or a function restarted by another suite's configuration change)
 * comes back after the inbox's visibility timeout (consumer-queue.yml's default).
 */
const inboxFragment = readFileSync(join(__dirname, '../../shared/infra/consumer-queue.yml'), 'utf8');
const visibility = /VisibilityTimeout: \$\{param:inboxVisibilitySeconds, '(\d+)'\}/.exec(inboxFragment)?.[1];
if (!visibility) throw new Error('consumer-queue.yml: no default inbox VisibilityTimeout');
export const redeliveryMs = Number(visibility) * 1000;
/** One asynchronous effect (an inbox hop), with room for one redelivery. */
export const effectMs = redeliveryMs + slackMs;
/** A saga on the real-time path (three hops), with room for one redelivery. */
export const sagaMs = redeliveryMs + 2 * slackMs;

/** A test's timeout: all of its waits, in sequence, plus room for its own requests. */
export const testTimeout = (waits: Record<string, number>, overheadMs = 60_000): number =>
  Object.values(waits).reduce((sum, ms) => sum + ms, 0) + overheadMs;
