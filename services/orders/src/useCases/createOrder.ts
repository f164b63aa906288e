import { type Clock, createEnvelope, type IdGenerator } from '@saga/shared';
import type { PendingOrder } from '../domain/order/Order';
import { priceOrder, type RequestedLine } from '../domain/order/priceOrder';
import { startSaga } from '../domain/saga/startSaga';
import { type SagaObserver, silentSagaObserver } from '../observability/SagaObserver';
import type { CatalogueRepository } from '../ports/CatalogueRepository';
import type { OrderStore } from '../ports/OrderStore';

export interface CreateOrderDependencies {
  readonly store: OrderStore;
  readonly catalogue: CatalogueRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly observer?: SagaObserver;
}

export interface CreateOrderCommand {
  readonly customerId: string;
  readonly items: readonly RequestedLine[];
  /** The API request that asked for it: the causation of `order.created`. */
  readonly requestId: string;
}

/** Prices the order from the catalogue and starts its saga: order, saga state and event in one write. */
export const createOrder =
  ({ store, catalogue, clock, newId, observer = silentSagaObserver }: CreateOrderDependencies) =>
  async ({ customerId, items, requestId }: CreateOrderCommand): Promise<PendingOrder> => {
    const entries = await catalogue.getMany(items.map((item) => item.productId));
    const { lines, totalCents, currency } = priceOrder(items, entries);
    const now = clock().toISOString();
    const orderId = `ord-${newId()}`;
    const sagaId = `saga-${newId()}`;
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
    await store.create(order, startSaga(sagaId, orderId, now), [created]);
    observer.started(order);
    return order;
  };
