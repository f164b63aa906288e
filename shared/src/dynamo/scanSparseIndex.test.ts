import type { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { countSparseIndex, scanSparseIndex } from './scanSparseIndex';
import type { IndexKey } from './writeShards';

/** A client whose Scan returns `pages` one after another, recording each request's input. */
const fakeScanClient = (pages: number[][]) => {
  const inputs: ScanCommand['input'][] = [];
  const client = {
    send: async (command: ScanCommand) => {
      inputs.push(command.input);
      const index = command.input.ExclusiveStartKey ? Number(command.input.ExclusiveStartKey.page?.N) : 0;
      const rows = pages[index] ?? [];
      return {
        Items: command.input.Select === 'COUNT' ? undefined : rows.map((at) => ({ at: { N: String(at) } })),
        Count: rows.length,
        LastEvaluatedKey: index + 1 < pages.length ? { page: { N: String(index + 1) } } : undefined,
      };
    },
  } as unknown as DynamoDBClient;
  return { client, inputs };
};

const byAt = (a: IndexKey, b: IndexKey) => Number(a.at?.N) - Number(b.at?.N);
const ats = (items: IndexKey[]) => items.map((item) => Number(item.at?.N));
const input = { TableName: 't', IndexName: 'PendingIndex' };

describe('scanSparseIndex', () => {
  it('reads every page and returns the first items in order, wherever the scan found them', async () => {
    const { client, inputs } = fakeScanClient([[9, 7, 30], [8, 1, 40, 41, 42], [2]]);
    expect(ats(await scanSparseIndex(client, { input, limit: 3, compare: byAt }))).toEqual([1, 2, 7]);
    expect(inputs.map((request) => request.ExclusiveStartKey?.page?.N)).toEqual([undefined, '1', '2']);
    expect(inputs.every((request) => request.IndexName === 'PendingIndex')).toBe(true);
  });

  it('returns everything in order when the index holds fewer than the limit, and nothing for limit 0', async () => {
    expect(
      ats(await scanSparseIndex(fakeScanClient([[3, 1], [2]]).client, { input, limit: 10, compare: byAt })),
    ).toEqual([1, 2, 3]);
    const { client, inputs } = fakeScanClient([[1]]);
    expect(await scanSparseIndex(client, { input, limit: 0, compare: byAt })).toEqual([]);
    expect(inputs).toEqual([]);
  });
});

describe('countSparseIndex', () => {
  it('sums the count of every page', async () => {
    const { client, inputs } = fakeScanClient([[1, 2], [3], [4, 5, 6]]);
    expect(await countSparseIndex(client, input)).toBe(6);
    expect(inputs.every((request) => request.Select === 'COUNT')).toBe(true);
  });
});
