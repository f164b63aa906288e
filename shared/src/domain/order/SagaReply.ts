import type { EventEnvelope } from '../../events/EventEnvelope';

/** The participants' replies that move an order's saga forward. */
export type SagaReply =
  | EventEnvelope<'inventory.reserved'>
  | EventEnvelope<'inventory.reservation.failed'>
  | EventEnvelope<'payment.succeeded'>
  | EventEnvelope<'payment.failed'>
  | EventEnvelope<'payment.voided'>;

export const sagaReplyTypes = [
  'inventory.reserved',
  'inventory.reservation.failed',
  'payment.succeeded',
  'payment.failed',
  'payment.voided',
] as const satisfies readonly SagaReply['eventType'][];
