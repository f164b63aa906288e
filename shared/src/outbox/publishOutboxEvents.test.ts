import { buildInMemoryOutboxRepository } from '../testing/buildInMemoryOutboxRepository';
import { buildManualClock } from '../testing/buildManualClock';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import type { EventPublisher } from './EventPublisher';
import { publishOutboxEvents } from './publishOutboxEvents';

const NOW = '2030-01-01T00:10:00.000Z';

describe('publishOutboxEvents', () => {
  const events = ['evt-a', 'evt-b', 'evt-c'].map((eventId) =>
    buildTestEnvelope('order.created', {}, { eventId }),
  );

  it('marks only the events the publisher published, at the clock time', async () => {
    const outbox = buildInMemoryOutboxRepository(events);
    const markPublished = jest.spyOn(outbox, 'markPublished');
    const publisher: EventPublisher = {
      publish: jest.fn(async () => ({
        published: ['evt-a', 'evt-c'],
        failed: [{ eventId: 'evt-b', reason: 'InternalFailure: x' }],
      })),
    };

    const summary = await publishOutboxEvents({ outbox, publisher, clock: buildManualClock(NOW) }, events);

    expect(publisher.publish).toHaveBeenCalledWith(events);
    expect(markPublished).toHaveBeenCalledWith([events[0], events[2]], new Date(NOW));
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-b']);
    expect(summary).toEqual({
      published: 2,
      failed: [{ eventId: 'evt-b', reason: 'InternalFailure: x' }],
      unmarked: [],
    });
  });

  it('reports the published events it could not mark, which stay pending for the sweeper', async () => {
    const outbox = buildInMemoryOutboxRepository(events);
    outbox.failToMark(['evt-b']);
    const publisher: EventPublisher = {
      publish: async (envelopes) => ({ published: envelopes.map((event) => event.eventId), failed: [] }),
    };

    const summary = await publishOutboxEvents({ outbox, publisher, clock: buildManualClock(NOW) }, events);

    expect(summary).toEqual({ published: 3, failed: [], unmarked: ['evt-b'] });
    expect(outbox.pending().map((event) => event.eventId)).toEqual(['evt-b']);
  });

  it('marks nothing when nothing was published', async () => {
    const outbox = buildInMemoryOutboxRepository(events);
    const publisher: EventPublisher = {
      publish: async (envelopes) => ({
        published: [],
        failed: envelopes.map(({ eventId }) => ({ eventId, reason: 'down' })),
      }),
    };

    const summary = await publishOutboxEvents({ outbox, publisher, clock: buildManualClock(NOW) }, events);

    expect(summary.published).toBe(0);
    expect(summary.failed).toHaveLength(3);
    expect(outbox.pending()).toHaveLength(3);
  });

  it('does not call the publisher for an empty batch', async () => {
    const outbox = buildInMemoryOutboxRepository();
    const publisher: EventPublisher = { publish: jest.fn() };

    await expect(
      publishOutboxEvents({ outbox, publisher, clock: buildManualClock(NOW) }, []),
    ).resolves.toEqual({ published: 0, failed: [], unmarked: [] });
    expect(publisher.publish).not.toHaveBeenCalled();
  });
});
