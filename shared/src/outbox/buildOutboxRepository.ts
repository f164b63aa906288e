import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { allShardKeys, dynamoShardReader, queryShards } from '../dynamo/writeShards';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { logger } from '../logging/logger';
import type { OutboxRepository } from './OutboxRepository';
import {
  fromOutboxItem,
  PENDING_INDEX,
  PENDING_PARTITION_ATTRIBUTE,
  PENDING_PARTITION_PREFIX,
  toOutboxItem,
} from './outboxItem';

/** Published items stay a week for audit, then DynamoDB TTL removes them. */
const PUBLISHED_RETENTION_SECONDS = 7 * 24 * 60 * 60;

export const buildOutboxRepository = (client: DynamoDBClient, tableName: string): OutboxRepository => {
  /**
   * An item that is not a valid envelope can never be published: it leaves the pending index as
   * UNREADABLE (kept for inspection), so it is reported once instead of failing every sweep.
   */
  const setAside = async (eventId: string, error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error('Unreadable outbox item set aside', { eventId, reason });
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { eventId: { S: eventId } },
        UpdateExpression: 'SET #status = :unreadable, unreadableReason = :reason REMOVE #p',
        ConditionExpression: 'attribute_exists(eventId)',
        ExpressionAttributeNames: { '#status': 'status', '#p': PENDING_PARTITION_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':unreadable': { S: 'UNREADABLE' },
          ':reason': { S: reason.slice(0, 1000) },
        },
      }),
    );
  };

  return {
    putItems: (envelopes) =>
      envelopes.map((envelope) => ({
        Put: {
          TableName: tableName,
          Item: toOutboxItem(envelope),
          ConditionExpression: 'attribute_not_exists(eventId)',
        },
      })),

    async findUnpublished(cutoff, limit) {
      // Every shard of the pending key, oldest first overall (ties by eventId, as a shard orders them).
      const { items } = await queryShards({
        partitionKeys: allShardKeys(PENDING_PARTITION_PREFIX),
        read: dynamoShardReader(
          client,
          {
            TableName: tableName,
            IndexName: PENDING_INDEX,
            KeyConditionExpression: '#p = :pending AND occurredAt <= :cutoff',
            ExpressionAttributeNames: { '#p': PENDING_PARTITION_ATTRIBUTE },
            ExpressionAttributeValues: { ':cutoff': { S: cutoff.toISOString() } },
          },
          ':pending',
        ),
        limit,
        compare: (a, b) =>
          (a.occurredAt?.S ?? '').localeCompare(b.occurredAt?.S ?? '') ||
          (a.eventId?.S ?? '').localeCompare(b.eventId?.S ?? ''),
      });
      const found: AnyEventEnvelope[] = [];
      for (const item of items) {
        try {
          found.push(fromOutboxItem(item));
        } catch (error) {
          await setAside(item.eventId?.S ?? '', error);
        }
      }
      return found;
    },

    async markPublished(eventIds, publishedAt) {
      const results = await Promise.allSettled(
        eventIds.map((eventId) =>
          client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: { eventId: { S: eventId } },
              UpdateExpression: 'SET #status = :published, publishedAt = :at, #ttl = :ttl REMOVE #p',
              ConditionExpression: 'attribute_exists(eventId)',
              ExpressionAttributeNames: {
                '#status': 'status',
                '#ttl': 'ttl',
                '#p': PENDING_PARTITION_ATTRIBUTE,
              },
              ExpressionAttributeValues: {
                ':published': { S: 'PUBLISHED' },
                ':at': { S: publishedAt.toISOString() },
                ':ttl': { N: String(Math.floor(publishedAt.getTime() / 1000) + PUBLISHED_RETENTION_SECONDS) },
              },
            }),
          ),
        ),
      );
      // No such item (never ours, or already expired): nothing is pending, so nothing to retry.
      return eventIds.filter((_, index) => {
        const result = results[index];
        return result?.status === 'rejected' && !(result.reason instanceof ConditionalCheckFailedException);
      });
    },
  };
};
