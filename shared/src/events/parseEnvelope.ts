import { z } from 'zod';
import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from './EventEnvelope';
import { type EventType, eventRegistry } from './eventRegistry';
import { HEADER_TEXT, HEADER_TEXT_RULE } from './headerText';

export const EnvelopeHeader = z
  .object({
    eventId: z.string().min(1).max(128).regex(HEADER_TEXT, HEADER_TEXT_RULE),
    eventType: z.string().min(1),
    source: z.string().min(1),
    occurredAt: z.iso.datetime(),
    correlationId: z.string().min(1).regex(HEADER_TEXT, HEADER_TEXT_RULE),
    causationId: z.string().min(1).regex(HEADER_TEXT, HEADER_TEXT_RULE),
    schemaVersion: z.number().int().positive(),
    data: z.unknown(),
  })
  .strict();

const describe = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

const isKnownType = (type: string): type is EventType => Object.hasOwn(eventRegistry, type);

/**
 * Validates an envelope against its versioned contract. Both ends call this: producers before the
 * outbox write, consumers on receipt. Accepts only the listed types when `accepted` is given.
 */
export const parseEnvelope = (input: unknown, accepted?: readonly EventType[]): AnyEventEnvelope => {
  const header = EnvelopeHeader.safeParse(input);
  if (!header.success) {
    throw new InvalidEventError(`Malformed event envelope: ${describe(header.error)}`);
  }
  const { eventId, eventType, source, schemaVersion } = header.data;
  if (!isKnownType(eventType)) {
    throw new InvalidEventError(`Unknown event type "${eventType}"`, eventId);
  }
  if (accepted && !accepted.includes(eventType)) {
    throw new InvalidEventError(`Event type "${eventType}" is not handled here`, eventId);
  }
  const contract = eventRegistry[eventType];
  if (source !== contract.source) {
    throw new InvalidEventError(`${eventType} must come from ${contract.source}, not ${source}`, eventId);
  }
  if (schemaVersion !== contract.schemaVersion) {
    throw new InvalidEventError(`${eventType} schemaVersion ${schemaVersion} is not supported`, eventId);
  }
  const data = contract.data.safeParse(header.data.data);
  if (!data.success) {
    throw new InvalidEventError(`Invalid ${eventType} data: ${describe(data.error)}`, eventId);
  }
  return { ...header.data, eventType, data: data.data } as AnyEventEnvelope;
};
