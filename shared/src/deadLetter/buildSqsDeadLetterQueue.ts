import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { getEnv } from '../config/getEnv';
import { ConfigurationError } from '../errors/ConfigurationError';
import type { DeadLetterQueue } from './DeadLetterQueue';
import { ATTRIBUTE_ALLOWANCE_BYTES, shapeParkedMessage, truncateUtf8 } from './shapeParkedMessage';

/**
 * `maxMessageBytes` is the queue's declared MaximumMessageSize (shared/infra/dlq-limits.yml): every
 * parked message is shaped to fit it, so parking never fails on size.
 */
export const buildSqsDeadLetterQueue = (
  client: SQSClient,
  queueUrl: string,
  maxMessageBytes: number,
): DeadLetterQueue => ({
  async park({ reason, source, payload, deliveryId }) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: shapeParkedMessage(
          { parkedAt: new Date().toISOString(), reason, source, payload, deliveryId },
          maxMessageBytes,
        ),
        MessageAttributes: { reason: { DataType: 'String', StringValue: truncateUtf8(reason, 256) } },
      }),
    );
  },
});

/** The function's own service DLQ, from the environment every service function gets. */
export const deadLetterQueueFromEnv = (client: SQSClient): DeadLetterQueue => {
  const raw = getEnv('DLQ_MAX_MESSAGE_BYTES');
  const size = Number(raw);
  if (!Number.isInteger(size) || size <= ATTRIBUTE_ALLOWANCE_BYTES) {
    throw new ConfigurationError(
      `DLQ_MAX_MESSAGE_BYTES must be an integer above ${ATTRIBUTE_ALLOWANCE_BYTES}, got "${raw}"`,
    );
  }
  return buildSqsDeadLetterQueue(client, getEnv('DLQ_URL'), size);
};
