import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';

/**
 * Commits items from several repositories atomically: the only way state and its events are written.
 * A single item is written on its own (same condition, half the write units of a transaction).
 */
export interface TransactionWriter {
  write(items: readonly TransactWriteItem[]): Promise<void>;
}

/** DynamoDB's limit on items in one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;
