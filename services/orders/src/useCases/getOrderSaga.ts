import { NotFoundError } from '@saga/shared';
import type { SagaState } from '../domain/saga/SagaState';
import type { OrderStore } from '../ports/OrderStore';

export const getOrderSaga =
  ({ store }: { store: OrderStore }) =>
  async (orderId: string): Promise<SagaState> => {
    const order = await store.get(orderId);
    const saga = order && (await store.getSaga(order.sagaId));
    if (!saga) throw new NotFoundError(`Order ${orderId} not found`);
    return saga;
  };
