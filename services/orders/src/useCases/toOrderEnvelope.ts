import { type Clock, createEnvelope, type IdGenerator } from '@saga/shared';
import type { Order } from '../domain/order/Order';
import type { OrderEvent } from '../domain/order/OrderEvent';

/** Wraps an order decision into its outbox envelope, linked to the saga and its cause. */
export const toOrderEnvelope = (
  context: { clock: Clock; newId: IdGenerator },
  order: Order,
  event: OrderEvent,
  causationId: string,
) => {
  const link = { correlationId: order.orderId, causationId };
  switch (event.type) {
    case 'order.confirmed':
      return createEnvelope(
        context,
        'order.confirmed',
        {
          orderId: order.orderId,
          customerId: order.customerId,
          totalCents: order.totalCents,
          currency: order.currency,
        },
        link,
      );
    case 'order.cancelled':
      return createEnvelope(
        context,
        'order.cancelled',
        { orderId: order.orderId, customerId: order.customerId, reason: event.reason },
        link,
      );
    default: {
      const unhandled: never = event;
      throw new TypeError(`Unhandled order event ${JSON.stringify(unhandled)}`);
    }
  }
};
