import { setTimeout as delay } from 'node:timers/promises';
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  UpdateItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { scanSparseIndex } from '../dynamo/scanSparseIndex';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { logger } from '../logging/logger';
import type { OutboxRepository } from './OutboxRepository';
import { fromOutboxItem, PENDING_INDEX, PENDING_PARTITION_ATTRIBUTE, toOutboxItem } from './outboxItem';

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

  /** Writes one batch; returns the ids still unwritten after the bounded retries. */
  const writeBatch = async (batch: WriteRequest[]): Promise<string[]> => {
    let left = batch;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: left } }));
        left = result.UnprocessedItems?.[tableName] ?? [];
      } catch {
        // The request failed as a whole: its events stay pending (the caller retries or the sweeper does).
        return left.map(eventIdOf);
      }
      if (left.length === 0) return [];
      if (attempt >= UNPROCESSED_RETRIES) return left.map(eventIdOf);
      await delay(UNPROCESSED_BACKOFF_MS * 2 ** attempt);
    }
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
      // The pending index is sparse (published items leave it): a Scan reads just the backlog, oldest
      // first overall, ties by eventId.
      const items = await scanSparseIndex(client, {
        input: {
          TableName: tableName,
          IndexName: PENDING_INDEX,
          FilterExpression: 'occurredAt <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': { S: cutoff.toISOString() } },
        },
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

    /**
     * One BatchWriteItem per 25 events, each a Put of the published item rebuilt from its envelope,
     * instead of one conditional UpdateItem per event. Dropping `attribute_exists(eventId)` is safe:
     * an item never changes after its transaction wrote it except for its publication state, and
     * only TTL deletes it, a week after publication. So the Put writes what the update would have
     * (relay, sweeper and confirmation alike: same content, a later `publishedAt` at most). An id
     * with no item (a confirmation arriving after TTL) gets a PUBLISHED record outside the pending
     * index that expires in its turn; neither publisher takes it (both take PENDING inserts only).
     */
    async markPublished(envelopes, publishedAt) {
      const ttl = String(Math.floor(publishedAt.getTime() / 1000) + PUBLISHED_RETENTION_SECONDS);
      const requests = new Map<string, WriteRequest>();
      for (const envelope of envelopes) {
        // Leaving out the pending key drops the item from the sparse pending index.
        const { [PENDING_PARTITION_ATTRIBUTE]: _pending, ...item } = toOutboxItem(envelope);
        requests.set(envelope.eventId, {
          PutRequest: {
            Item: {
              ...item,
              status: { S: 'PUBLISHED' },
              publishedAt: { S: publishedAt.toISOString() },
              ttl: { N: ttl },
            },
          },
        });
      }
      const chunks: WriteRequest[][] = [];
      const all = [...requests.values()];
      for (let index = 0; index < all.length; index += BATCH_WRITE_LIMIT)
        chunks.push(all.slice(index, index + BATCH_WRITE_LIMIT));
      const unmarked = await Promise.all(chunks.map(writeBatch));
      return unmarked.flat();
    },
  };
};

/** BatchWriteItem's limit per request. */
const BATCH_WRITE_LIMIT = 25;
/** Retries of the items DynamoDB left unprocessed (throttling), with a short doubling pause. */
const UNPROCESSED_RETRIES = 3;
const UNPROCESSED_BACKOFF_MS = 50;

const eventIdOf = (request: WriteRequest) => request.PutRequest?.Item?.eventId?.S ?? '';
