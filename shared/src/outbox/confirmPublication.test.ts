import { buildInMemoryOutboxRepository } from '../testing/buildInMemoryOutboxRepository';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { confirmPublication } from './confirmPublication';

const NOW = '2030-01-01T00:01:00.000Z';
const clock = () => new Date(NOW);
const envelope = (eventId: string) => buildTestEnvelope('order.created', {}, { eventId });

describe('confirmPublication', () => {
  it('marks every event seen on the bus as published, once per event id', async () => {
    const outbox = buildInMemoryOutboxRepository([envelope('evt-a'), envelope('evt-b')]);
    const mark = jest.spyOn(outbox, 'markPublished');

    const seen = envelope('evt-a');

    const result = await confirmPublication({ outbox, clock }, [
      { messageId: 'm1', detail: seen },
      { messageId: 'm2', detail: seen },
    ]);

    expect(result).toEqual({ retry: [], rejected: [] });
    expect(mark).toHaveBeenCalledTimes(1);
    expect(mark).toHaveBeenCalledWith([seen], new Date(NOW));
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-b']);
  });

  it('records an event that is not in this outbox as published only, never pending', async () => {
    const outbox = buildInMemoryOutboxRepository([envelope('evt-a')]);

    const result = await confirmPublication({ outbox, clock }, [
      { messageId: 'm1', detail: envelope('evt-other') },
    ]);

    expect(result).toEqual({ retry: [], rejected: [] });
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-a']);
    expect(outbox.all().find((event) => event.envelope.eventId === 'evt-other')?.publishedAt).toEqual(
      new Date(NOW),
    );
  });

  it('confirms nothing from a copy consumers would reject, so the sweeper still publishes the item', async () => {
    const outbox = buildInMemoryOutboxRepository([envelope('evt-a')]);
    // What a wrong template would produce: data as a JSON string instead of an object.
    const garbled = { ...envelope('evt-a'), data: JSON.stringify(envelope('evt-a').data) };

    const result = await confirmPublication({ outbox, clock }, [{ messageId: 'm1', detail: garbled }]);

    expect(result.retry).toEqual([]);
    expect(result.rejected).toEqual([
      { messageId: 'm1', reason: expect.stringContaining('Invalid order.created data') },
    ]);
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-a']);
  });

  it('returns the messages whose events could not be marked, so they are retried', async () => {
    const outbox = buildInMemoryOutboxRepository([envelope('evt-a'), envelope('evt-b')]);
    outbox.failToMark(['evt-b']);

    const result = await confirmPublication({ outbox, clock }, [
      { messageId: 'm1', detail: envelope('evt-a') },
      { messageId: 'm2', detail: envelope('evt-b') },
    ]);

    expect(result.retry).toEqual(['m2']);
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-b']);
  });
});
