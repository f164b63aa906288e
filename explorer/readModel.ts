import type { Order } from '@saga/orders/src/domain/order/Order';
import type { SagaState, SagaStatus } from '@saga/orders/src/domain/saga/SagaState';

export const SAGA_STATUSES: readonly SagaStatus[] = [
  'STARTED',
  'COMPENSATING',
  'COMPENSATION_FAILED',
  'COMPLETED',
  'COMPENSATED',
];

export interface SagaPage {
  readonly items: readonly SagaState[];
  /** Opaque: pass it back to get the next (older) page; absent on the last page. */
  readonly nextCursor?: string;
}

export interface SagaDetail {
  readonly saga: SagaState;
  /** Absent when the order row is gone (e.g. a saga row written by hand). */
  readonly order?: Order;
}

/** `signal`: the reader went away (a page closed, a newer refresh replaced it); what is left is not read. */
export interface ReadOptions {
  readonly signal?: AbortSignal;
}

/** What the explorer reads. Every lookup goes through a key or an index: never a scan. */
export interface ExplorerReadModel {
  /** Newest first, across `statuses`, `limit` at a time. */
  listSagas(
    statuses: readonly SagaStatus[],
    limit: number,
    cursor?: string,
    options?: ReadOptions,
  ): Promise<SagaPage>;
  countByStatus(options?: ReadOptions): Promise<Record<SagaStatus, number>>;
  detail(orderId: string): Promise<SagaDetail | undefined>;
  /** Sagas whose orderId, sagaId or customerId is exactly `term`. */
  search(term: string, limit: number): Promise<SagaState[]>;
}
