import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { parseEnvelope } from '../events/parseEnvelope';
import type { Clock } from '../runtime/Clock';
import type { OutboxRepository } from './OutboxRepository';

export interface ConfirmPublicationDependencies {
  readonly outbox: OutboxRepository;
  readonly clock: Clock;
}

/** An event seen on the bus, as the confirmation queue delivers it. */
export interface SeenOnBus {
  /** The queue message it came in, to report it back when it could not be recorded. */
  readonly messageId: string;
  /** The event's `detail`, exactly as it travelled. */
  readonly detail: unknown;
}

export interface ConfirmPublicationResult {
  /** Messages to retry: their events could not be marked. */
  readonly retry: string[];
  /** Copies on the bus that consumers would reject: their items stay pending, for the sweeper. */
  readonly rejected: { messageId: string; reason: string }[];
}

/**
 * The pipe cannot write back to the outbox, so an event counts as published once it is seen on the
 * bus, and only as a valid envelope: a copy consumers would reject (say, a template that went wrong)
 * confirms nothing, and the sweeper later publishes the item as the relay would. Marking is
 * idempotent; an event with no outbox item gets an inert PUBLISHED record (see markPublished).
 */
export const confirmPublication = async (
  { outbox, clock }: ConfirmPublicationDependencies,
  seen: readonly SeenOnBus[],
): Promise<ConfirmPublicationResult> => {
  const valid: { messageId: string; envelope: AnyEventEnvelope }[] = [];
  const rejected: ConfirmPublicationResult['rejected'] = [];
  for (const { messageId, detail } of seen) {
    try {
      valid.push({ messageId, envelope: parseEnvelope(detail) });
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      rejected.push({ messageId, reason: error.message });
    }
  }
  if (valid.length === 0) return { retry: [], rejected };
  // One mark per event, however many copies of it the batch holds.
  const envelopes = new Map(valid.map(({ envelope }) => [envelope.eventId, envelope]));
  const unmarked = new Set(await outbox.markPublished([...envelopes.values()], clock()));
  const retry = valid
    .filter(({ envelope }) => unmarked.has(envelope.eventId))
    .map(({ messageId }) => messageId);
  return { retry, rejected };
};
