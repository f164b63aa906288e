import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { OutboxRepository } from '../outbox/OutboxRepository';

export const IN_MEMORY_OUTBOX_TABLE = 'in-memory-outbox';

export interface StoredOutboxEvent {
  readonly envelope: AnyEventEnvelope;
  readonly publishedAt?: Date;
}

/** The outbox held in memory; `markPublished` can be told to fail for chosen ids. */
export interface InMemoryOutboxRepository extends OutboxRepository {
  /** Stores events as pending, as committing `putItems` would. */
  add(envelopes: readonly AnyEventEnvelope[]): void;
  /** Every stored event with its publication time, if any, in insertion order. */
  all(): StoredOutboxEvent[];
  pending(): AnyEventEnvelope[];
  /** The next markPublished calls report these ids as not marked and leave them pending. */
  failToMark(eventIds: readonly string[]): void;
}

export const buildInMemoryOutboxRepository = (
  initial: readonly AnyEventEnvelope[] = [],
): InMemoryOutboxRepository => {
  const events = new Map<string, StoredOutboxEvent>();
  const unmarkable = new Set<string>();
  const add = (envelopes: readonly AnyEventEnvelope[]) => {
    for (const envelope of envelopes) {
      if (events.has(envelope.eventId)) throw new Error(`Outbox already holds ${envelope.eventId}`);
      events.set(envelope.eventId, { envelope });
    }
  };
  add(initial);
  const pending = () =>
    [...events.values()].filter((event) => !event.publishedAt).map((event) => event.envelope);
  return {
    putItems: (envelopes): TransactWriteItem[] =>
      envelopes.map((envelope) => ({
        Put: {
          TableName: IN_MEMORY_OUTBOX_TABLE,
          Item: { eventId: { S: envelope.eventId } },
          ConditionExpression: 'attribute_not_exists(eventId)',
        },
      })),
    async findUnpublished(cutoff, limit) {
      return pending()
        .filter((envelope) => envelope.occurredAt <= cutoff.toISOString())
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
        .slice(0, limit);
    },
    async markPublished(envelopes, publishedAt) {
      const failed: string[] = [];
      for (const envelope of envelopes) {
        const { eventId } = envelope;
        if (unmarkable.has(eventId)) {
          failed.push(eventId);
          continue;
        }
        // As the table does: the mark writes the published item whole, present before or not.
        events.set(eventId, { envelope, publishedAt });
      }
      return failed;
    },
    add,
    all: () => [...events.values()],
    pending,
    failToMark(eventIds) {
      for (const eventId of eventIds) unmarkable.add(eventId);
    },
  };
};
