import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { DeadLetterQueue } from '../deadLetter/DeadLetterQueue';
import { MAX_REASON_BYTES } from '../deadLetter/shapeParkedMessage';
import { InvalidEventError } from '../errors/InvalidEventError';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { logger } from '../logging/logger';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { buildQueueEventHandler, readQueueMessage } from './queueEventHandler';

type Parked = Parameters<DeadLetterQueue['park']>[0];

const record = (messageId: string, body: string): SQSRecord =>
  ({ messageId, body, attributes: { ApproximateReceiveCount: '1' } }) as unknown as SQSRecord;

/** As the bus delivers an envelope to an inbox: its own source and detail-type around it. */
const onBus = (detail: unknown): string => {
  const { source, eventType } = (detail ?? {}) as { source?: unknown; eventType?: unknown };
  return JSON.stringify({ 'detail-type': eventType, source, detail });
};

/** A poison of over 60 KB with thousands of issues: 1,000 lines, every field of each one wrong. */
const bigPoison = () => {
  const envelope = buildTestEnvelope('order.created');
  const line = { productId: 1, quantity: 'x', unitPriceCents: 'y', note: 'z'.repeat(40) };
  return {
    ...envelope,
    data: { ...envelope.data, lines: Array.from({ length: 1000 }, () => ({ ...line })) },
  };
};

const fakeDeadLetters = (fail = false) => {
  const parked: Parked[] = [];
  const deadLetters: DeadLetterQueue = {
    async park(message) {
      if (fail) throw new Error('SQS said no');
      parked.push(message);
    },
  };
  return { parked, deadLetters };
};

const setup = (
  options: { parkFails?: boolean; useCase?: (e: AnyEventEnvelope) => Promise<unknown> } = {},
) => {
  const { parked, deadLetters } = fakeDeadLetters(options.parkFails);
  const handled: AnyEventEnvelope[] = [];
  const handler = buildQueueEventHandler<AnyEventEnvelope>({
    accepted: ['order.created', 'order.cancelled', 'order.confirmed'],
    deadLetters,
    useCase:
      options.useCase ??
      (async (envelope) => {
        handled.push(envelope);
        return 'applied';
      }),
  });
  return {
    parked,
    handled,
    run: (records: SQSRecord[], remainingMs?: number) =>
      handler(
        { Records: records } as SQSEvent,
        remainingMs === undefined ? undefined : { getRemainingTimeInMillis: () => remainingMs },
      ),
  };
};

