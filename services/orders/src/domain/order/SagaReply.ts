import type { EnvelopeOf, EventTypeConsumedBy } from '@saga/shared';

/** The participants' replies that move an order's saga forward (from the event registry). */
export type SagaReply = EnvelopeOf<EventTypeConsumedBy<'orders'>>;
