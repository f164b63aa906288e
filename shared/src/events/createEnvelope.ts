import type { Clock } from '../runtime/Clock';
import type { IdGenerator } from '../runtime/IdGenerator';
import type { EventEnvelope } from './EventEnvelope';
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
