import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from './awsClientConfig';

export interface DeadLetter {
  readonly queueUrl: string;
  readonly receiptHandle: string;
  readonly body: Record<string, unknown>;
  /** Why it is there, as far as the message says. */
  readonly kind: 'parked-invalid-event' | 'injected-fault' | 'other';
  readonly summary: string;
}

const classify = (body: Record<string, unknown>): Pick<DeadLetter, 'kind' | 'summary'> => {
  if (typeof body.reason === 'string' && body.source === 'eventbridge') {
    return { kind: 'parked-invalid-event', summary: body.reason };
  }
  // A Lambda async on-failure destination record carries the function's error.
  const response = JSON.stringify(body.responsePayload ?? body.ErrorMessage ?? body.requestContext ?? '');
  if (response.includes('InjectedFaultError'))
    return { kind: 'injected-fault', summary: response.slice(0, 200) };
  return { kind: 'other', summary: JSON.stringify(body).slice(0, 300) };
};

/**
 * Reads (without deleting) every message in the given queues. Each read hides what it saw for a
 * few seconds only, so readers running side by side (tests sharing a deployment) each see their
 * own letters when they look again.
 */
export const readDeadLetters = async (queueUrls: readonly string[]): Promise<DeadLetter[]> => {
  const client = new SQSClient(awsClientConfig);
  const letters: DeadLetter[] = [];
  try {
    for (const queueUrl of queueUrls) {
      const seen = new Set<string>();
      for (let page = 0; page < 50; page++) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 5 }),
        );
        const fresh = Messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
        if (fresh.length === 0) break;
        for (const message of fresh) {
          seen.add(message.MessageId as string);
          const body = JSON.parse(message.Body ?? '{}') as Record<string, unknown>;
          letters.push({ queueUrl, receiptHandle: message.ReceiptHandle ?? '', body, ...classify(body) });
        }
      }
    }
  } finally {
    client.destroy();
  }
  return letters;
};

export const deleteDeadLetters = async (letters: readonly DeadLetter[]) => {
  const client = new SQSClient(awsClientConfig);
  try {
    for (const { queueUrl, receiptHandle } of letters) {
      await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    }
  } finally {
    client.destroy();
  }
};
