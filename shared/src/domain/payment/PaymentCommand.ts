import type { EventEnvelope } from '../../events/EventEnvelope';

/** What payments reacts to: charge once stock is held; compensate once the stock is released. */
export type PaymentCommand = EventEnvelope<'inventory.reserved'> | EventEnvelope<'inventory.released'>;

export const paymentCommandTypes = [
  'inventory.reserved',
  'inventory.released',
] as const satisfies readonly PaymentCommand['eventType'][];
