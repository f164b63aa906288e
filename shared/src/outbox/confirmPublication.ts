import type { Clock } from '../runtime/Clock';
import type { OutboxRepository } from './OutboxRepository';

export interface ConfirmPublicationDependencies {
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
}

/** A publication seen on the bus, as the confirmation queue delivers it. */
export interface SeenPublication {
  /** The queue message it came in, to report it back when it could not be recorded. */
  readonly messageId: string;
  readonly eventId: string;
}

/**
 * The pipe cannot write back to the outbox, so an event counts as published once it is seen on the
 * bus. Marking is idempotent (a duplicate confirmation marks again) and ids with no outbox item are
 * skipped. Returns the messages to retry: those whose events could not be marked.
 */
export const confirmPublication = async (
  { outbox, clock }: ConfirmPublicationDependencies,
  seen: readonly SeenPublication[],
): Promise<string[]> => {
  if (seen.length === 0) return [];
  const eventIds = [...new Set(seen.map(({ eventId }) => eventId))];
  const unmarked = new Set(await outbox.markPublished(eventIds, clock()));
  return seen.filter(({ eventId }) => unmarked.has(eventId)).map(({ messageId }) => messageId);
};
