import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { shardKey } from '../dynamo/writeShards';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { parseEnvelope } from '../events/parseEnvelope';

/**
 * Present only while an event is unpublished, so the index holds nothing else (a sparse index).
 * Write-sharded by eventId (`PENDING#042`, writeShards.ts) so its writes spread; the sweeper scans it.
 */
export const PENDING_PARTITION_ATTRIBUTE = 'pendingPartition';
export const PENDING_PARTITION_PREFIX = 'PENDING';
export const PENDING_INDEX = 'PendingIndex';

/** The pending index key of an event: its shard of `PENDING`. */
export const pendingPartitionOf = (eventId: string): string => shardKey(PENDING_PARTITION_PREFIX, eventId);

/**
 * The stored shape is the envelope itself, one attribute per field, so both publishers build the
 * same `detail` from it: the relay in code, the EventBridge Pipe with its input template. `data` is
 * JSON text because a pipe cannot turn a DynamoDB map back into plain JSON. Header values need no
 * escaping in the template: the event contract (parseEnvelope, run by createEnvelope) restricts them.
 */
export const toOutboxItem = (envelope: AnyEventEnvelope): Record<string, AttributeValue> => ({
  eventId: { S: envelope.eventId },
  eventType: { S: envelope.eventType },
  source: { S: envelope.source },
  occurredAt: { S: envelope.occurredAt },
  correlationId: { S: envelope.correlationId },
  causationId: { S: envelope.causationId },
  schemaVersion: { N: String(envelope.schemaVersion) },
  data: { S: JSON.stringify(envelope.data) },
  status: { S: 'PENDING' },
  [PENDING_PARTITION_ATTRIBUTE]: { S: pendingPartitionOf(envelope.eventId) },
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
