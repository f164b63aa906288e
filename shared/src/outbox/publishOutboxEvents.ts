import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { Clock } from '../runtime/Clock';
import type { EventPublisher } from './EventPublisher';
import type { OutboxRepository } from './OutboxRepository';

export interface PublishOutboxDependencies {
  readonly outbox: OutboxRepository;
  readonly publisher: EventPublisher;
  readonly clock: Clock;
}

export interface PublishOutboxSummary {
  readonly published: number;
  readonly failed: { eventId: string; reason: string }[];
  readonly unmarked: string[];
}

/**
 * Publish, then mark. A crash between the two republishes the event later (the sweeper finds it
 * still pending); consumers dedupe on eventId, so at-least-once is safe. Failures are left pending
 * rather than thrown, so one bad entry never blocks a stream shard.
 */
export const publishOutboxEvents = async (
  { outbox, publisher, clock }: PublishOutboxDependencies,
  envelopes: readonly AnyEventEnvelope[],
): Promise<PublishOutboxSummary> => {
  if (envelopes.length === 0) return { published: 0, failed: [], unmarked: [] };
  const result = await publisher.publish(envelopes);
  const published = new Set(result.published);
  const unmarked = await outbox.markPublished(
    envelopes.filter(({ eventId }) => published.has(eventId)),
    clock(),
  );
  return { published: result.published.length, failed: result.failed, unmarked };
};
