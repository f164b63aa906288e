import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type EventPublisher, fromOutboxItem, scanSparseIndex, shardKey } from '@saga/shared';
import type {
  AwaitingVerification,
  ParticipantEffects,
  ParticipantEffectsReader,
  PaymentStatus,
  ReservationStatus,
  TerminalEventRepublisher,
  VerificationQueue,
} from '../ports/SagaVerification';
import { BATCH_GET_KEY_LIMIT, batchGetConsistent } from './batchGetConsistent';

/**
 * Present on an order only from the moment it becomes terminal until its effects are verified, so
 * VerificationIndex (a sparse GSI on the orders table) holds just the orders still to check.
 * Write-sharded by orderId (`AWAITING#042`, writeShards.ts) so its writes spread; the reconciler scans it.
 */
export const VERIFICATION_INDEX = 'VerificationIndex';
export const AWAITING_ATTRIBUTE = 'awaitingVerification';
export const AWAITING_PREFIX = 'AWAITING';
export const VERIFY_SINCE_ATTRIBUTE = 'verifySince';

/** The attributes an order gets when it becomes terminal (written with the order, in its transaction). */
export const awaitingVerificationAttributes = (
  orderId: string,
  terminalAt: string,
  terminalEventId: string,
) => ({
  [AWAITING_ATTRIBUTE]: shardKey(AWAITING_PREFIX, orderId),
  [VERIFY_SINCE_ATTRIBUTE]: terminalAt,
  terminalEventId,
  reconcileAttempts: 0,
});

export const buildVerificationQueue = (client: DynamoDBClient, ordersTable: string): VerificationQueue => ({
  async findDue(before, limit) {
    // VerificationIndex is sparse (verified orders leave it): a Scan reads just what is left to check.
    const items = await scanSparseIndex(client, {
      input: {
        TableName: ordersTable,
        IndexName: VERIFICATION_INDEX,
        FilterExpression: '#s < :before',
        ExpressionAttributeNames: { '#s': VERIFY_SINCE_ATTRIBUTE },
        ExpressionAttributeValues: { ':before': { S: before.toISOString() } },
      },
      limit,
      // Longest waiting first, ties by orderId.
      compare: (a, b) =>
        (a[VERIFY_SINCE_ATTRIBUTE]?.S ?? '').localeCompare(b[VERIFY_SINCE_ATTRIBUTE]?.S ?? '') ||
        (a.orderId?.S ?? '').localeCompare(b.orderId?.S ?? ''),
    });
    const rows = items.map((item) => unmarshall(item));
    return rows.map((row) => ({
      orderId: String(row.orderId),
      status: row.status as AwaitingVerification['status'],
      terminalEventId: String(row.terminalEventId),
      attempts: Number(row.reconcileAttempts ?? 0),
    }));
  },
  async markVerified(orderId) {
    await client.send(
      new UpdateItemCommand({
        TableName: ordersTable,
        Key: { orderId: { S: orderId } },
        UpdateExpression: 'REMOVE #a, #s',
        ConditionExpression: 'attribute_exists(orderId)',
        ExpressionAttributeNames: { '#a': AWAITING_ATTRIBUTE, '#s': VERIFY_SINCE_ATTRIBUTE },
      }),
    );
  },
  async recordRepair(orderId, at, attempts) {
    await client.send(
      new UpdateItemCommand({
        TableName: ordersTable,
        Key: { orderId: { S: orderId } },
        UpdateExpression: 'SET #s = :at, reconcileAttempts = :n',
        ConditionExpression: 'attribute_exists(#a)',
        ExpressionAttributeNames: { '#a': AWAITING_ATTRIBUTE, '#s': VERIFY_SINCE_ATTRIBUTE },
        ExpressionAttributeValues: { ':at': { S: at.toISOString() }, ':n': { N: String(attempts) } },
      }),
    );
  },
});

export interface ParticipantTables {
  readonly reservations: string;
  readonly payments: string;
  readonly awards: string;
}

/** Read-only, by key, one status attribute each: the role grants BatchGetItem on these three tables only. */
export const buildParticipantEffectsReader = (
  client: DynamoDBClient,
  tables: ParticipantTables,
): ParticipantEffectsReader => {
  const asked = (orderIds: readonly string[]) => ({
    Keys: orderIds.map((orderId) => ({ orderId: { S: orderId } })),
    ProjectionExpression: 'orderId, #s',
    ExpressionAttributeNames: { '#s': 'status' },
  });
  /** Each order's status in each table: one BatchGetItem for up to 33 orders (3 keys each). */
  const readChunk = async (orderIds: readonly string[]) => {
    const found = await batchGetConsistent(client, {
      [tables.reservations]: asked(orderIds),
      [tables.payments]: asked(orderIds),
      [tables.awards]: asked(orderIds),
    });
    const statusOf = (table: string) =>
      new Map(
        (found[table] ?? []).map((item) => [item.orderId?.S ?? '', item.status?.S ?? 'PRESENT'] as const),
      );
    return {
      reservations: statusOf(tables.reservations),
      payments: statusOf(tables.payments),
      awards: statusOf(tables.awards),
    };
  };
  return {
    async readMany(orderIds) {
      const unique = [...new Set(orderIds)];
      const perRequest = Math.floor(BATCH_GET_KEY_LIMIT / 3);
      const chunks: string[][] = [];
      for (let start = 0; start < unique.length; start += perRequest)
        chunks.push(unique.slice(start, start + perRequest));
      const effects = new Map<string, ParticipantEffects>();
      for (const chunk of chunks) {
        const { reservations, payments, awards } = await readChunk(chunk);
        for (const orderId of chunk)
          effects.set(orderId, {
            reservation: reservations.get(orderId) as ReservationStatus | undefined,
            payment: payments.get(orderId) as PaymentStatus | undefined,
            awarded: awards.has(orderId),
          });
      }
      return effects;
    },
  };
};

/** The terminal event, read back from this service's outbox and put on the bus as the relay does. */
export const buildTerminalEventRepublisher = (
  client: DynamoDBClient,
  outboxTable: string,
  publisher: EventPublisher,
): TerminalEventRepublisher => ({
  async republish(eventId) {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: outboxTable, Key: { eventId: { S: eventId } }, ConsistentRead: true }),
    );
    if (!Item) return false;
    const result = await publisher.publish([fromOutboxItem(Item)]);
    return result.published.includes(eventId);
  },
});
