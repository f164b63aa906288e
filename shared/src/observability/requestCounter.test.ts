import { BatchWriteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { shardKey, shardSuffix } from '../dynamo/writeShards';
import {
  countRequests,
  partitionKeysWritten,
  requestLogSettings,
  takeRequestCounts,
  writtenItems,
} from './requestCounter';

describe('request log settings', () => {
  it('is off unless SAGA_REQUEST_LOG=on', () => {
    expect(requestLogSettings({}).enabled).toBe(false);
    expect(requestLogSettings({ SAGA_REQUEST_LOG: 'true' }).enabled).toBe(false);
    const on = requestLogSettings({ SAGA_REQUEST_LOG: 'on', SAGA_REQUEST_LOG_KEYS: 'orderId, status,,' });
    expect(on.enabled).toBe(true);
    expect([...on.keyAttributes]).toEqual(['orderId', 'status']);
  });
});

describe('countRequests', () => {
  const send = async (client: DynamoDBClient) => {
    // Stops the request before it leaves the process: only the middleware runs.
    client.middlewareStack.add(() => async () => ({ output: { $metadata: {} } }) as never, {
      step: 'build',
      name: 'noNetwork',
    });
    await client.send(new PutItemCommand({ TableName: 't', Item: { orderId: { S: 'o1' } } }));
  };

  it('adds nothing to a client when the log is off: no counts, no partition keys', async () => {
    takeRequestCounts();
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    countRequests(client, 'dynamodb', { enabled: false, keyAttributes: new Set(['orderId']) });
    await send(client);
    expect(takeRequestCounts()).toEqual({ awsRequests: {}, partitionWrites: {} });
  });

  it('counts commands and written partition keys when on', async () => {
    takeRequestCounts();
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    countRequests(client, 'dynamodb', { enabled: true, keyAttributes: new Set(['orderId']) });
    await send(client);
    expect(takeRequestCounts()).toEqual({
      awsRequests: { 'dynamodb.PutItem': 1 },
      partitionWrites: { 't|': 1, 't|orderId|o1': 1 },
    });
  });

  it("counts the items of a BatchWriteItem, as it does a transaction's", async () => {
    takeRequestCounts();
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    countRequests(client, 'dynamodb', { enabled: true, keyAttributes: new Set() });
    client.middlewareStack.add(() => async () => ({ output: { $metadata: {} } }) as never, {
      step: 'build',
      name: 'noNetwork',
    });
    const put = (id: string) => ({ PutRequest: { Item: { eventId: { S: id } } } });
    await client.send(
      new BatchWriteItemCommand({ RequestItems: { t: [put('a'), put('b')], u: [put('c')] } }),
    );
    expect(takeRequestCounts().awsRequests).toEqual({
      'dynamodb.BatchWriteItem': 1,
      'dynamodb.BatchWriteItem.items': 3,
    });
  });
});

describe('partitionKeysWritten', () => {
  const keys = new Set(['orderId', 'status', 'pending', 'productId']);

  it('reads puts, updates (key and SET values) and deletes inside a transaction', () => {
    const written = partitionKeysWritten(
      'TransactWriteItems',
      {
        TransactItems: [
          {
            Put: {
              TableName: 'orders',
              Item: { orderId: { S: 'o1' }, status: { S: 'PENDING' }, n: { N: '1' } },
            },
          },
          {
            Update: {
              TableName: 'stock',
              Key: { productId: { S: 'p1' } },
              UpdateExpression: 'SET available = :a, #s = :s REMOVE pending',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':a': { N: '4' }, ':s': { S: 'LOW' } },
            },
          },
          { Delete: { TableName: 'reservations', Key: { orderId: { S: 'o1' } } } },
        ],
      },
      keys,
    );
    expect(written).toEqual([
      'orders|',
      'orders|orderId|o1',
      'orders|status|PENDING',
      'stock|',
      'stock|status|LOW',
      'stock|productId|p1',
      `stock|pending|*${shardSuffix('p1')}`,
      'reservations|',
      'reservations|orderId|o1',
    ]);
  });

  it('names a removal by the shard of its single string key, else by the attribute alone', () => {
    const remove = (Key: Record<string, { S?: string; N?: string }>) =>
      partitionKeysWritten(
        'UpdateItem',
        {
          TableName: 'outbox',
          Key,
          UpdateExpression: 'SET #s = :s REMOVE pending',
          ExpressionAttributeNames: { '#s': 'x' },
          ExpressionAttributeValues: { ':s': { S: 'y' } },
        },
        keys,
      );
    expect(remove({ eventId: { S: 'e1' } })).toEqual(['outbox|', `outbox|pending|*${shardKey('', 'e1')}`]);
    expect(remove({ a: { S: 'e1' }, b: { S: 'e2' } })).toEqual(['outbox|', 'outbox|pending']);
  });

  it('counts a published outbox Put as leaving the pending index on its shard', () => {
    const published = {
      RequestItems: {
        outbox: [{ PutRequest: { Item: { eventId: { S: 'e1' }, status: { S: 'PUBLISHED' } } } }],
      },
    };
    expect(partitionKeysWritten('BatchWriteItem', published, new Set(['pendingPartition']))).toEqual([
      'outbox|',
      `outbox|pendingPartition|*${shardKey('', 'e1')}`,
    ]);
  });

  it('reads batch writes and ignores reads', () => {
    expect(
      writtenItems('BatchWriteItem', {
        RequestItems: {
          t: [
            { PutRequest: { Item: { orderId: { S: 'a' } } } },
            { DeleteRequest: { Key: { orderId: { S: 'b' } } } },
          ],
        },
      }).map((item) => item.attributes.orderId?.S),
    ).toEqual(['a', 'b']);
    expect(partitionKeysWritten('GetItem', { TableName: 't', Key: { orderId: { S: 'a' } } }, keys)).toEqual(
      [],
    );
    expect(partitionKeysWritten('BatchGetItem', { RequestItems: { t: { Keys: [{}] } } }, keys)).toEqual([]);
  });
});
