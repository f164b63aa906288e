import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import type { IdempotencyRepository } from '../idempotency/IdempotencyRepository';
import type { ProcessedEvent } from '../idempotency/ProcessedEvent';

export const IN_MEMORY_IDEMPOTENCY_TABLE = 'in-memory-idempotency';

/**
 * The dedupe table held in memory. In-memory stores call `assertUnclaimed` while checking their
 * conditions and `claim` while committing, which is what `claimItem` does inside a real transaction.
 */
export interface InMemoryIdempotencyRepository extends IdempotencyRepository {
  /** Throws a TransactionConflictError when the event was already claimed; writes nothing. */
  assertUnclaimed(eventId: string): void;
  /** Records the event as processed, failing like the conditional put when it already is. */
  claim(event: ProcessedEvent): void;
  /** Every processed event, in the order they were claimed. */
  processed(): ProcessedEvent[];
}

export const buildInMemoryIdempotencyRepository = (
  initial: readonly ProcessedEvent[] = [],
): InMemoryIdempotencyRepository => {
  const claimed = new Map<string, ProcessedEvent>(initial.map((event) => [event.eventId, event]));
  const assertUnclaimed = (eventId: string) => {
    if (claimed.has(eventId)) {
      throw new TransactionConflictError(`Event ${eventId} already processed`, ['ConditionalCheckFailed']);
    }
  };
  return {
    claimItem: (event): TransactWriteItem => ({
      Put: {
        TableName: IN_MEMORY_IDEMPOTENCY_TABLE,
        Item: { eventId: { S: event.eventId } },
        ConditionExpression: 'attribute_not_exists(eventId)',
      },
    }),
    isProcessed: async (eventId) => claimed.has(eventId),
    assertUnclaimed,
    claim(event) {
      assertUnclaimed(event.eventId);
      claimed.set(event.eventId, event);
    },
    processed: () => [...claimed.values()],
  };
};
