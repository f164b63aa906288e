import type { SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import type { ExplorerReadModel } from './readModel';
import { withSharedCounts } from './withSharedCounts';

type Counts = Record<SagaStatus, number>;
const countsOf = (completed: number): Counts => ({
  STARTED: 0,
  COMPENSATING: 0,
  COMPENSATION_FAILED: 0,
  COMPLETED: completed,
  COMPENSATED: 0,
});

/** A read model whose count reads the test settles one by one, recording each read's signal. */
const fakeModel = () => {
  const reads: { signal?: AbortSignal; settle: (counts: Counts) => void; fail: (error: Error) => void }[] =
    [];
  const model: ExplorerReadModel = {
    listSagas: async () => ({ items: [] }),
    countByStatus: ({ signal } = {}) =>
      new Promise<Counts>((resolve, reject) => {
        reads.push({ signal, settle: resolve, fail: reject });
        signal?.addEventListener('abort', () => reject(signal.reason));
      }),
    detail: async () => undefined,
    search: async () => [],
  };
  return { model, reads };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('withSharedCounts', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('answers callers that overlap with one read', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { freshForMs: 5_000, now });
    const first = shared.countByStatus();
    const second = shared.countByStatus();
    expect(reads).toHaveLength(1);
    reads[0]?.settle(countsOf(3));
    await expect(Promise.all([first, second])).resolves.toEqual([countsOf(3), countsOf(3)]);
  });

  it('reuses an answer while it is fresh, and reads again after', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { freshForMs: 5_000, now });
    const first = shared.countByStatus();
    reads[0]?.settle(countsOf(1));
    await first;
    clock += 4_999;
    await expect(shared.countByStatus()).resolves.toEqual(countsOf(1));
    expect(reads).toHaveLength(1);
    clock += 1;
    const again = shared.countByStatus();
    expect(reads).toHaveLength(2);
    reads[1]?.settle(countsOf(2));
    await expect(again).resolves.toEqual(countsOf(2));
  });

  it('keeps an answer twice as long as it took to read, when that is longer', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { freshForMs: 5_000, now });
    const first = shared.countByStatus();
    clock += 8_000; // a slow read: 8 s
    reads[0]?.settle(countsOf(1));
    await first;
    clock += 15_999;
    await expect(shared.countByStatus()).resolves.toEqual(countsOf(1));
    expect(reads).toHaveLength(1);
    clock += 1;
    void shared.countByStatus();
    expect(reads).toHaveLength(2);
  });

  it('lets a caller leave without stopping the read the others wait for', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { now });
    const gone = new AbortController();
    const leaving = shared.countByStatus({ signal: gone.signal });
    const staying = shared.countByStatus({ signal: new AbortController().signal });
    gone.abort(new DOMException('page closed', 'AbortError'));
    await expect(leaving).rejects.toMatchObject({ name: 'AbortError' });
    expect(reads[0]?.signal?.aborted).toBe(false);
    reads[0]?.settle(countsOf(4));
    await expect(staying).resolves.toEqual(countsOf(4));
  });

  it('stops the read when its last caller leaves, and starts a new one for the next caller', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { now });
    const gone = new AbortController();
    const leaving = shared.countByStatus({ signal: gone.signal });
    gone.abort(new DOMException('page closed', 'AbortError'));
    await expect(leaving).rejects.toMatchObject({ name: 'AbortError' });
    expect(reads[0]?.signal?.aborted).toBe(true);
    const next = shared.countByStatus();
    expect(reads).toHaveLength(2);
    reads[1]?.settle(countsOf(5));
    await expect(next).resolves.toEqual(countsOf(5));
  });

  it('refuses a caller already gone without reading', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { now });
    await expect(shared.countByStatus({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(reads).toHaveLength(0);
  });

  it('gives every caller a failed read, and keeps nothing of it', async () => {
    const { model, reads } = fakeModel();
    const shared = withSharedCounts(model, { now });
    const first = shared.countByStatus();
    const second = shared.countByStatus();
    reads[0]?.fail(new Error('emulator down'));
    await expect(first).rejects.toThrow('emulator down');
    await expect(second).rejects.toThrow('emulator down');
    await flush();
    const retry = shared.countByStatus();
    expect(reads).toHaveLength(2);
    reads[1]?.settle(countsOf(6));
    await expect(retry).resolves.toEqual(countsOf(6));
  });

  it('passes every other read through', async () => {
    const { model } = fakeModel();
    const calls: string[] = [];
    const shared = withSharedCounts(
      {
        ...model,
        listSagas: async (statuses) => {
          calls.push(`list ${statuses.join()}`);
          return { items: [] };
        },
        detail: async (orderId) => {
          calls.push(`detail ${orderId}`);
          return undefined;
        },
        search: async (term) => {
          calls.push(`search ${term}`);
          return [];
        },
      },
      { now },
    );
    await shared.listSagas(['STARTED'], 25);
    await shared.detail('ord-1');
    await shared.search('cust-1', 10);
    expect(calls).toEqual(['list STARTED', 'detail ord-1', 'search cust-1']);
  });
});
