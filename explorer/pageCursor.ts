import type { SagaState, SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import * as z from 'zod';

/**
 * Where one status's rows on the StatusIndex were left: the last row shown (every shard of the
 * status is read again from its time on, ties by sagaId), or done.
 */
const position = z.union([
  z.literal('done'),
  z.object({ sagaId: z.string(), updatedAt: z.string() }).strict(),
]);
export type Position = z.infer<typeof position>;
const cursorSchema = z.record(z.string(), position);
export type Cursor = Partial<Record<SagaStatus, Position>>;

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(cause?: unknown) {
    super('cursor is not one this explorer issued: start again from the first page', { cause });
  }
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

export const decodeCursor = (text: string): Cursor => {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))) as Cursor;
  } catch (error) {
    throw new InvalidCursorError(error);
  }
};

/** One status's next rows after its position, and whether the index holds more after them. */
export interface PartitionRead {
  readonly status: SagaStatus;
  readonly items: readonly SagaState[];
  readonly more: boolean;
}

/**
 * A k-way merge of per-status reads (each newest first, in index order) into one page of `limit`
 * rows, newest first, and the cursor that resumes every status right after the last row it
 * contributed. Each status contributes a prefix of its read, so no row is skipped or repeated.
 */
export const mergePage = (
  reads: readonly PartitionRead[],
  previous: Cursor,
  limit: number,
): { items: SagaState[]; next?: Cursor } => {
  const taken = reads.map(() => 0);
  const items: SagaState[] = [];
  while (items.length < limit) {
    let pick = -1;
    reads.forEach((read, i) => {
      const head = read.items[taken[i] ?? 0];
      const best = pick < 0 ? undefined : reads[pick]?.items[taken[pick] ?? 0];
      if (head && (!best || head.updatedAt > best.updatedAt)) pick = i;
    });
    const read = reads[pick];
    const row = read?.items[taken[pick] ?? 0];
    if (!row) break;
    items.push(row);
    taken[pick] = (taken[pick] ?? 0) + 1;
  }
  const next: Cursor = { ...previous };
  reads.forEach((read, i) => {
    const shown = taken[i] ?? 0;
    const last = read.items[shown - 1];
    if (!read.more && shown === read.items.length) next[read.status] = 'done';
    else if (last) next[read.status] = { sagaId: last.sagaId, updatedAt: last.updatedAt };
  });
  return reads.some((read) => next[read.status] !== 'done') ? { items, next } : { items };
};
