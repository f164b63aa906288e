import type { AnyEventEnvelope, ProcessedEvent } from '@saga/shared';
import type { Order } from '../domain/order/Order';
import type { SagaState } from '../domain/saga/SagaState';

export interface OrderChange {
  readonly order: Order;
  readonly previousOrder: Order;
  readonly saga: SagaState;
  readonly previousSaga: SagaState;
  readonly events: readonly AnyEventEnvelope[];
  /** The event being handled; absent for the deadline sweeper's own decisions. */
  readonly processed?: ProcessedEvent;
}

/** The orders service's state: orders and their saga records, always written with their outbox events. */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  getSaga(sagaId: string): Promise<SagaState | undefined>;
  findSagas(status: SagaState['status'], updatedBefore: Date, limit: number): Promise<SagaState[]>;
  /** Order, initial saga state and `order.created` in one transaction. */
  create(order: Order, saga: SagaState, events: readonly AnyEventEnvelope[]): Promise<void>;
  /** A saga step: dedupe record, order and saga changes and new events in one transaction. */
  apply(change: OrderChange): Promise<void>;
}
