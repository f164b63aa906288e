import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AnyEventEnvelope } from '../events/EventEnvelope';

export interface OutboxRepository {
  /** Transaction items that store events next to the state change that produced them. */
  putItems(envelopes: readonly AnyEventEnvelope[]): TransactWriteItem[];
  /** Unpublished events that occurred before `cutoff`, oldest first, through the sparse pending index. */
  findUnpublished(cutoff: Date, limit: number): Promise<AnyEventEnvelope[]>;
  /**
   * Marks events published and drops them from the pending index; returns the ids it could not mark.
   * An id with no outbox item is skipped, not failed: there is nothing pending to mark.
   */
  markPublished(eventIds: readonly string[], publishedAt: Date): Promise<string[]>;
}
