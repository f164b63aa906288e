import type { SagaState, SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import {
  type Cursor,
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  mergePage,
  type PartitionRead,
} from './pageCursor';

const saga = (sagaId: string, status: SagaStatus, second: number): SagaState =>
  ({ sagaId, status, updatedAt: `2026-11-30T10:00:${String(second).padStart(2, '0')}.000Z` }) as SagaState;

/** A fake StatusIndex: each status's rows newest first, read `limit` at a time after a position. */
const index =
  (rows: SagaState[]) =>
  (status: SagaStatus, limit: number, cursor: Cursor): PartitionRead => {
    const all = rows
      .filter((r) => r.status === status)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const at = cursor[status];
    if (at === 'done') return { status, items: [], more: false };
    const from = at ? all.findIndex((r) => r.sagaId === at.sagaId) + 1 : 0;
    const items = all.slice(from, from + limit);
    return { status, items, more: from + limit < all.length };
  };

describe('mergePage', () => {
  const rows = [
    ...Array.from({ length: 30 }, (_, i) => saga(`c${i}`, 'COMPLETED', i)),
    ...Array.from({ length: 12 }, (_, i) => saga(`x${i}`, 'COMPENSATED', i * 2 + 1)),
    saga('s0', 'STARTED', 59),
  ];
  const statuses: SagaStatus[] = ['STARTED', 'COMPLETED', 'COMPENSATED'];

  it('pages through every row exactly once, newest first, across statuses', () => {
    const read = index(rows);
    const seen: SagaState[] = [];
    let cursor: Cursor | undefined = {};
    let pages = 0;
    while (cursor) {
      const at: Cursor = cursor;
      const page = mergePage(
        statuses.map((s) => read(s, 10, at)),
        at,
        10,
      );
      seen.push(...page.items);
      cursor = page.next ? decodeCursor(encodeCursor(page.next)) : undefined;
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(seen.map((s) => s.sagaId).sort()).toEqual(rows.map((s) => s.sagaId).sort());
    expect(new Set(seen.map((s) => s.sagaId)).size).toBe(rows.length);
    const times = seen.map((s) => s.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('ends without a cursor when the last page is exactly full', () => {
    const three = rows.filter((r) => r.status === 'STARTED');
    const page = mergePage([index(three)('STARTED', 1, {})], {}, 1);
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeUndefined();
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(encodeCursor({ STARTED: 'done' }).slice(2))).toThrow(InvalidCursorError);
  });
});
