import type { EnvelopeOf } from '../../events/EventEnvelope';
import type { EventTypeConsumedBy } from '../../events/eventRegistry';

/** What payments reacts to (from the event registry): charge once stock is held; compensate once it is released. */
export type PaymentCommand = EnvelopeOf<EventTypeConsumedBy<'payments'>>;
