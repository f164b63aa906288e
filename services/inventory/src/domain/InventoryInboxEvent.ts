import type { EnvelopeOf, EventTypeConsumedBy } from '@saga/shared';

/** The order events inventory reacts to (from the event registry). */
export type InventoryCommand = EnvelopeOf<EventTypeConsumedBy<'inventory'>>;
