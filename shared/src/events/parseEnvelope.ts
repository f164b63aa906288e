import * as z from 'zod';
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

/** The first issues only: a poison event can carry thousands (a 60 KB event, a 4 MB list). */
const MAX_ISSUES_DESCRIBED = 20;

const describe = (error: z.ZodError): string => {
  const listed = error.issues
    .slice(0, MAX_ISSUES_DESCRIBED)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const rest = error.issues.length - listed.length;
  return rest > 0 ? `${listed.join('; ')}; … and ${rest} more issues` : listed.join('; ');
};

/**
 * No contract holds an array anywhere near this long (an order has at most 50 lines). Checked before
 * the schema, in one cheap pass: a poison with 20,000 bad lines would otherwise make zod build 80,000
 * issues (~0.5 s and ~100 MB each), and a batch of them outlasts the function's timeout, failing
 * the valid events beside them.
 */
export const MAX_ARRAY_ITEMS = 1000;

const findOversizedArray = (value: unknown, path: string): { path: string; length: number } | undefined => {
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) return { path, length: value.length };
    for (const [i, item] of value.entries()) {
      const found = findOversizedArray(item, `${path}.${i}`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findOversizedArray(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
};

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
  const oversized = findOversizedArray(header.data.data, 'data');
  if (oversized) {
    throw new InvalidEventError(
      `Invalid ${eventType} data: ${oversized.path} has ${oversized.length} items, at most ${MAX_ARRAY_ITEMS}`,
      eventId,
    );
  }
  const data = contract.data.safeParse(header.data.data);
  if (!data.success) {
    throw new InvalidEventError(`Invalid ${eventType} data: ${describe(data.error)}`, eventId);
  }
  return { ...header.data, eventType, data: data.data } as AnyEventEnvelope;
};
