import type { DynamoDBStreamEvent } from 'aws-lambda';
import { getEnv, getIntEnv } from '../config/getEnv';
import { logger } from '../logging/logger';
import { buildEventBridgePublisher } from '../outbox/buildEventBridgePublisher';
import { buildOutboxRepository } from '../outbox/buildOutboxRepository';
import { fromOutboxItem, isPendingOutboxItem } from '../outbox/outboxItem';
import { publishOutboxEvents } from '../outbox/publishOutboxEvents';
import { sweepOutbox } from '../outbox/sweepOutbox';
import { dynamoClient, eventBridgeClient } from '../runtime/awsClients';
import { systemClock } from '../runtime/Clock';

/** Wired once per cold start from the function's own environment. */
const wireOutbox = () => ({
  outbox: buildOutboxRepository(dynamoClient(), getEnv('OUTBOX_TABLE')),
  publisher: buildEventBridgePublisher(eventBridgeClient(), getEnv('EVENT_BUS_NAME')),
  clock: systemClock,
});

/** Stream-triggered relay: publishes new outbox items in real time. Never fails the batch. */
export const buildRelayHandler = () => {
  const dependencies = wireOutbox();
  return async (event: DynamoDBStreamEvent) => {
    const envelopes = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage as Parameters<typeof fromOutboxItem>[0] | undefined;
      if (record.eventName !== 'INSERT' || !isPendingOutboxItem(image)) continue;
      try {
        envelopes.push(fromOutboxItem(image as Parameters<typeof fromOutboxItem>[0]));
      } catch (error) {
        logger.error('Unreadable outbox record left for inspection', { error, eventId: image?.eventId?.S });
      }
    }
    const summary = await publishOutboxEvents(dependencies, envelopes);
    // Failed or unmarked events stay pending; the sweeper publishes them later.
    if (summary.failed.length > 0 || summary.unmarked.length > 0)
      logger.warn('Relay left events pending', { ...summary });
    logger.info('Relay published', { published: summary.published });
    return { batchItemFailures: [] };
  };
};

/** Scheduled sweeper: the safety net for anything the relay (or pipe) did not publish. */
export const buildSweeperHandler = () => {
  const dependencies = wireOutbox();
  const options = {
    graceMs: getIntEnv('SWEEP_GRACE_SECONDS', 30) * 1000,
    maxEvents: getIntEnv('SWEEP_MAX_EVENTS', 500),
  };
  return async () => {
    const summary = await sweepOutbox(dependencies, options);
    if (summary.found > 0) logger.warn('Sweeper published events the real-time path missed', { ...summary });
    return summary;
  };
};
