import {
  type Clock,
  createEnvelope,
  IdempotencyKeyMismatchError,
  IdempotentRequestInFlightError,
  type IdGenerator,
} from '@saga/shared';
import type { PendingOrder } from '../domain/order/Order';
import { priceOrder, type RequestedLine } from '../domain/order/priceOrder';
import { sagaIdOf } from '../domain/saga/sagaIdOf';
import { startSaga } from '../domain/saga/startSaga';
import { type SagaObserver, silentSagaObserver } from '../observability/SagaObserver';
import type { CatalogueRepository } from '../ports/CatalogueRepository';
import { type OrderStore, RequestKeyConflictError } from '../ports/OrderStore';
import { decideIdempotentRequest, scopeRequestKey } from './decideIdempotentRequest';

/** How long a key protects against a second order: the IETF draft leaves it to the server; 24 h. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;
/** What a 409 asks the client to wait: a create transaction commits in well under a second. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

export interface CreateOrderDependencies {
  readonly store: OrderStore;
  readonly catalogue: CatalogueRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly observer?: SagaObserver;
}

export interface IdempotentRequest {
  /** The client's Idempotency-Key. */
  readonly key: string;
  /** Who sent it: keys are unique per caller, so two callers never share one. */
  readonly caller: string;
  /** Fingerprint of the normalized request. */
  readonly fingerprint: string;
}

export interface CreateOrderCommand {
  readonly customerId: string;
  readonly items: readonly RequestedLine[];
  /** The API request that asked for it: the causation of `order.created`. */
  readonly requestId: string;
  readonly idempotency?: IdempotentRequest;
}

export type CreateOrderResult =
  | { readonly kind: 'created'; readonly order: PendingOrder }
  /** An earlier request with the same key and body created this order; nothing new was written. */
  | { readonly kind: 'replayed'; readonly order: PendingOrder };

/**
 * Prices the order from the catalogue and starts its saga: order, saga state, event and the
 * request's key in one write. The write's condition on the key decides whether the request is new;
 * only when it fails is the key's record read, to replay or refuse.
 */
export const createOrder =
  ({ store, catalogue, clock, newId, observer = silentSagaObserver }: CreateOrderDependencies) =>
  async ({ customerId, items, requestId, idempotency }: CreateOrderCommand): Promise<CreateOrderResult> => {
    const entries = await catalogue.getMany(items.map((item) => item.productId));
    const { lines, totalCents, currency } = priceOrder(items, entries);
    const createdAt = clock();
    const now = createdAt.toISOString();
    const orderId = `ord-${newId()}`;
    const sagaId = sagaIdOf(orderId);
    const order: PendingOrder = {
      orderId,
      sagaId,
      customerId,
      lines,
      totalCents,
      currency,
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    const created = createEnvelope(
      { clock: () => new Date(now), newId },
      'order.created',
      { orderId, sagaId, customerId, lines, totalCents, currency },
      { correlationId: orderId, causationId: requestId },
    );
    const requestKey = idempotency && {
      requestKey: scopeRequestKey(idempotency.caller, idempotency.key),
      fingerprint: idempotency.fingerprint,
      order,
      expiresAt: Math.floor(createdAt.getTime() / 1000) + IDEMPOTENCY_KEY_TTL_SECONDS,
    };
    try {
      await store.create(order, startSaga(sagaId, orderId, now), [created], requestKey);
    } catch (error) {
      if (!(idempotency && requestKey && error instanceof RequestKeyConflictError)) throw error;
      const record = await store.getRequestKey(requestKey.requestKey, clock());
      const decision = decideIdempotentRequest(record, requestKey.fingerprint);
      switch (decision.kind) {
        case 'replay':
          return { kind: 'replayed', order: decision.order };
        case 'mismatch':
          throw new IdempotencyKeyMismatchError(idempotency.key);
        case 'unclaimed':
          // The key's holder has not committed yet (a transaction conflict): the client retries.
          throw new IdempotentRequestInFlightError(idempotency.key, IN_FLIGHT_RETRY_AFTER_SECONDS, {
            cause: error,
          });
      }
    }
    observer.started(order);
    return { kind: 'created', order };
  };
