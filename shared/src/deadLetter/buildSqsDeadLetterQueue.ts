import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterQueue } from './DeadLetterQueue';

export const buildSqsDeadLetterQueue = (client: SQSClient, queueUrl: string): DeadLetterQueue => ({
  async park({ reason, source, payload }) {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({ parkedAt: new Date().toISOString(), reason, source, payload }),
        MessageAttributes: { reason: { DataType: 'String', StringValue: reason.slice(0, 256) } },
      }),
    );
  },
});
