import type { EventBridgeEvent } from 'aws-lambda';
import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { EventType } from '../events/eventContracts';
import { parseEnvelope } from '../events/parseEnvelope';
import { logger } from '../logging/logger';

/**
 * Wraps a bus consumer: validates the envelope against its contract and tags every log line with
 * the saga's ids. An event that breaks its contract can never succeed, so it is logged and
 * dropped rather than retried; any other error fails the invocation so the platform redelivers.
 */
export const eventHandler =
  <T extends AnyEventEnvelope>(
    accepted: readonly T['eventType'][],
    useCase: (envelope: T) => Promise<unknown>,
  ) =>
  async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    try {
      const envelope = parseEnvelope(event.detail, accepted as readonly EventType[]) as T;
      logger.appendKeys({
        eventId: envelope.eventId,
        eventType: envelope.eventType,
        correlationId: envelope.correlationId,
        orderId: envelope.correlationId,
      });
      const outcome = await useCase(envelope);
      logger.info('Event handled', { outcome });
    } catch (error) {
      if (error instanceof InvalidEventError) {
        logger.error('Rejected invalid event', { reason: error.message, detail: event.detail });
        return;
      }
      logger.error('Event handling failed; will be redelivered', { error });
      throw error;
    } finally {
      logger.resetKeys();
    }
  };
