import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig } from './awsClientConfig';

export interface DeadLetter {
  readonly queueUrl: string;
  /**
   * One per copy in the queue. Parking is at least once: a batch cut short after parking is
   * delivered again and parks its poison again, under the same deliveryId; those copies are one letter.
   */
  readonly receiptHandles: readonly string[];
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
 * A letter's body as an object. A message SQS moved here itself (after maxReceiveCount) is the
 * inbox's original, which need not be a JSON object (a poison whose parking kept failing): it is
 * kept whole as `unparsed`, so reading the queue never fails on it.
 */
const parseBody = (text: string): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: kept as text below.
  }
  return { unparsed: text };
};

/** One queue's messages as letters, the copies of one parked delivery merged into one. */
export const toDeadLetters = (queueUrl: string, messages: readonly Message[]): DeadLetter[] => {
  const byKey = new Map<string, DeadLetter>();
  for (const message of messages) {
    const body = parseBody(message.Body ?? '{}');
    const key =
      typeof body.deliveryId === 'string' && body.deliveryId !== ''
        ? `delivery:${body.deliveryId}`
        : `message:${message.MessageId}`;
    const receiptHandle = message.ReceiptHandle ?? '';
    const known = byKey.get(key);
    byKey.set(
      key,
      known
        ? { ...known, receiptHandles: [...known.receiptHandles, receiptHandle] }
        : { queueUrl, receiptHandles: [receiptHandle], body, ...classify(body) },
    );
  }
  return [...byKey.values()];
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
      const seen = new Map<string, Message>();
      for (let page = 0; page < 50; page++) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 5 }),
        );
        const fresh = Messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
        if (fresh.length === 0) break;
        for (const message of fresh) seen.set(message.MessageId as string, message);
      }
      letters.push(...toDeadLetters(queueUrl, [...seen.values()]));
    }
  } finally {
    client.destroy();
  }
  return letters;
};

export const deleteDeadLetters = async (letters: readonly DeadLetter[]) => {
  const client = new SQSClient(awsClientConfig);
  try {
    for (const { queueUrl, receiptHandles } of letters) {
      for (const receiptHandle of receiptHandles) {
        await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
      }
    }
  } finally {
    client.destroy();
  }
};
