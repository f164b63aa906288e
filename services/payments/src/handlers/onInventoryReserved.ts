import { type EventEnvelope, eventHandler } from '@saga/shared';
import { wirePayments } from '../dependencies';
import { chargeOrder } from '../useCases/chargeOrder';

/** inventory.reserved → charge the order; emits payment.succeeded or payment.failed. */
export const handler = eventHandler<EventEnvelope<'inventory.reserved'>>(
  ['inventory.reserved'],
  chargeOrder(wirePayments()),
);
