import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import { MAX_TRANSACTION_ITEMS, type TransactionWriter } from './TransactionWriter';

export const buildTransactionWriter = (client: DynamoDBClient): TransactionWriter => ({
  async write(items) {
    if (items.length === 0) return;
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new RangeError(`A transaction holds at most ${MAX_TRANSACTION_ITEMS} items, got ${items.length}`);
    }
    const [only] = items;
    try {
      if (items.length === 1 && only && (await writeAlone(client, only))) return;
      await client.send(new TransactWriteItemsCommand({ TransactItems: [...items] }));
    } catch (error) {
      throw toConflict(error);
    }
  },
});

/**
 * One item needs no transaction: the same conditional write, alone, is just as atomic and costs
 * half the write units (a transactional write costs two per item). False for a lone ConditionCheck.
 */
const writeAlone = async (client: DynamoDBClient, item: TransactWriteItem): Promise<boolean> => {
  if (item.Put) await client.send(new PutItemCommand(item.Put));
  else if (item.Update) await client.send(new UpdateItemCommand(item.Update));
  else if (item.Delete) await client.send(new DeleteItemCommand(item.Delete));
  else return false;
  return true;
};

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
