import { eventTypesConsumedBy, queueEventHandler, type SagaReply } from '@saga/shared';
import { wireOrders } from '../dependencies';
import { handleSagaReply } from '../useCases/handleSagaReply';

/** Inventory and payment replies: record the saga step, confirm or cancel the order. */
export const handler = queueEventHandler<SagaReply>(
  eventTypesConsumedBy('orders'),
  handleSagaReply(wireOrders()),
);
