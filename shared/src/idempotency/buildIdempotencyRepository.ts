import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { IdempotencyRepository } from './IdempotencyRepository';

const SEVEN_DAYS_SECONDS = 7 * 24 * 60 * 60;

export const buildIdempotencyRepository = (
  client: DynamoDBClient,
  tableName: string,
  ttlSeconds = SEVEN_DAYS_SECONDS,
): IdempotencyRepository => ({
  claimItem: (event) => ({
    Put: {
      TableName: tableName,
      Item: {
        eventId: { S: event.eventId },
        eventType: { S: event.eventType },
        aggregateId: { S: event.aggregateId },
        processedAt: { S: event.processedAt.toISOString() },
        ttl: { N: String(Math.floor(event.processedAt.getTime() / 1000) + ttlSeconds) },
      },
      ConditionExpression: 'attribute_not_exists(eventId)',
    },
  }),
  async isProcessed(eventId) {
    const result = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { eventId: { S: eventId } },
        ConsistentRead: true,
        ProjectionExpression: 'eventId',
      }),
    );
    return result.Item !== undefined;
  },
});
