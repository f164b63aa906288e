import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { getEnv } from '../config/getEnv';
import { buildSqsDeadLetterQueue } from '../deadLetter/buildSqsDeadLetterQueue';
import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { EventType } from '../events/eventRegistry';
import { parseEnvelope } from '../events/parseEnvelope';
import { logger } from '../logging/logger';
import { flushMetrics } from '../observability/flushMetrics';
import { metrics } from '../observability/metrics';
import { sqsClient } from '../runtime/awsClients';

/**
 * Wraps a consumer fed by its own SQS queue (bus rule → queue → this function). Each message is an
 * EventBridge event whose `detail` is the envelope. A message that fails is reported as a batch item
 * failure: SQS redelivers it after its visibility timeout, and after the queue's maxReceiveCount it
 * moves to the service's DLQ. An event that breaks its contract can never succeed: it is parked in
 * the DLQ at once with the reason, logged once, and acknowledged, so it neither loops nor blocks.
 */
export const queueEventHandler = <T extends AnyEventEnvelope>(
  accepted: readonly T['eventType'][],
  useCase: (envelope: T) => Promise<unknown>,
) => {
  const deadLetters = buildSqsDeadLetterQueue(sqsClient(), getEnv('DLQ_URL'));

  const handleRecord = async (record: SQSRecord): Promise<boolean> => {
    let event: { detail?: unknown } = {};
    try {
      event = JSON.parse(record.body) as { detail?: unknown };
      const envelope = parseEnvelope(event.detail, accepted as readonly EventType[]) as T;
      logger.appendKeys({
        eventId: envelope.eventId,
        eventType: envelope.eventType,
        correlationId: envelope.correlationId,
        orderId: envelope.correlationId,
      });
      const outcome = await useCase(envelope);
      logger.info('Event handled', { outcome, receiveCount: record.attributes.ApproximateReceiveCount });
      metrics.addMetric(
        outcome === 'duplicate' ? 'EventsDuplicateSkipped' : 'EventsProcessed',
        MetricUnit.Count,
        1,
      );
      return true;
    } catch (error) {
      if (error instanceof InvalidEventError || error instanceof SyntaxError) {
        await deadLetters.park({
          reason: error.message,
          source: 'eventbridge',
          payload: event.detail ?? record.body,
        });
        logger.error('Invalid event parked in the dead-letter queue', { reason: error.message });
        metrics.addMetric('EventsParked', MetricUnit.Count, 1);
        return true;
      }
      logger.error('Event handling failed; it will be redelivered', { error });
      metrics.addMetric('EventsFailed', MetricUnit.Count, 1);
      return false;
    } finally {
      logger.resetKeys();
    }
  };

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures = [];
    for (const record of event.Records) {
      if (!(await handleRecord(record))) batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    flushMetrics();
    return { batchItemFailures };
  };
};
