import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { deadLetterQueueFromEnv } from '../deadLetter/buildSqsDeadLetterQueue';
import type { DeadLetterQueue } from '../deadLetter/DeadLetterQueue';
import { boundReason } from '../deadLetter/shapeParkedMessage';
import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { EventType } from '../events/eventRegistry';
import { parseBusEvent } from '../events/parseBusEvent';
import { logger } from '../logging/logger';
import { flushMetrics } from '../observability/flushMetrics';
import { metrics } from '../observability/metrics';
import { sqsClient } from '../runtime/awsClients';
import { withLambdaContext } from './withLambdaContext';

/** What one queue message turned out to be, before any handling. */
type Received<T> =
  | { readonly kind: 'event'; readonly envelope: T }
  | { readonly kind: 'poison'; readonly reason: string; readonly payload: unknown };

/**
 * Reads one message without throwing. Anything that is not an EventBridge event object whose
 * `detail` passes the contract (JSON `null`, a number, an array, text that is not JSON) is poison:
 * it can never succeed, so it is parked at once instead of being retried.
 */
export const readQueueMessage = <T extends AnyEventEnvelope>(
  body: string,
  accepted: readonly T['eventType'][],
): Received<T> => {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch (error) {
    return { kind: 'poison', reason: `Message body is not JSON: ${(error as Error).message}`, payload: body };
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    const shape = event === null ? 'null' : Array.isArray(event) ? 'an array' : `a ${typeof event}`;
    return { kind: 'poison', reason: `Message body is ${shape}, not an event object`, payload: body };
  }
  const detail = (event as { detail?: unknown }).detail;
  try {
    return { kind: 'event', envelope: parseBusEvent(event, accepted as readonly EventType[]) as T };
  } catch (error) {
    if (error instanceof InvalidEventError)
      return { kind: 'poison', reason: error.message, payload: detail ?? event };
    return { kind: 'poison', reason: `Unreadable event: ${String(error)}`, payload: detail ?? event };
  }
};

/** Time kept back at the end of an invocation for the records in progress and the metrics flush. */
const TIME_RESERVE_MS = 3000;

export interface QueueEventHandlerDependencies<T extends AnyEventEnvelope> {
  readonly accepted: readonly T['eventType'][];
  readonly useCase: (envelope: T) => Promise<unknown>;
  readonly deadLetters: DeadLetterQueue;
}

/**
 * A consumer fed by its own SQS queue (bus rule → queue → this function). Each message is an
 * EventBridge event whose `detail` is the envelope. Every record is handled on its own and nothing
 * one record does can throw out of the batch: a message whose handling fails is reported as a batch
 * item failure (redelivered after the visibility timeout, then moved to the DLQ after
 * maxReceiveCount); a poison message is parked in the DLQ at once with a bounded reason, logged
 * once and acknowledged; if parking itself fails, only that message is reported.
 */
