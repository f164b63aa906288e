import type { DomainEvent } from '../events/createEnvelope';
import { buildInMemoryIdempotencyRepository } from '../testing/buildInMemoryIdempotencyRepository';
import { buildManualClock } from '../testing/buildManualClock';
import { buildSequentialIdGenerator } from '../testing/buildSequentialIdGenerator';
import { commitDecision, type Decided, type DecidedWrite } from './commitDecision';

const NOW = '2030-01-01T00:00:00.000Z';
const event = { eventId: 'evt-1', eventType: 'order.cancelled', orderId: 'ord-1' };
const released: DomainEvent = { type: 'inventory.released', data: { orderId: 'ord-1', releasedLines: [] } };

describe('commitDecision', () => {
  const setup = (claimed: string[] = []) => {
    const idempotency = buildInMemoryIdempotencyRepository(
      claimed.map((eventId) => ({
        eventId,
        eventType: 'order.cancelled',
        aggregateId: 'ord-1',
        processedAt: new Date(NOW),
      })),
    );
    const isProcessed = jest.spyOn(idempotency, 'isProcessed');
    const writes: DecidedWrite<string>[] = [];
    const run = (decision: Decided<string>, attemptNo: number) =>
      commitDecision(decision, {
        event,
        attemptNo,
        idempotency,
        clock: buildManualClock(NOW),
        newId: buildSequentialIdGenerator(),
        commit: async (write) => {
          writes.push(write);
        },
      });
    return { isProcessed, writes, run };
  };

  it('commits guarded changes and their replies without a dedupe record, and reads none', async () => {
    const { isProcessed, writes, run } = setup();

    await expect(run({ changes: ['reservation closed'], replies: [released] }, 2)).resolves.toBe('applied');

    expect(writes).toHaveLength(1);
    expect(writes[0]?.changes).toEqual(['reservation closed']);
    expect(writes[0]?.processed).toBeUndefined();
    expect(writes[0]?.events).toEqual([
      expect.objectContaining({
        eventType: 'inventory.released',
        correlationId: 'ord-1',
        causationId: 'evt-1',
      }),
    ]);
    expect(isProcessed).not.toHaveBeenCalled();
  });

  it('writes nothing and reports a duplicate when the decision changes and replies nothing', async () => {
    const { writes, run } = setup();

    await expect(run({ changes: [], replies: [] }, 1)).resolves.toBe('duplicate');

    expect(writes).toEqual([]);
  });

  it('puts the dedupe record in a reply-only commit: nothing else would catch its replay', async () => {
    const { isProcessed, writes, run } = setup();

    await expect(run({ changes: [], replies: [released] }, 1)).resolves.toBe('applied');

    expect(writes[0]?.processed).toEqual({
      eventId: 'evt-1',
      eventType: 'order.cancelled',
      aggregateId: 'ord-1',
      processedAt: new Date(NOW),
    });
    // A first attempt goes straight to the write; the record's own condition catches a replay.
    expect(isProcessed).not.toHaveBeenCalled();
  });

  it('reports a duplicate, writing nothing, when a retried reply-only decision finds its record', async () => {
    const { writes, run } = setup(['evt-1']);

    await expect(run({ changes: [], replies: [released] }, 2)).resolves.toBe('duplicate');

    expect(writes).toEqual([]);
  });

  it('commits a retried reply-only decision whose record is absent (the conflict was elsewhere)', async () => {
    const { writes, run } = setup(['evt-other']);

    await expect(run({ changes: [], replies: [released] }, 3)).resolves.toBe('applied');

    expect(writes[0]?.processed?.eventId).toBe('evt-1');
  });
});
