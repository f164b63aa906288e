import type { Order } from './Order';
import type { OrderEvent } from './OrderEvent';

/** Applies a decided event; `at` is the injected time of the change. */
export const evolveOrder = (order: Order, event: OrderEvent, at: string): Order => {
  if (order.status !== 'PENDING') return order;
  const base = { ...order, updatedAt: at };
  switch (event.type) {
    case 'order.confirmed':
      return { ...base, status: 'CONFIRMED', confirmedAt: at };
    case 'order.cancelled':
      return { ...base, status: 'CANCELLED', cancelledAt: at, reason: event.reason };
    default: {
      const unhandled: never = event;
      throw new TypeError(`Unhandled order event: ${JSON.stringify(unhandled)}`);
    }
  }
};
