import type { SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import type { ExplorerReadModel, ReadOptions } from './readModel';

type Counts = Record<SagaStatus, number>;

export interface SharedCountsOptions {
  /** Counts at least this young are answered from memory. */
  readonly freshForMs?: number;
  readonly now?: () => number;
}

/** How old counts may be: a person watching the page sees them move within seconds. */
export const COUNTS_FRESH_MS = 5_000;

interface SharedRead {
  readonly promise: Promise<Counts>;
  readonly controller: AbortController;
  waiting: number;
}

/**
 * The counts are a fan-out over every shard of every status (about 1,600 queries), and every open page
 * asked for them on each of its refreshes. Here all pages share them: one read in flight that every
 * caller waits for, its answer reused while younger than `freshForMs` or twice what it took (a busy
 * emulator is asked less often, as a page's own loop does). A caller that goes away stops waiting; the
 * read stops when nobody waits for it. A failed read is not kept: the next caller reads again.
 */
export const withSharedCounts = (
  model: ExplorerReadModel,
  { freshForMs = COUNTS_FRESH_MS, now = Date.now }: SharedCountsOptions = {},
): ExplorerReadModel => {
  let last: { counts: Counts; at: number; tookMs: number } | undefined;
  let inFlight: SharedRead | undefined;

  const startRead = (): SharedRead => {
    const controller = new AbortController();
    const started = now();
    const promise = model.countByStatus({ signal: controller.signal }).then((counts) => {
      const at = now();
      last = { counts, at, tookMs: at - started };
      return counts;
    });
    const read: SharedRead = { promise, controller, waiting: 0 };
    const done = () => {
      if (inFlight === read) inFlight = undefined;
    };
    promise.then(done, done);
    inFlight = read;
    return read;
  };

  const countByStatus = ({ signal }: ReadOptions = {}): Promise<Counts> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (last && now() - last.at < Math.max(freshForMs, 2 * last.tookMs)) return Promise.resolve(last.counts);
    const read = inFlight ?? startRead();
    read.waiting += 1;
    return new Promise<Counts>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return false;
        left = true;
        read.waiting -= 1;
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        reject(signal?.reason);
        if (read.waiting > 0) return;
        // Nobody waits any more: stop the fan-out, and let the next caller start a fresh read.
        if (inFlight === read) inFlight = undefined;
        read.controller.abort(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      read.promise.then(
        (counts) => leave() && resolve(counts),
        (error: unknown) => leave() && reject(error),
      );
    });
  };

  return {
    listSagas: (...args) => model.listSagas(...args),
    countByStatus,
    detail: (orderId) => model.detail(orderId),
    search: (term, limit) => model.search(term, limit),
  };
};
