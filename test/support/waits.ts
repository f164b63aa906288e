import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * How long the integration tests wait for scheduled work, derived from the stacks' own settings for
 * the local stage, so a timing change in the stacks moves the tests' waits and timeouts with it.
 */
const ordersStack = parse(readFileSync(join(__dirname, '../../services/orders/serverless.yml'), 'utf8'), {
  logLevel: 'silent',
}) as { params: Record<string, Record<string, string>> };
const param = (name: string): number => {
  const value = Number(ordersStack.params.local?.[name] ?? ordersStack.params.default?.[name]);
  if (!Number.isFinite(value)) throw new Error(`services/orders/serverless.yml has no numeric param ${name}`);
  return value;
};

/** Scheduled functions (sweeper, saga deadline) run every minute: `rate(1 minute)`. */
export const schedulePeriodMs = 60_000;
/** Room for a cold start and a slow emulator on a busy machine, on top of any scheduled wait. */
export const slackMs = 30_000;
/** One outbox hop that only the sweeper publishes: the grace period, then the next run. */
export const sweeperHopMs = param('sweepGraceSeconds') * 1000 + schedulePeriodMs + slackMs;
/** A saga whose participant never answers is cancelled after the deadline, at the next check. */
export const sagaDeadlineMs = param('sagaDeadlineSeconds') * 1000 + schedulePeriodMs + slackMs;
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
