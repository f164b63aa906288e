import { NotFoundError } from '@saga/shared';
import type { Order } from '../domain/order/Order';
import type { OrderStore } from '../ports/OrderStore';

export const getOrder =
  ({ store }: { store: OrderStore }) =>
  async (orderId: string): Promise<Order> => {
    const order = await store.get(orderId);
    if (!order) throw new NotFoundError(`Order ${orderId} not found`);
    return order;
  };
