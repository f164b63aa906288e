import { type PaymentCommand, paymentCommandTypes, queueEventHandler } from '@saga/shared';
import { wirePayments } from '../dependencies';
import { handlePaymentCommand } from '../useCases/handlePaymentCommand';

/** inventory.reserved → charge; inventory.released → refund or void (compensation). */
export const handler = queueEventHandler<PaymentCommand>(
  paymentCommandTypes,
  handlePaymentCommand(wirePayments()),
);
