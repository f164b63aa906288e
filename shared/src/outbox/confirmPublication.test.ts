import { buildInMemoryOutboxRepository } from '../testing/buildInMemoryOutboxRepository';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { confirmPublication } from './confirmPublication';

const NOW = '2030-01-01T00:01:00.000Z';
const clock = () => new Date(NOW);

describe('confirmPublication', () => {
  it('marks every event seen on the bus as published, once per event id', async () => {
    const a = buildTestEnvelope('order.created', {}, { eventId: 'evt-a' });
    const b = buildTestEnvelope('order.created', {}, { eventId: 'evt-b' });
    const outbox = buildInMemoryOutboxRepository([a, b]);
    const mark = jest.spyOn(outbox, 'markPublished');

    const retry = await confirmPublication({ outbox, clock }, [
      { messageId: 'm1', eventId: 'evt-a' },
      { messageId: 'm2', eventId: 'evt-a' },
    ]);

    expect(retry).toEqual([]);
    expect(mark).toHaveBeenCalledWith(['evt-a'], new Date(NOW));
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-b']);
  });

  it('skips events that are not in this outbox', async () => {
    const outbox = buildInMemoryOutboxRepository([
      buildTestEnvelope('order.created', {}, { eventId: 'evt-a' }),
    ]);

    await expect(
      confirmPublication({ outbox, clock }, [{ messageId: 'm1', eventId: 'evt-other' }]),
    ).resolves.toEqual([]);
    expect(outbox.pending()).toHaveLength(1);
  });

  it('returns the messages whose events could not be marked, so they are retried', async () => {
    const outbox = buildInMemoryOutboxRepository([
      buildTestEnvelope('order.created', {}, { eventId: 'evt-a' }),
      buildTestEnvelope('order.created', {}, { eventId: 'evt-b' }),
    ]);
    outbox.failToMark(['evt-b']);

    const retry = await confirmPublication({ outbox, clock }, [
      { messageId: 'm1', eventId: 'evt-a' },
      { messageId: 'm2', eventId: 'evt-b' },
    ]);

    expect(retry).toEqual(['m2']);
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-b']);
  });
});
