import { NotFoundError } from '@saga/shared';
import type { SagaState } from '../domain/saga/SagaState';
import type { OrderStore } from '../ports/OrderStore';

export const getOrderSaga =
  ({ store }: { store: OrderStore }) =>
  async (orderId: string): Promise<SagaState> => {
    const saga = (await store.getWithSaga(orderId))?.saga;
    if (!saga) throw new NotFoundError(`Order ${orderId} not found`);
    return saga;
  };
