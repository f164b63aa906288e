import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { logger } from '../logging/logger';
import type { OutboxRepository } from './OutboxRepository';
import {
  fromOutboxItem,
  PENDING_INDEX,
  PENDING_PARTITION_ATTRIBUTE,
  PENDING_PARTITION_VALUE,
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
      const found: AnyEventEnvelope[] = [];
      if (limit <= 0) return found;
      let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: PENDING_INDEX,
            KeyConditionExpression: '#p = :pending AND occurredAt <= :cutoff',
            ExpressionAttributeNames: { '#p': PENDING_PARTITION_ATTRIBUTE },
            ExpressionAttributeValues: {
              ':pending': { S: PENDING_PARTITION_VALUE },
              ':cutoff': { S: cutoff.toISOString() },
            },
            Limit: limit - found.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          try {
            found.push(fromOutboxItem(item));
          } catch (error) {
            await setAside(item.eventId?.S ?? '', error);
          }
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && found.length < limit);
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
