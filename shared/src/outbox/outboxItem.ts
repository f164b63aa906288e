import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { HEADER_TEXT, HEADER_TEXT_RULE } from '../events/headerText';
import { parseEnvelope } from '../events/parseEnvelope';

/** Present only while an event is unpublished, so the index holds nothing else (a sparse index). */
export const PENDING_PARTITION_ATTRIBUTE = 'pendingPartition';
export const PENDING_PARTITION_VALUE = 'PENDING';
export const PENDING_INDEX = 'PendingIndex';

/** Header values travel unescaped through the pipe's input template (see HEADER_TEXT). */
const templateSafe = (name: string, value: string): string => {
  if (!HEADER_TEXT.test(value)) throw new TypeError(`Outbox ${name} ${HEADER_TEXT_RULE}`);
  return value;
};

/**
 * The stored shape is the envelope itself, one attribute per field, so both publishers build the
 * same `detail` from it: the relay in code, the EventBridge Pipe with its input template. `data` is
 * JSON text because a pipe cannot turn a DynamoDB map back into plain JSON.
 */
export const toOutboxItem = (envelope: AnyEventEnvelope): Record<string, AttributeValue> => ({
  eventId: { S: templateSafe('eventId', envelope.eventId) },
  eventType: { S: templateSafe('eventType', envelope.eventType) },
  source: { S: templateSafe('source', envelope.source) },
  occurredAt: { S: templateSafe('occurredAt', envelope.occurredAt) },
  correlationId: { S: templateSafe('correlationId', envelope.correlationId) },
  causationId: { S: templateSafe('causationId', envelope.causationId) },
  schemaVersion: { N: String(envelope.schemaVersion) },
  data: { S: JSON.stringify(envelope.data) },
  status: { S: 'PENDING' },
  [PENDING_PARTITION_ATTRIBUTE]: { S: PENDING_PARTITION_VALUE },
});

const text = (item: Record<string, AttributeValue>, name: string): string => {
  const value = item[name]?.S;
  if (value === undefined) throw new TypeError(`Outbox item has no ${name} attribute`);
  return value;
};

/** Reads an outbox item (from a query or a stream image) back into a validated envelope. */
export const fromOutboxItem = (item: Record<string, AttributeValue>): AnyEventEnvelope => {
  const schemaVersion = item.schemaVersion?.N;
  if (schemaVersion === undefined) throw new TypeError('Outbox item has no schemaVersion attribute');
  return parseEnvelope({
    eventId: text(item, 'eventId'),
    eventType: text(item, 'eventType'),
    source: text(item, 'source'),
    occurredAt: text(item, 'occurredAt'),
    correlationId: text(item, 'correlationId'),
    causationId: text(item, 'causationId'),
    schemaVersion: Number(schemaVersion),
    data: JSON.parse(text(item, 'data')),
  });
};

export const isPendingOutboxItem = (item: Record<string, AttributeValue> | undefined): boolean =>
  item?.status?.S === 'PENDING';
