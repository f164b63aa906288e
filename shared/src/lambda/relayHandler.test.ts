import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { DeadLetterQueue } from '../deadLetter/DeadLetterQueue';
import type { EventPublisher } from '../outbox/EventPublisher';
import { toOutboxItem } from '../outbox/outboxItem';
import { buildInMemoryOutboxRepository } from '../testing/buildInMemoryOutboxRepository';
import { buildManualClock } from '../testing/buildManualClock';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { buildRelay } from './outboxHandlers';

const insert = (sequence: string, image: Record<string, unknown>): DynamoDBRecord =>
  ({
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: sequence, NewImage: image },
  }) as unknown as DynamoDBRecord;

const valid = buildTestEnvelope('order.created', {}, { eventId: 'evt-valid' });
// A stored item missing its schemaVersion cannot be read back into an envelope.
const { schemaVersion: _missing, ...unreadable } = toOutboxItem(
  buildTestEnvelope('order.created', {}, { eventId: 'evt-bad' }),
);

const relayWith = (publisher: EventPublisher, parkFails: boolean) => {
  const parked: Parameters<DeadLetterQueue['park']>[0][] = [];
  const deadLetters: DeadLetterQueue = {
    async park(message) {
      if (parkFails) throw new Error('SQS said no');
      parked.push(message);
    },
  };
  const outbox = buildInMemoryOutboxRepository([valid]);
  const relay = buildRelay({ outbox, publisher, clock: buildManualClock(), deadLetters });
  const run = () =>
    relay({ Records: [insert('1', unreadable), insert('2', toOutboxItem(valid))] } as DynamoDBStreamEvent);
  return { parked, outbox, run };
};

const publishing: EventPublisher = {
  publish: async (envelopes) => ({ published: envelopes.map((e) => e.eventId), failed: [] }),
};

describe('relay: a bad stream record or event never holds another', () => {
  it('parks an unreadable record and publishes the valid one beside it', async () => {
    const { parked, outbox, run } = relayWith(publishing, false);
    expect(await run()).toEqual({ batchItemFailures: [] });
    expect(parked).toHaveLength(1);
    // Without an eventID, the record's sequence number: both stay the same on a stream retry.
    expect(parked[0]?.deliveryId).toBe('1');
    expect(outbox.pending()).toEqual([]);
  });

  it('reports only the unreadable record when parking it fails', async () => {
    const { outbox, run } = relayWith(publishing, true);
    expect(await run()).toEqual({ batchItemFailures: [{ itemIdentifier: '1' }] });
    expect(outbox.pending()).toEqual([]);
  });

  it('leaves the events pending for the sweeper, without holding the shard, when the bus fails as a whole', async () => {
    const { outbox, run } = relayWith(
      {
        publish: async () => {
          throw new Error('EventBridge unavailable');
        },
      },
      false,
    );
    expect(await run()).toEqual({ batchItemFailures: [] });
    expect(outbox.pending().map(({ eventId }) => eventId)).toEqual(['evt-valid']);
  });

  it('publishes and marks the events the bus took, and leaves the one it refused pending, reporting no record', async () => {
    const other = buildTestEnvelope('order.created', {}, { eventId: 'evt-other' });
    const outbox = buildInMemoryOutboxRepository([valid, other]);
    const relay = buildRelay({
      outbox,
      publisher: {
        publish: async (envelopes) => ({
          published: envelopes.filter((e) => e.eventId !== 'evt-valid').map((e) => e.eventId),
          failed: [{ eventId: 'evt-valid', reason: 'InternalFailure' }],
        }),
      },
      clock: buildManualClock(),
      deadLetters: { park: async () => undefined },
    });
    const result = await relay({
      Records: [insert('1', toOutboxItem(valid)), insert('2', toOutboxItem(other))],
    } as DynamoDBStreamEvent);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(outbox.pending().map(({ eventId }) => eventId)).toEqual(['evt-valid']);
  });
});
