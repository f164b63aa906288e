import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ProcessedEvent } from './ProcessedEvent';

export interface IdempotencyRepository {
  /** A transaction item that fails if the event was already processed: the atomic dedupe guard. */
  claimItem(event: ProcessedEvent): TransactWriteItem;
  /** A fast pre-check only; correctness comes from `claimItem` inside the transaction. */
  isProcessed(eventId: string): Promise<boolean>;
}
