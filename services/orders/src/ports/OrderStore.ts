import type { AnyEventEnvelope } from '@saga/shared';
import type { Order, PendingOrder } from '../domain/order/Order';
import type { SagaState } from '../domain/saga/SagaState';

export interface OrderChange {
  readonly order: Order;
  readonly previousOrder: Order;
  readonly saga: SagaState;
  readonly previousSaga: SagaState;
  readonly events: readonly AnyEventEnvelope[];
}

/**
 * An `Idempotency-Key` claimed by the request that created an order: written in the same
 * transaction as the order, so a key exists exactly when its order does.
 */
export interface RequestKeyRecord {
  /** The client's key scoped by its caller (see scopeIdempotencyKey). */
  readonly requestKey: string;
  /** sha-256 of the normalized request: a retry must carry the same one. */
  readonly fingerprint: string;
  /** The order as created: the 201 answer is rendered from it, so a replay returns the same body. */
  readonly order: PendingOrder;
  /** Epoch seconds after which the key is free again (the table's TTL attribute). */
  readonly expiresAt: number;
}

/** The key was already taken (or is being taken) when the create transaction ran; nothing was written. */
export class RequestKeyConflictError extends Error {
  override readonly name = 'RequestKeyConflictError';
  constructor(
    readonly requestKey: string,
    options?: { cause?: unknown },
  ) {
    super(`Idempotency key ${requestKey} is already claimed`, options);
  }
}

/** An order and its saga state, as read together. */
export interface OrderWithSaga {
  readonly order: Order;
  /** Absent only if the saga record is missing, which a create transaction never leaves. */
  readonly saga: SagaState | undefined;
}

/** The orders service's state: orders and their saga records, always written with their outbox events. */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  /** The order and its saga, both read consistently: one request when the saga's id is sagaIdOf(orderId). */
  getWithSaga(orderId: string): Promise<OrderWithSaga | undefined>;
  findSagas(status: SagaState['status'], updatedBefore: Date, limit: number): Promise<SagaState[]>;
  /**
   * Order, initial saga state, `order.created` and, when the request carried one, its key record in
   * one transaction. A key held by another request fails it with RequestKeyConflictError.
   */
  create(
    order: Order,
    saga: SagaState,
    events: readonly AnyEventEnvelope[],
    requestKey?: RequestKeyRecord,
  ): Promise<void>;
  /** The live (unexpired) record of a scoped key, read consistently. */
  getRequestKey(requestKey: string, now: Date): Promise<RequestKeyRecord | undefined>;
  /**
   * A saga step: order and saga changes and new events in one transaction. The versions guard it,
   * so no dedupe record is needed: a replayed reply reads the state it left and changes nothing.
   */
  apply(change: OrderChange): Promise<void>;
}