describe('queueEventHandler: a bad record never fails another', () => {
  it('parks a 60 KB poison with a bounded reason, handles the valid event beside it, and returns normally', async () => {
    const poison = bigPoison();
    const body = onBus(poison);
    expect(body.length).toBeGreaterThan(60_000);
    const valid = buildTestEnvelope('order.cancelled');
    const { parked, handled, run } = setup();

    const result = await run([record('m-poison', body), record('m-valid', onBus(valid))]);

    expect(result).toEqual({ batchItemFailures: [] });
    expect(handled.map((e) => e.eventId)).toEqual([valid.eventId]);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.payload).toEqual(poison);
    expect(parked[0]?.deliveryId).toBe('m-poison');
    const reason = parked[0]?.reason ?? '';
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(reason).toMatch(/^Invalid order\.created data: lines\.0\.productId: /);
    expect(reason).toMatch(/… and \d{4} more issues/);
  });

  it("rejects the issue's 20,000-line poison in one cheap pass, before the schema would list 80,000 issues", async () => {
    const envelope = buildTestEnvelope('order.created');
    const poison = {
      ...envelope,
      data: { ...envelope.data, lines: Array.from({ length: 20_000 }, () => ({})) },
    };
    const { parked, handled, run } = setup();
    const started = Date.now();
    const result = await run([
      record('m-poison', onBus(poison)),
      record('m-valid', onBus(buildTestEnvelope('order.confirmed'))),
    ]);
    expect(Date.now() - started).toBeLessThan(200);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(handled).toHaveLength(1);
    expect(parked[0]?.reason).toBe('Invalid order.created data: data.lines has 20000 items, at most 1000');
  });

  it('bounds a 4 MB reason raised by a use case before parking it', async () => {
    const huge = `Invalid: ${Array.from({ length: 100_000 }, (_, i) => `lines.${i}.quantity: bad`).join('; ')}`;
    expect(huge.length).toBeGreaterThan(2_000_000);
    const { parked, run } = setup({
      useCase: async (envelope) => {
        throw new InvalidEventError(huge, envelope.eventId);
      },
    });
    const result = await run([record('m-1', onBus(buildTestEnvelope('order.confirmed')))]);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(Buffer.byteLength(parked[0]?.reason ?? '')).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(parked[0]?.reason).toMatch(/^Invalid: lines\.0\.quantity: bad; lines\.1\.quantity: bad;/);
  });

  it('parks a redelivered poison again under the same delivery id, so readers count the copies once', async () => {
    // A batch cut short after parking (a crash, a timeout, a recycled worker) is delivered again.
    const { parked, run } = setup();
    const poison = record('m-poison', onBus(bigPoison()));
    await run([poison]);
    await run([poison]);
    expect(parked.map((p) => p.deliveryId)).toEqual(['m-poison', 'm-poison']);
  });

  it('reports only the poison when parking it fails; the valid event is still handled', async () => {
    const valid = buildTestEnvelope('order.confirmed');
    const { handled, run } = setup({ parkFails: true });

    const result = await run([record('m-poison', onBus(bigPoison())), record('m-valid', onBus(valid))]);

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-poison' }] });
    expect(handled.map((e) => e.eventId)).toEqual([valid.eventId]);
  });

  it('hands back the records it has no time left for, instead of timing the whole batch out', async () => {
    const [first, second] = [buildTestEnvelope('order.confirmed'), buildTestEnvelope('order.confirmed')];
    const { handled, run } = setup();
    expect(await run([record('m-1', onBus(first)), record('m-2', onBus(second))], 2000)).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }],
    });
    expect(handled).toHaveLength(0);
    expect(await run([record('m-1', onBus(first))], 60_000)).toEqual({ batchItemFailures: [] });
    expect(handled).toHaveLength(1);
  });

  it('reports only the record whose use case failed', async () => {
    const [first, second] = [buildTestEnvelope('order.confirmed'), buildTestEnvelope('order.confirmed')];
    const { run } = setup({
      useCase: async (envelope) => {
        if (envelope.eventId === first.eventId) throw new Error('throttled');
        return 'applied';
      },
    });
    const result = await run([record('m-1', onBus(first)), record('m-2', onBus(second))]);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
  });

  it.each([
    ['null', 'null', /is null/],
    ['a number', '42', /is a number/],
    ['an array', '[{"detail":{}}]', /is an array/],
    ['text that is not JSON', 'not json {', /is not JSON/],
    ['an object without detail', '{"source":"x"}', /Malformed event envelope/],
  ])('parks a body that is %s at once, on its first delivery', async (_, body, reason) => {
    const { parked, handled, run } = setup();
    const result = await run([record('m-1', body)]);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(handled).toHaveLength(0);
    expect(parked).toHaveLength(1);
    expect(parked[0]?.reason).toMatch(reason);
  });
});

