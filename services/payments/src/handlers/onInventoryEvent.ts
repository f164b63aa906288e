import { eventTypesConsumedBy, queueEventHandler } from '@saga/shared';
import { wirePayments } from '../dependencies';
import type { PaymentCommand } from '../domain/PaymentCommand';
import { handlePaymentCommand } from '../useCases/handlePaymentCommand';

/** inventory.reserved → charge; inventory.released → refund or void (compensation). */
export const handler = queueEventHandler<PaymentCommand>(
  eventTypesConsumedBy('payments'),
  handlePaymentCommand(wirePayments()),
);
