import type { EventData, EventType } from './eventRegistry';

/** What every event's `detail` is on the bus; `detail-type` equals `eventType`. */
export interface EventEnvelope<T extends EventType = EventType> {
  readonly eventId: string;
  readonly eventType: T;
  readonly source: string;
  readonly occurredAt: string;
  /** The saga's correlation id: the orderId. */
  readonly correlationId: string;
  /** The eventId (or request id) that caused this event. */
  readonly causationId: string;
  readonly schemaVersion: number;
  readonly data: EventData<T>;
}

/** The discriminated union of every known envelope, narrowed by `eventType`. */
export type AnyEventEnvelope = { [T in EventType]: EventEnvelope<T> }[EventType];

/** The envelopes of a union of event types, each narrowed by its `eventType`. */
export type EnvelopeOf<T extends EventType> = { [K in T]: EventEnvelope<K> }[T];
