import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import { MAX_TRANSACTION_ITEMS, type TransactionWriter } from './TransactionWriter';

export const buildTransactionWriter = (client: DynamoDBClient): TransactionWriter => ({
  async write(items) {
    if (items.length === 0) return;
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new RangeError(`A transaction holds at most ${MAX_TRANSACTION_ITEMS} items, got ${items.length}`);
    }
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: [...items] }));
    } catch (error) {
      throw toConflict(error);
    }
  },
});

/** Conditional failures become a domain conflict; anything else is rethrown untouched. */
export const toConflict = (error: unknown): unknown => {
  if (error instanceof TransactionCanceledException) {
    const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
    return new TransactionConflictError('Transaction cancelled by a condition', reasons, { cause: error });
  }
  if (error instanceof ConditionalCheckFailedException) {
    return new TransactionConflictError('Conditional write rejected', [], { cause: error });
  }
  // Some emulators return the exception by name without the modelled class.
  if (error instanceof Error && /TransactionCanceled|ConditionalCheckFailed/.test(error.name)) {
    return new TransactionConflictError(`Write rejected: ${error.message}`, [], { cause: error });
  }
  return error;
};
