import type { EventEnvelope } from '../../events/EventEnvelope';

/** The order events inventory reacts to. */
export type InventoryCommand =
  | EventEnvelope<'order.created'>
  | EventEnvelope<'order.cancelled'>
  | EventEnvelope<'order.confirmed'>;

export const inventoryCommandTypes = [
  'order.created',
  'order.cancelled',
  'order.confirmed',
] as const satisfies readonly InventoryCommand['eventType'][];
