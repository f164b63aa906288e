import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { getEnv, getIntEnv } from '../config/getEnv';
import { deadLetterQueueFromEnv } from '../deadLetter/buildSqsDeadLetterQueue';
import type { DeadLetterQueue } from '../deadLetter/DeadLetterQueue';
import { boundReason } from '../deadLetter/shapeParkedMessage';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { loadFaultPlans } from '../faults/loadFaultPlans';
import { withPublisherFaults } from '../faults/withPublisherFaults';
import { logger } from '../logging/logger';
import { flushMetrics } from '../observability/flushMetrics';
import { metrics } from '../observability/metrics';
import { outboxLagSeconds } from '../observability/outboxLagSeconds';
import { buildEventBridgePublisher } from '../outbox/buildEventBridgePublisher';
import { buildOutboxRepository } from '../outbox/buildOutboxRepository';
import { confirmPublication } from '../outbox/confirmPublication';
import { fromOutboxItem, isPendingOutboxItem } from '../outbox/outboxItem';
import { type PublishOutboxDependencies, publishOutboxEvents } from '../outbox/publishOutboxEvents';
import { sweepOutbox } from '../outbox/sweepOutbox';
import { dynamoClient, eventBridgeClient, sqsClient } from '../runtime/awsClients';
import { systemClock } from '../runtime/Clock';
import { withLambdaContext } from './withLambdaContext';

type OutboxImage = Parameters<typeof fromOutboxItem>[0];

/** Wired once per cold start from the function's own environment. */
const wireOutbox = () => ({
  outbox: buildOutboxRepository(dynamoClient(), getEnv('OUTBOX_TABLE')),
  publisher: withPublisherFaults(
    buildEventBridgePublisher(eventBridgeClient(), getEnv('EVENT_BUS_NAME')),
    loadFaultPlans(),
  ),
  clock: systemClock,
});

/**
 * Stream-triggered relay: publishes new outbox items in real time. An event the publisher could not
 * put on the bus (after its own retries of rejected entries) stays pending for the sweeper: reporting
 * it as a batch item failure would hold every later record of the shard, whichever order it belongs
 * to, while the stream retries it with backoff (on LocalStack under the chaos suite's failed
 * publishes, the orders relay's p50 grew to 17 s). An unreadable record is parked; only one that
 * could not be parked is retried.
 */
export const buildRelay = ({
  deadLetters,
  ...dependencies
}: PublishOutboxDependencies & { readonly deadLetters: DeadLetterQueue }) => {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const envelopes: AnyEventEnvelope[] = [];
    // Records that failed on their own (a park that failed): only they are retried.
    const failedRecords: DynamoDBRecord[] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage as OutboxImage | undefined;
      if (record.eventName !== 'INSERT' || !image || !isPendingOutboxItem(image)) continue;
      try {
        const envelope = fromOutboxItem(image);
        envelopes.push(envelope);
      } catch (error) {
        const reason = boundReason(
          `Unreadable outbox record: ${error instanceof Error ? error.message : String(error)}`,
        );
        try {
          await deadLetters.park({
            reason,
            source: 'outbox-stream',
            payload: record,
            // Both stay the same when the stream retries the record.
            deliveryId: record.eventID ?? record.dynamodb?.SequenceNumber ?? '',
          });
          logger.error('Unreadable outbox record parked in the dead-letter queue', { reason });
        } catch (parkError) {
          logger.error('Unreadable outbox record could not be parked; it will be retried', {
            reason,
            error: parkError,
          });
          failedRecords.push(record);
        }
      }
    }
    let failed: number;
    try {
      const summary = await publishOutboxEvents(dependencies, envelopes);
      if (summary.failed.length > 0 || summary.unmarked.length > 0)
        logger.warn('Relay left events pending for the sweeper', { ...summary });
      logger.info('Relay published', { published: summary.published });
      metrics.addMetric('OutboxEventsPublished', MetricUnit.Count, summary.published);
      failed = summary.failed.length;
    } catch (error) {
      // The bus or the table failed as a whole: every event of the batch stays pending for the sweeper.
      logger.error('Relay could not publish the batch; its events stay pending for the sweeper', {
        error,
        eventIds: envelopes.map(({ eventId }) => eventId),
      });
      failed = envelopes.length;
    }
    metrics.addMetric('OutboxPublishFailures', MetricUnit.Count, failed);
    flushMetrics();
    const batchItemFailures = failedRecords.flatMap((record) => {
      const sequence = record.dynamodb?.SequenceNumber;
      return sequence ? [{ itemIdentifier: sequence }] : [];
    });
    return { batchItemFailures };
  };
};

export const buildRelayHandler = () =>
  withLambdaContext(buildRelay({ ...wireOutbox(), deadLetters: deadLetterQueueFromEnv(sqsClient()) }));

/** Scheduled sweeper: the safety net for anything the relay (or pipe) did not publish. */
export const buildSweeperHandler = () => {
  const dependencies = wireOutbox();
  const options = {
    graceMs: getIntEnv('SWEEP_GRACE_SECONDS', 30) * 1000,
    maxEvents: getIntEnv('SWEEP_MAX_EVENTS', 500),
  };
  return withLambdaContext(async () => {
    const summary = await sweepOutbox(dependencies, options);
    if (summary.found > 0) logger.warn('Sweeper published events the real-time path missed', { ...summary });
    // The sweeper sees events older than its grace period, oldest first: their age is the outbox lag.
    metrics.addMetric(
      'OutboxLag',
      MetricUnit.Seconds,
      outboxLagSeconds(dependencies.clock(), summary.oldestOccurredAt),
    );
    metrics.addMetric('OutboxEventsSwept', MetricUnit.Count, summary.published);
    flushMetrics();
    return summary;
  });
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * publisher: pipe. The service's own events come back from the bus through a queue, and each valid
 * one marks its outbox item published. Invalid copies are logged and left to the sweeper.
 */
export const buildConfirmPublishedHandler = () => {
  const dependencies = {
    outbox: buildOutboxRepository(dynamoClient(), getEnv('OUTBOX_TABLE')),
    clock: systemClock,
  };
  return withLambdaContext(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const seen = event.Records.map((record) => ({
      messageId: record.messageId,
      detail: (parseJson(record.body) as { detail?: unknown } | undefined)?.detail,
    }));
    let outcome: Awaited<ReturnType<typeof confirmPublication>>;
    try {
      outcome = await confirmPublication(dependencies, seen);
    } catch (error) {
      // The outbox could not be written at all: retry every message, throw nothing.
      logger.error('Publications could not be recorded; they will be redelivered', { error });
      outcome = { retry: seen.map(({ messageId }) => messageId), rejected: [] };
    }
    const { retry, rejected } = outcome;
    for (const { messageId, reason } of rejected)
      logger.error(
        'Event on the bus is not a valid envelope; its outbox item stays pending for the sweeper',
        { messageId, reason: boundReason(reason) },
      );
    metrics.addMetric(
      'OutboxEventsConfirmed',
      MetricUnit.Count,
      seen.length - retry.length - rejected.length,
    );
    metrics.addMetric('OutboxConfirmationsRejected', MetricUnit.Count, rejected.length);
    flushMetrics();
    return { batchItemFailures: retry.map((itemIdentifier) => ({ itemIdentifier })) };
  });
};
