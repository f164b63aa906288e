import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  allShardKeys,
  dynamoShardReader,
  type EventPublisher,
  fromOutboxItem,
  queryShards,
  shardKey,
} from '@saga/shared';
import type {
  AwaitingVerification,
  ParticipantEffectsReader,
  PaymentStatus,
  ReservationStatus,
  TerminalEventRepublisher,
  VerificationQueue,
} from '../ports/SagaVerification';

/**
 * Present on an order only from the moment it becomes terminal until its effects are verified, so
 * VerificationIndex (a sparse GSI on the orders table) holds just the orders still to check.
 * Write-sharded by orderId (`AWAITING#042`, writeShards.ts): the reconciler queries every shard.
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
    const { items } = await queryShards({
      partitionKeys: allShardKeys(AWAITING_PREFIX),
      read: dynamoShardReader(
        client,
        {
          TableName: ordersTable,
          IndexName: VERIFICATION_INDEX,
          KeyConditionExpression: '#a = :a AND #s < :before',
          ExpressionAttributeNames: { '#a': AWAITING_ATTRIBUTE, '#s': VERIFY_SINCE_ATTRIBUTE },
          ExpressionAttributeValues: { ':before': { S: before.toISOString() } },
        },
        ':a',
      ),
      limit,
      // Longest waiting first over all shards, ties by orderId.
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

/** Read-only, by key, one status attribute each: the role grants GetItem on these three tables only. */
export const buildParticipantEffectsReader = (
  client: DynamoDBClient,
  tables: ParticipantTables,
): ParticipantEffectsReader => {
  const statusOf = async (table: string, orderId: string): Promise<string | undefined> => {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { orderId: { S: orderId } },
        ProjectionExpression: 'orderId, #s',
        ExpressionAttributeNames: { '#s': 'status' },
        ConsistentRead: true,
      }),
    );
    return Item ? (Item.status?.S ?? 'PRESENT') : undefined;
  };
  return {
    async read(orderId) {
      const [reservation, payment, award] = await Promise.all([
        statusOf(tables.reservations, orderId),
        statusOf(tables.payments, orderId),
        statusOf(tables.awards, orderId),
      ]);
      return {
        reservation: reservation as ReservationStatus | undefined,
        payment: payment as PaymentStatus | undefined,
        awarded: award !== undefined,
      };
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
