import type { AnyEventEnvelope } from '../events/EventEnvelope';

export interface PublishResult {
  readonly published: string[];
  readonly failed: { eventId: string; reason: string }[];
}

/** Puts envelopes on the bus; reports per event which made it, never throws for a partial failure. */
export interface EventPublisher {
  publish(envelopes: readonly AnyEventEnvelope[]): Promise<PublishResult>;
}