export const buildQueueEventHandler = <T extends AnyEventEnvelope>({
  accepted,
  useCase,
  deadLetters,
}: QueueEventHandlerDependencies<T>) => {
  const park = async (
    record: SQSRecord,
    reason: string,
    payload: unknown,
    keys: LogKeys = {},
  ): Promise<boolean> => {
    const bounded = boundReason(reason);
    try {
      await deadLetters.park({
        reason: bounded,
        source: 'eventbridge',
        payload,
        deliveryId: record.messageId,
      });
    } catch (error) {
      logger.error('Invalid event could not be parked; it will be redelivered', {
        ...keys,
        reason: bounded,
        error,
      });
      metrics.addMetric('EventsFailed', MetricUnit.Count, 1);
      return false;
    }
    logger.error('Invalid event parked in the dead-letter queue', { ...keys, reason: bounded });
    metrics.addMetric('EventsParked', MetricUnit.Count, 1);
    return true;
  };

  const handleRecord = async (record: SQSRecord, received: Received<T>): Promise<boolean> => {
    if (received.kind === 'poison') return park(record, received.reason, received.payload);
    const { envelope } = received;
    const keys = logKeysOf(envelope);
    try {
      const outcome = await useCase(envelope);
      logger.info('Event handled', {
        ...keys,
        outcome,
        receiveCount: record.attributes?.ApproximateReceiveCount,
      });
      metrics.addMetric(
        outcome === 'duplicate' ? 'EventsDuplicateSkipped' : 'EventsProcessed',
        MetricUnit.Count,
        1,
      );
      return true;
    } catch (error) {
      // A use case may find the event itself impossible (say, a reply for an order that never existed).
      if (error instanceof InvalidEventError) return park(record, error.message, envelope, keys);
      logger.error('Event handling failed; it will be redelivered', { ...keys, error });
      metrics.addMetric('EventsFailed', MetricUnit.Count, 1);
      return false;
    }
  };

  return withLambdaContext(
    async (
      event: SQSEvent,
      context?: Pick<Context, 'getRemainingTimeInMillis'>,
    ): Promise<SQSBatchResponse> => {
      // A timeout fails the whole batch, done records included: stop starting records near the end
      // and hand the rest back, so they are redelivered on their own.
      const stopAt = context ? Date.now() + context.getRemainingTimeInMillis() - TIME_RESERVE_MS : Infinity;
      const run = async (record: SQSRecord, received: Received<T>): Promise<boolean> => {
        if (Date.now() >= stopAt) return false;
        try {
          return await handleRecord(record, received);
        } catch (error) {
          // Last guard (say, a logger that throws): this record fails alone.
          logger.error('Unexpected error handling a record; it will be redelivered', {
            ...(received.kind === 'event' ? logKeysOf(received.envelope) : {}),
            error,
          });
          return false;
        }
      };
      // Records of one order run one after another in arrival order (a reply never overtakes the
      // one before it); different orders run side by side, so a batch costs about its longest chain
      // instead of the sum of its records. Poison has no order and runs alone.
      const lastOfOrder = new Map<string, Promise<boolean>>();
      const outcomes = event.Records.map((record) => {
        let received: Received<T>;
        try {
          received = readQueueMessage<T>(record.body, accepted);
        } catch (error) {
          // Last guard, as for handling: reading never throws by design; if it does, this record fails alone.
          logger.error('Unexpected error reading a record; it will be redelivered', { error });
          return Promise.resolve(false);
        }
        const orderId = received.kind === 'event' ? received.envelope.correlationId : undefined;
        const previous = orderId === undefined ? undefined : lastOfOrder.get(orderId);
        // A failed record still lets the next one of its order start (each record stands alone).
        const next = () => run(record, received);
        const outcome = previous ? previous.then(next, next) : next();
        if (orderId !== undefined) lastOfOrder.set(orderId, outcome);
        return outcome;
      });
      const settled = await Promise.allSettled(outcomes);
      const batchItemFailures = event.Records.flatMap((record, index) => {
        const result = settled[index];
        return result?.status === 'fulfilled' && result.value ? [] : [{ itemIdentifier: record.messageId }];
      });
      try {
        flushMetrics();
      } catch (error) {
        logger.error('Metrics could not be flushed', { error });
      }
      return { batchItemFailures };
    },
  );
};

/**
 * Per-record log fields, passed with each log call: records run concurrently, so keys appended to
 * the shared logger would bleed from one record's lines into another's.
 */
type LogKeys = Record<string, string>;
const logKeysOf = (envelope: AnyEventEnvelope): LogKeys => ({
  eventId: envelope.eventId,
  eventType: envelope.eventType,
  correlationId: envelope.correlationId,
  orderId: envelope.correlationId,
});

/** Wires the handler to the function's own DLQ at cold start. */
export const queueEventHandler = <T extends AnyEventEnvelope>(
  accepted: readonly T['eventType'][],
  useCase: (envelope: T) => Promise<unknown>,
) => buildQueueEventHandler<T>({ accepted, useCase, deadLetters: deadLetterQueueFromEnv(sqsClient()) });