/** An event of `orderId` (its correlationId, which orders a batch's records). */
const ofOrder = (orderId: string) =>
  buildTestEnvelope('order.confirmed', { orderId }, { correlationId: orderId });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('queueEventHandler: records of one order in turn, different orders side by side', () => {
  /** A use case that takes `ms` per event and logs when each starts and ends. */
  const timedUseCase = (msOf: (envelope: AnyEventEnvelope) => number) => {
    const log: string[] = [];
    const useCase = async (envelope: AnyEventEnvelope) => {
      log.push(`start ${envelope.eventId}`);
      await sleep(msOf(envelope));
      log.push(`end ${envelope.eventId}`);
      if (envelope.eventId.endsWith('fail')) throw new Error('throttled');
      return 'applied';
    };
    return { log, useCase };
  };

  it('runs the records of one order one after another, in arrival order', async () => {
    const events = ['a', 'b', 'c'].map((suffix) => ({ ...ofOrder('ord-1'), eventId: `evt-${suffix}` }));
    // The first is the slowest: run side by side, it would end last.
    const { log, useCase } = timedUseCase((envelope) => (envelope.eventId === 'evt-a' ? 60 : 5));
    const { run } = setup({ useCase });

    const result = await run(events.map((event, index) => record(`m-${index}`, onBus(event))));

    expect(result).toEqual({ batchItemFailures: [] });
    expect(log).toEqual(['start evt-a', 'end evt-a', 'start evt-b', 'end evt-b', 'start evt-c', 'end evt-c']);
  });

  it('runs different orders concurrently: each starts before any ends', async () => {
    const events = ['ord-1', 'ord-2', 'ord-3'].map(ofOrder);
    const { log, useCase } = timedUseCase(() => 30);
    const { run } = setup({ useCase });

    const result = await run(events.map((event, index) => record(`m-${index}`, onBus(event))));

    expect(result).toEqual({ batchItemFailures: [] });
    expect(log.slice(0, 3).every((line) => line.startsWith('start'))).toBe(true);
    expect(log.slice(3).every((line) => line.startsWith('end'))).toBe(true);
  });

  it("reports only the failed record: the next of its order still runs, other orders' records too", async () => {
    const first = { ...ofOrder('ord-1'), eventId: 'evt-first-fail' };
    const second = { ...ofOrder('ord-1'), eventId: 'evt-second' };
    const other = { ...ofOrder('ord-2'), eventId: 'evt-other-fail' };
    const { log, useCase } = timedUseCase(() => 5);
    const { run } = setup({ useCase });

    const result = await run([
      record('m-1', onBus(first)),
      record('m-2', onBus(second)),
      record('m-3', onBus(other)),
    ]);

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-3' }] });
    expect(log.indexOf('start evt-second')).toBeGreaterThan(log.indexOf('end evt-first-fail'));
  });

  it('hands back a record still waiting for its order when the deadline reserve is reached', async () => {
    const slow = { ...ofOrder('ord-1'), eventId: 'evt-slow' };
    const queued = { ...ofOrder('ord-1'), eventId: 'evt-queued' };
    const other = { ...ofOrder('ord-2'), eventId: 'evt-other' };
    const { log, useCase } = timedUseCase((envelope) => (envelope.eventId === 'evt-slow' ? 200 : 5));
    const { run } = setup({ useCase });

    // 100 ms before the 3 s reserve: the slow record and the other order start, the queued one does not.
    const result = await run(
      [record('m-slow', onBus(slow)), record('m-queued', onBus(queued)), record('m-other', onBus(other))],
      3100,
    );

    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-queued' }] });
    expect(log).not.toContain('start evt-queued');
    expect(log).toContain('end evt-other');
  });

  it("logs each record with its own ids, never another's, while they run side by side", async () => {
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      const events = ['ord-1', 'ord-2', 'ord-3'].map(ofOrder);
      const { useCase } = timedUseCase((envelope) => (envelope.correlationId === 'ord-1' ? 40 : 5));
      const { run } = setup({ useCase });

      await run(events.map((event, index) => record(`m-${index}`, onBus(event))));

      const handled = info.mock.calls.filter(([message]) => message === 'Event handled');
      expect(handled.map(([, extra]) => extra)).toEqual(
        expect.arrayContaining(
          events.map((event) =>
            expect.objectContaining({
              eventId: event.eventId,
              orderId: event.correlationId,
              correlationId: event.correlationId,
              eventType: event.eventType,
              outcome: 'applied',
            }),
          ),
        ),
      );
      expect(handled).toHaveLength(3);
    } finally {
      info.mockRestore();
    }
  });
});

describe('readQueueMessage', () => {
  it('reads a valid bus event', () => {
    const envelope = buildTestEnvelope('order.created');
    expect(readQueueMessage(onBus(envelope), ['order.created'])).toEqual({ kind: 'event', envelope });
  });

  it('treats an event type the consumer does not take as poison', () => {
    const received = readQueueMessage(onBus(buildTestEnvelope('order.created')), ['order.confirmed']);
    expect(received).toMatchObject({ kind: 'poison', reason: expect.stringMatching(/not handled here/) });
  });
});
