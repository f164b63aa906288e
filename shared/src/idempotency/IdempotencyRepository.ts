import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ProcessedEvent } from './ProcessedEvent';

export interface IdempotencyRepository {
  /** A transaction item that fails if the event was already processed: the atomic dedupe guard. */
  claimItem(event: ProcessedEvent): TransactWriteItem;
  /** Whether the claim exists: read only after a conflict, to tell a duplicate from a concurrent change. */
  isProcessed(eventId: string): Promise<boolean>;
}
