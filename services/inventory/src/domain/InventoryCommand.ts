import type { EnvelopeOf } from '../../events/EventEnvelope';
import type { EventTypeConsumedBy } from '../../events/eventRegistry';

/** The order events inventory reacts to (from the event registry). */
export type InventoryCommand = EnvelopeOf<EventTypeConsumedBy<'inventory'>>;
