import { createEnvelopes, type DomainEvent, type EnvelopeContext } from '../events/createEnvelope';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { IdempotencyRepository } from './IdempotencyRepository';
import type { ProcessedEvent } from './ProcessedEvent';
import type { ProcessOutcome } from './processOnce';

/** What a participant decided for one event: guarded state changes and the replies they cause. */
export interface Decided<C> {
  readonly changes: readonly C[];
  readonly replies: readonly DomainEvent[];
}

/** One commit: the changes, the replies as outbox envelopes, and the dedupe record when one is needed. */
export interface DecidedWrite<C> {
  readonly changes: readonly C[];
  readonly events: readonly AnyEventEnvelope[];
  readonly processed?: ProcessedEvent;
}

export interface CommitDecisionInput<C> extends EnvelopeContext {
  /** The event decided on; its order is the aggregate, the correlation and the causation of the replies. */
  readonly event: { readonly eventId: string; readonly eventType: string; readonly orderId: string };
  readonly attemptNo: number;
  readonly idempotency: Pick<IdempotencyRepository, 'isProcessed'>;
  readonly commit: (write: DecidedWrite<C>) => Promise<void>;
}

/**
 * Commits a decision at most once per event, without a dedupe record where a condition already
 * guards the same fact. Every change is conditional on the state it moves from (no reservation yet,
 * status HELD, ...) and the item records the event that moved it, so a replay fails the condition,
 * reads, and decides nothing. A decision that only replies changes no item a condition could catch:
 * only then does the event's dedupe record go in the transaction, and a retry checks it first.
 */
export const commitDecision = async <C>(
  decision: Decided<C>,
  { event, attemptNo, idempotency, clock, newId, commit }: CommitDecisionInput<C>,
): Promise<ProcessOutcome> => {
  const { eventId, eventType, orderId } = event;
  if (decision.changes.length === 0 && decision.replies.length === 0) return 'duplicate';
  const replyOnly = decision.changes.length === 0;
  if (replyOnly && attemptNo > 1 && (await idempotency.isProcessed(eventId))) return 'duplicate';
  const link = { correlationId: orderId, causationId: eventId };
  await commit({
    changes: decision.changes,
    events: createEnvelopes({ clock, newId }, decision.replies, link),
    ...(replyOnly && { processed: { eventId, eventType, aggregateId: orderId, processedAt: clock() } }),
  });
  return 'applied';
};
