import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from './EventEnvelope';
import type { EventType } from './eventRegistry';
import { parseEnvelope } from './parseEnvelope';

/**
 * An EventBridge event as a consumer's inbox receives it: the bus's own `source` and `detail-type`
 * around the envelope. parseEnvelope holds the envelope to its registered producer; this also holds
 * the bus headers to the envelope, so an event put under one source cannot pass as another's
 * (rules route on the bus headers, and the bus policy limits each producer role to its own source).
 */
export const parseBusEvent = (input: unknown, accepted?: readonly EventType[]): AnyEventEnvelope => {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidEventError('Not an EventBridge event: the message body is not a JSON object');
  }
  const event = input as { source?: unknown; 'detail-type'?: unknown; detail?: unknown };
  const envelope = parseEnvelope(event.detail, accepted);
  if (event.source !== envelope.source) {
    throw new InvalidEventError(
      `${envelope.eventType} was put on the bus under source ${String(event.source)}, not its producer's ${envelope.source}`,
      envelope.eventId,
    );
  }
  if (event['detail-type'] !== envelope.eventType) {
    throw new InvalidEventError(
      `detail-type ${String(event['detail-type'])} does not match the envelope's ${envelope.eventType}`,
      envelope.eventId,
    );
  }
  return envelope;
};
