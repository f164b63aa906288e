import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { parseEnvelope } from '../events/parseEnvelope';

/** Present only while an event is unpublished, so the index holds nothing else (a sparse index). */
export const PENDING_PARTITION_ATTRIBUTE = 'pendingPartition';
export const PENDING_PARTITION_VALUE = 'PENDING';
export const PENDING_INDEX = 'PendingIndex';

/** The stored shape: the envelope verbatim (what gets published) plus attributes to index and read. */
export const toOutboxItem = (envelope: AnyEventEnvelope): Record<string, AttributeValue> => ({
  eventId: { S: envelope.eventId },
  eventType: { S: envelope.eventType },
  source: { S: envelope.source },
  correlationId: { S: envelope.correlationId },
  occurredAt: { S: envelope.occurredAt },
  envelope: { S: JSON.stringify(envelope) },
  status: { S: 'PENDING' },
  [PENDING_PARTITION_ATTRIBUTE]: { S: PENDING_PARTITION_VALUE },
});

/** Reads an outbox item (from a query or a stream image) back into a validated envelope. */
export const fromOutboxItem = (item: Record<string, AttributeValue>): AnyEventEnvelope => {
  const raw = item.envelope?.S;
  if (raw === undefined) throw new TypeError('Outbox item has no envelope attribute');
  return parseEnvelope(JSON.parse(raw));
};

export const isPendingOutboxItem = (item: Record<string, AttributeValue> | undefined): boolean =>
  item?.status?.S === 'PENDING';
