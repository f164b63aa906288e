import type { EnvelopeOf, EventTypeConsumedBy } from '@saga/shared';

/** The order events inventory reacts to (from the event registry). */
export type InventoryInboxEvent = EnvelopeOf<EventTypeConsumedBy<'inventory'>>;
