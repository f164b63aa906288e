import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { AnyEventEnvelope } from '../events/EventEnvelope';

export interface OutboxRepository {
  /** Transaction items that store events next to the state change that produced them. */
  putItems(envelopes: readonly AnyEventEnvelope[]): TransactWriteItem[];
  /** Unpublished events that occurred before `cutoff`, oldest first, through the sparse pending index. */
  findUnpublished(cutoff: Date, limit: number): Promise<AnyEventEnvelope[]>;
  /**
   * Marks events published and drops them from the pending index; returns the ids it could not mark.
   * Takes the envelopes, not just their ids, because the published item is rewritten whole from them.
   */
  markPublished(envelopes: readonly AnyEventEnvelope[], publishedAt: Date): Promise<string[]>;
}
