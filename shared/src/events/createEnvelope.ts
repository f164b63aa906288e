import type { Clock } from '../runtime/Clock';
import type { IdGenerator } from '../runtime/IdGenerator';
import type { AnyEventEnvelope, EventEnvelope } from './EventEnvelope';
import { type EventData, type EventType, eventRegistry } from './eventRegistry';
import { parseEnvelope } from './parseEnvelope';

export interface EnvelopeContext {
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/** Builds a producer-side envelope and validates it against its contract before it can be stored. */
export const createEnvelope = <T extends EventType>(
  context: EnvelopeContext,
  eventType: T,
  data: EventData<T>,
  link: { correlationId: string; causationId: string },
): EventEnvelope<T> => {
  const contract = eventRegistry[eventType];
  const envelope: EventEnvelope<T> = {
    eventId: context.newId(),
    eventType,
    source: contract.source,
    occurredAt: context.clock().toISOString(),
    correlationId: link.correlationId,
    causationId: link.causationId,
    schemaVersion: contract.schemaVersion,
    data,
  };
  parseEnvelope(envelope);
  return envelope;
};

/** An event a decision emits, before it gets its envelope: its type and data. */
export type DomainEvent<T extends EventType = EventType> = {
  [K in T]: { readonly type: K; readonly data: EventData<K> };
}[T];

/** The envelopes of a decision's events, all caused by one incoming event. */
export const createEnvelopes = (
  context: EnvelopeContext,
  events: readonly DomainEvent[],
  link: { correlationId: string; causationId: string },
): AnyEventEnvelope[] =>
  events.map((event) => createEnvelope(context, event.type, event.data as never, link) as AnyEventEnvelope);
