import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import type { EventPublisher, PublishResult } from './EventPublisher';

/** PutEvents accepts at most 10 entries per call. */
const MAX_ENTRIES_PER_CALL = 10;

export interface EventBridgePublisherOptions {
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const toPutEventsEntry = (busName: string, envelope: AnyEventEnvelope): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: envelope.source,
  DetailType: envelope.eventType,
  Detail: JSON.stringify(envelope),
  Time: new Date(envelope.occurredAt),
});

export const buildEventBridgePublisher = (
  client: EventBridgeClient,
  busName: string,
  { maxAttempts = 3, sleep = defaultSleep }: EventBridgePublisherOptions = {},
): EventPublisher => {
  /** Sends one chunk, retrying only the entries EventBridge rejected. */
  const publishChunk = async (chunk: readonly AnyEventEnvelope[], result: PublishResult) => {
    let pending = [...chunk];
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await sleep(50 * 2 ** attempt);
      let entries: { ErrorCode?: string; ErrorMessage?: string }[];
      try {
        const response = await client.send(
          new PutEventsCommand({ Entries: pending.map((envelope) => toPutEventsEntry(busName, envelope)) }),
        );
        entries = response.Entries ?? [];
      } catch (error) {
        if (attempt === maxAttempts) {
          const reason = error instanceof Error ? error.message : String(error);
          result.failed.push(...pending.map(({ eventId }) => ({ eventId, reason })));
          return;
        }
        continue;
      }
      const retry: AnyEventEnvelope[] = [];
      pending.forEach((envelope, index) => {
        const entry = entries[index];
        if (entry && !entry.ErrorCode) {
          result.published.push(envelope.eventId);
        } else if (attempt === maxAttempts) {
          const reason = entry ? `${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}` : 'no entry in response';
          result.failed.push({ eventId: envelope.eventId, reason });
        } else {
          retry.push(envelope);
        }
      });
      pending = retry;
    }
  };

  return {
    async publish(envelopes) {
      const result: PublishResult = { published: [], failed: [] };
      const chunks: AnyEventEnvelope[][] = [];
      for (let start = 0; start < envelopes.length; start += MAX_ENTRIES_PER_CALL) {
        chunks.push(envelopes.slice(start, start + MAX_ENTRIES_PER_CALL));
      }
      // Chunks go out together: a relay batch's events have no order among them to keep (consumers
      // take any order), and a batch of 25 waits for one round trip instead of three.
      await Promise.all(chunks.map((chunk) => publishChunk(chunk, result)));
      return result;
    },
  };
};
