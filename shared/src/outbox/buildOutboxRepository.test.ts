import type { BatchWriteItemCommand, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { buildOutboxRepository } from './buildOutboxRepository';

const TABLE = 'outbox';
const AT = new Date('2030-01-01T00:03:00.000Z');
const events = (count: number) =>
  Array.from({ length: count }, (_, index) =>
    buildTestEnvelope('order.created', {}, { eventId: `evt-${index}` }),
  );

/** A client that answers BatchWriteItem with `answer(requests)`: the items it leaves unprocessed. */
const fakeClient = (answer: (requests: WriteRequest[], call: number) => WriteRequest[] | Error) => {
  const calls: WriteRequest[][] = [];
  const client = {
    async send(command: BatchWriteItemCommand) {
      const requests = command.input.RequestItems?.[TABLE] ?? [];
      calls.push(requests);
      const left = answer(requests, calls.length);
      if (left instanceof Error) throw left;
      return { UnprocessedItems: left.length > 0 ? { [TABLE]: left } : {} };
    },
  } as unknown as DynamoDBClient;
  return { client, calls };
};
const idsOf = (requests: WriteRequest[]) => requests.map((request) => request.PutRequest?.Item?.eventId?.S);

describe('markPublished', () => {
  it('writes 25 events per request, each the published item without its pending key', async () => {
    const { client, calls } = fakeClient(() => []);

    await expect(buildOutboxRepository(client, TABLE).markPublished(events(60), AT)).resolves.toEqual([]);

    expect(calls.map((requests) => requests.length)).toEqual([25, 25, 10]);
    const item = calls[0]?.[0]?.PutRequest?.Item;
    expect(item).toMatchObject({
      eventId: { S: 'evt-0' },
      status: { S: 'PUBLISHED' },
      publishedAt: { S: AT.toISOString() },
    });
    expect(item?.pendingPartition).toBeUndefined();
  });

  it('retries what DynamoDB left unprocessed and reports what it still could not write', async () => {
    // The first answer leaves two items; every retry leaves evt-1 again.
    const { client, calls } = fakeClient((requests, call) =>
      call === 1 ? requests.slice(0, 2) : requests.filter((request) => idsOf([request])[0] === 'evt-1'),
    );

    await expect(buildOutboxRepository(client, TABLE).markPublished(events(3), AT)).resolves.toEqual([
      'evt-1',
    ]);

    expect(calls.map(idsOf)).toEqual([['evt-0', 'evt-1', 'evt-2'], ['evt-0', 'evt-1'], ['evt-1'], ['evt-1']]);
  });

  it('reports a failed request as all of its events unmarked, and only those', async () => {
    const { client } = fakeClient((_requests, call) => (call === 1 ? new Error('throttled') : []));

    const unmarked = await buildOutboxRepository(client, TABLE).markPublished(events(30), AT);

    expect(unmarked).toEqual(events(25).map(({ eventId }) => eventId));
  });
});
