import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import { buildTransactionWriter, toConflict } from './buildTransactionWriter';
import { MAX_TRANSACTION_ITEMS } from './TransactionWriter';

const item = (id: string): TransactWriteItem => ({ Put: { TableName: 't', Item: { id: { S: id } } } });
const fakeClient = (send: jest.Mock) => ({ send }) as unknown as DynamoDBClient;

describe('buildTransactionWriter', () => {
  it('sends all items in one TransactWriteItems call', async () => {
    const send = jest.fn().mockResolvedValue({});

    await buildTransactionWriter(fakeClient(send)).write([item('a'), item('b')]);

    expect(send).toHaveBeenCalledTimes(1);
    const [command] = send.mock.calls[0] as [TransactWriteItemsCommand];
    expect(command).toBeInstanceOf(TransactWriteItemsCommand);
    expect(command.input.TransactItems).toEqual([item('a'), item('b')]);
  });

  it('writes a lone item with its own conditional request, at half the write units', async () => {
    const send = jest.fn().mockResolvedValue({});
    const update: TransactWriteItem = {
      Update: {
        TableName: 't',
        Key: { id: { S: 'a' } },
        UpdateExpression: 'SET n = :n',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':n': { N: '1' }, ':v': { N: '0' } },
      },
    };

    await buildTransactionWriter(fakeClient(send)).write([item('a')]);
    await buildTransactionWriter(fakeClient(send)).write([update]);

    const [put] = send.mock.calls[0] as [PutItemCommand];
    const [updated] = send.mock.calls[1] as [UpdateItemCommand];
    expect(put).toBeInstanceOf(PutItemCommand);
    expect(put.input).toEqual(item('a').Put);
    expect(updated).toBeInstanceOf(UpdateItemCommand);
    expect(updated.input).toEqual(update.Update);
  });

  it('turns a lone write whose condition failed into a conflict', async () => {
    const failed = new ConditionalCheckFailedException({ message: 'no', $metadata: {} });
    const send = jest.fn().mockRejectedValue(failed);

    await expect(buildTransactionWriter(fakeClient(send)).write([item('a')])).rejects.toMatchObject({
      name: 'TransactionConflictError',
      cause: failed,
    });
  });

  it('keeps a lone ConditionCheck in a transaction (it is not a write of its own)', async () => {
    const send = jest.fn().mockResolvedValue({});
    const check: TransactWriteItem = {
      ConditionCheck: {
        TableName: 't',
        Key: { id: { S: 'a' } },
        ConditionExpression: 'attribute_exists(id)',
      },
    };

    await buildTransactionWriter(fakeClient(send)).write([check]);

    expect(send.mock.calls[0]?.[0]).toBeInstanceOf(TransactWriteItemsCommand);
  });

  it('sends nothing for no items', async () => {
    const send = jest.fn();

    await buildTransactionWriter(fakeClient(send)).write([]);

    expect(send).not.toHaveBeenCalled();
  });

  it(`refuses more than ${MAX_TRANSACTION_ITEMS} items before calling DynamoDB`, async () => {
    const send = jest.fn();
    const items = Array.from({ length: MAX_TRANSACTION_ITEMS + 1 }, (_, index) => item(String(index)));

    await expect(buildTransactionWriter(fakeClient(send)).write(items)).rejects.toThrow(RangeError);
    expect(send).not.toHaveBeenCalled();
  });

  it('accepts exactly the maximum', async () => {
    const send = jest.fn().mockResolvedValue({});
    const items = Array.from({ length: MAX_TRANSACTION_ITEMS }, (_, index) => item(String(index)));

    await buildTransactionWriter(fakeClient(send)).write(items);

    expect(send).toHaveBeenCalledTimes(1);
  });

  it('turns a cancelled transaction into a conflict', async () => {
    const cancelled = new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    const send = jest.fn().mockRejectedValue(cancelled);

    const writing = buildTransactionWriter(fakeClient(send)).write([item('a'), item('b')]);

    await expect(writing).rejects.toBeInstanceOf(TransactionConflictError);
    await expect(writing).rejects.toMatchObject({
      reasons: ['None', 'ConditionalCheckFailed'],
      cause: cancelled,
    });
  });
});

describe('toConflict', () => {
  it('maps a conditional check failure to a conflict without reasons', () => {
    const failed = new ConditionalCheckFailedException({ message: 'no', $metadata: {} });

    expect(toConflict(failed)).toEqual(
      expect.objectContaining({ name: 'TransactionConflictError', reasons: [] }),
    );
  });

  it.each(['TransactionCanceledException', 'ConditionalCheckFailedException'])(
    'maps an unmodelled error named %s to a conflict',
    (name) => {
      const error = Object.assign(new Error('emulated'), { name });

      expect(toConflict(error)).toBeInstanceOf(TransactionConflictError);
    },
  );

  it('returns any other error untouched', () => {
    const error = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });

    expect(toConflict(error)).toBe(error);
    expect(toConflict('string')).toBe('string');
  });
});
