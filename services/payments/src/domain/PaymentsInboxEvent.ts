import type { EnvelopeOf, EventTypeConsumedBy } from '@saga/shared';

/** What payments reacts to (from the event registry): charge once stock is held; compensate once it is released. */
export type PaymentsInboxEvent = EnvelopeOf<EventTypeConsumedBy<'payments'>>;
