import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ProcessedEvent } from './ProcessedEvent';

export interface IdempotencyRepository {
  /**
   * A transaction item that fails if the event was already processed: the atomic dedupe guard for a
   * decision no change's condition guards (see commitDecision).
   */
  claimItem(event: ProcessedEvent): TransactWriteItem;
  /** Whether the claim exists: read only when such a decision is retried after a conflict. */
  isProcessed(eventId: string): Promise<boolean>;
}
