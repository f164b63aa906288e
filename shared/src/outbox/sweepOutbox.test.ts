import { buildInMemoryOutboxRepository } from '../testing/buildInMemoryOutboxRepository';
import { buildManualClock } from '../testing/buildManualClock';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import type { EventPublisher } from './EventPublisher';
import { sweepOutbox } from './sweepOutbox';

const publishEverything = (): EventPublisher & { publish: jest.Mock } => ({
  publish: jest.fn(async (envelopes) => ({
    published: envelopes.map((event: { eventId: string }) => event.eventId),
    failed: [],
  })),
});

describe('sweepOutbox', () => {
  it('looks for pending events older than now minus the grace period, up to maxEvents', async () => {
    const outbox = buildInMemoryOutboxRepository();
    const findUnpublished = jest.spyOn(outbox, 'findUnpublished');

    await sweepOutbox(
      { outbox, publisher: publishEverything(), clock: buildManualClock('2030-01-01T00:10:00.000Z') },
      { graceMs: 30_000, maxEvents: 500 },
    );

    expect(findUnpublished).toHaveBeenCalledWith(new Date('2030-01-01T00:09:30.000Z'), 500);
  });

  it('publishes and marks what is past the grace period, leaving fresh events to the real-time path', async () => {
    const old = buildTestEnvelope(
      'order.created',
      {},
      { eventId: 'old', occurredAt: '2030-01-01T00:09:00.000Z' },
    );
    const edge = buildTestEnvelope(
      'order.created',
      {},
      { eventId: 'edge', occurredAt: '2030-01-01T00:09:30.000Z' },
    );
    const fresh = buildTestEnvelope(
      'order.created',
      {},
      { eventId: 'fresh', occurredAt: '2030-01-01T00:09:50.000Z' },
    );
    const outbox = buildInMemoryOutboxRepository([fresh, edge, old]);
    const publisher = publishEverything();

    const summary = await sweepOutbox(
      { outbox, publisher, clock: buildManualClock('2030-01-01T00:10:00.000Z') },
      { graceMs: 30_000, maxEvents: 10 },
    );

    expect(publisher.publish).toHaveBeenCalledWith([old, edge]);
    expect(summary).toEqual({
      found: 2,
      published: 2,
      failed: [],
      unmarked: [],
      oldestOccurredAt: old.occurredAt,
    });
    expect(outbox.pending()).toEqual([fresh]);
  });

  it('sweeps at most maxEvents, oldest first', async () => {
    const events = [3, 1, 2].map((minute) =>
      buildTestEnvelope(
        'order.created',
        {},
        { eventId: `m${minute}`, occurredAt: `2030-01-01T00:0${minute}:00.000Z` },
      ),
    );
    const outbox = buildInMemoryOutboxRepository(events);
    const publisher = publishEverything();

    const summary = await sweepOutbox(
      { outbox, publisher, clock: buildManualClock('2030-01-01T01:00:00.000Z') },
      { graceMs: 0, maxEvents: 2 },
    );

    expect(summary.found).toBe(2);
    expect(publisher.publish.mock.calls[0][0].map((event: { eventId: string }) => event.eventId)).toEqual([
      'm1',
      'm2',
    ]);
  });

  it('reports found 0 without publishing when nothing is pending', async () => {
    const publisher = publishEverything();

    const summary = await sweepOutbox(
      { outbox: buildInMemoryOutboxRepository(), publisher, clock: buildManualClock() },
      { graceMs: 30_000, maxEvents: 10 },
    );

    expect(summary).toEqual({ found: 0, published: 0, failed: [], unmarked: [] });
    expect(publisher.publish).not.toHaveBeenCalled();
  });
});
