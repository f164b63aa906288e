import { eventTypesConsumedBy, queueEventHandler } from '@saga/shared';
import { wirePayments } from '../dependencies';
import type { PaymentsInboxEvent } from '../domain/PaymentsInboxEvent';
import { handleInventoryEvent } from '../useCases/handleInventoryEvent';

/** inventory.reserved → charge; inventory.released → refund or void (compensation). */
export const handler = queueEventHandler<PaymentsInboxEvent>(
  eventTypesConsumedBy('payments'),
  handleInventoryEvent(wirePayments()),
);
