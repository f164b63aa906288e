import type { EventEnvelope } from '../events/EventEnvelope';
import { type EventData, type EventType, eventRegistry } from '../events/eventRegistry';
import { sampleEventData } from './sampleEventData';

let sequence = 0;

/**
 * A valid envelope of `eventType` (source and schemaVersion from its contract), built without
 * validation so tests can also make invalid ones through `overrides`.
 */
export const buildTestEnvelope = <T extends EventType>(
  eventType: T,
  data: Partial<EventData<T>> = {},
  overrides: Partial<Omit<EventEnvelope<T>, 'data' | 'eventType'>> = {},
): EventEnvelope<T> => {
  sequence += 1;
  const fullData = { ...sampleEventData[eventType], ...data } as EventData<T>;
  const orderId = (fullData as { orderId: string }).orderId;
  return {
    eventId: `evt-${eventType}-${sequence}`,
    eventType,
    source: eventRegistry[eventType].source,
    occurredAt: '2030-01-01T00:00:00.000Z',
    correlationId: orderId,
    causationId: `cause-${sequence}`,
    schemaVersion: eventRegistry[eventType].schemaVersion,
    data: fullData,
    ...overrides,
  };
};
