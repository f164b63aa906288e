import {
  type PublishOutboxDependencies,
  type PublishOutboxSummary,
  publishOutboxEvents,
} from './publishOutboxEvents';

export interface SweepOptions {
  /** Only events older than this are swept, leaving fresh ones to the real-time path. */
  readonly graceMs: number;
  readonly maxEvents: number;
}

/** The safety net: publishes whatever the real-time path left pending past the grace period. */
export const sweepOutbox = async (
  dependencies: PublishOutboxDependencies,
  { graceMs, maxEvents }: SweepOptions,
): Promise<PublishOutboxSummary & { found: number; oldestOccurredAt?: string }> => {
  const cutoff = new Date(dependencies.clock().getTime() - graceMs);
  const pending = await dependencies.outbox.findUnpublished(cutoff, maxEvents);
  const summary = await publishOutboxEvents(dependencies, pending);
  return { ...summary, found: pending.length, oldestOccurredAt: pending[0]?.occurredAt };
};
