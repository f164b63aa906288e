import { type AnyEventEnvelope, TransactionConflictError } from '@saga/shared';
import type { Order } from '../domain/order/Order';
import type { SagaState } from '../domain/saga/SagaState';
import {
  type OrderChange,
  type OrderStore,
  RequestKeyConflictError,
  type RequestKeyRecord,
} from '../ports/OrderStore';

/** OrderStore held in memory, with the real adapter's conditions: all of a write or none of it. */
export interface InMemoryOrderStore extends OrderStore {
  /** Stored orders and sagas carry the version the write gave them, as the table does. */
  readonly orders: Map<string, Order>;
  readonly sagas: Map<string, SagaState>;
  readonly requestKeys: Map<string, RequestKeyRecord>;
  /** Every event committed to the outbox, in commit order. */
  readonly outbox: AnyEventEnvelope[];
  readonly createCalls: Parameters<OrderStore['create']>[];
  readonly applyCalls: OrderChange[];
  /** The next create or apply throws `error` before checking or writing anything. */
  failNextWrite(error: Error): void;
}

const conflict = (what: string) => new TransactionConflictError(what, ['ConditionalCheckFailed']);

export const buildInMemoryOrderStore = (): InMemoryOrderStore => {
  const orders = new Map<string, Order>();
  const sagas = new Map<string, SagaState>();
  const requestKeys = new Map<string, RequestKeyRecord>();
  const liveKey = (requestKey: string, nowSeconds: number) => {
    const record = requestKeys.get(requestKey);
    return record && record.expiresAt > nowSeconds ? record : undefined;
  };
  const outbox: AnyEventEnvelope[] = [];
  const createCalls: Parameters<OrderStore['create']>[] = [];
  const applyCalls: OrderChange[] = [];
  const failures: Error[] = [];

  const takeFailure = () => {
    const failure = failures.shift();
    if (failure) throw failure;
  };
  const assertNewEvents = (events: readonly AnyEventEnvelope[]) => {
    for (const event of events) {
      if (outbox.some((stored) => stored.eventId === event.eventId))
        throw conflict(`outbox ${event.eventId}`);
    }
  };
  const assertVersion = (stored: { version: number } | undefined, expected: number, what: string) => {
    if (stored?.version !== expected) throw conflict(`${what} is not at version ${expected}`);
  };

  return {
    orders,
    sagas,
    requestKeys,
    outbox,
    createCalls,
    applyCalls,
    failNextWrite(error) {
      failures.push(error);
    },
    get: async (orderId) => orders.get(orderId),
    async getWithSaga(orderId) {
      const order = orders.get(orderId);
      return order && { order, saga: sagas.get(order.sagaId) };
    },
    findSagas: async (status, updatedBefore, limit) =>
      [...sagas.values()]
        .filter((saga) => saga.status === status && saga.updatedAt < updatedBefore.toISOString())
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
        .slice(0, limit),
    async create(order, saga, events, requestKey) {
      createCalls.push([order, saga, events, requestKey]);
      takeFailure();
      const nowSeconds = Math.floor(Date.parse(order.createdAt) / 1000);
      if (requestKey && liveKey(requestKey.requestKey, nowSeconds)) {
        throw new RequestKeyConflictError(requestKey.requestKey);
      }
      if (orders.has(order.orderId)) throw conflict(`order ${order.orderId} exists`);
      if (sagas.has(saga.sagaId)) throw conflict(`saga ${saga.sagaId} exists`);
      assertNewEvents(events);
      orders.set(order.orderId, { ...order, version: 0 });
      sagas.set(saga.sagaId, { ...saga, version: 0 });
      outbox.push(...events);
      if (requestKey) requestKeys.set(requestKey.requestKey, requestKey);
    },
    getRequestKey: async (requestKey, now) => liveKey(requestKey, Math.floor(now.getTime() / 1000)),
    async apply(change) {
      applyCalls.push(change);
      takeFailure();
      const { order, previousOrder, saga, previousSaga, events } = change;
      const writeOrder = order !== previousOrder;
      const writeSaga = saga !== previousSaga;
      if (writeOrder)
        assertVersion(orders.get(order.orderId), previousOrder.version, `order ${order.orderId}`);
      if (writeSaga) assertVersion(sagas.get(saga.sagaId), previousSaga.version, `saga ${saga.sagaId}`);
      assertNewEvents(events);
      if (writeOrder) orders.set(order.orderId, { ...order, version: previousOrder.version + 1 });
      if (writeSaga) sagas.set(saga.sagaId, { ...saga, version: previousSaga.version + 1 });
      outbox.push(...events);
    },
  };
};
