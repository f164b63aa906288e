import type { EnvelopeOf } from '../../events/EventEnvelope';
import type { EventTypeConsumedBy } from '../../events/eventRegistry';

/** The participants' replies that move an order's saga forward (from the event registry). */
export type SagaReply = EnvelopeOf<EventTypeConsumedBy<'orders'>>;
