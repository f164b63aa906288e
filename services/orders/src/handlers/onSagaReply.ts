import { eventTypesConsumedBy, queueEventHandler } from '@saga/shared';
import { wireOrders } from '../dependencies';
import type { SagaReply } from '../domain/order/SagaReply';
import { handleSagaReply } from '../useCases/handleSagaReply';

/** Inventory and payment replies: record the saga step, confirm or cancel the order. */
export const handler = queueEventHandler<SagaReply>(
  eventTypesConsumedBy('orders'),
  handleSagaReply(wireOrders()),
);
