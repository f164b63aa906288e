import type { Order } from './Order';
import type { OrderEvent } from './OrderEvent';
import type { SagaReply } from './SagaReply';

const assertNever = (value: never): never => {
  throw new TypeError(`Unhandled saga reply: ${JSON.stringify(value)}`);
};

/**
 * The order's reaction to a saga reply. Only a PENDING order changes: a late or repeated reply
 * for a terminal order decides nothing, so it can never flip CONFIRMED to CANCELLED or back.
 */
export const decideOrder = (order: Order, reply: SagaReply): OrderEvent[] => {
  if (order.status !== 'PENDING') return [];
  switch (reply.eventType) {
    case 'inventory.reserved':
    case 'payment.voided':
      return [];
    case 'inventory.reservation.failed':
      return [{ type: 'order.cancelled', reason: `Inventory reservation failed: ${reply.data.reason}` }];
    case 'payment.succeeded':
      return [{ type: 'order.confirmed' }];
    case 'payment.failed':
      return [{ type: 'order.cancelled', reason: `Payment failed: ${reply.data.reason}` }];
    default:
      return assertNever(reply);
  }
};
