import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { AnyEventEnvelope } from '../events/EventEnvelope';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { buildEventBridgePublisher, toPutEventsEntry } from './buildEventBridgePublisher';

const BUS = 'saga-bus';

const envelopes = (count: number): AnyEventEnvelope[] =>
  Array.from({ length: count }, (_, index) =>
    buildTestEnvelope('order.created', {}, { eventId: `evt-${String(index).padStart(2, '0')}` }),
  );

/** A client whose PutEvents answers each entry through `answer`; anything else would fail the test. */
const fakeClient = (answer: (eventId: string, call: number) => PutEventsResultEntry | 'throw') => {
  let call = 0;
  const send = jest.fn(async (command: PutEventsCommand) => {
    if (!(command instanceof PutEventsCommand)) throw new Error('unexpected command');
    call += 1;
    const entries = (command.input.Entries ?? []).map((entry) =>
      answer((JSON.parse(entry.Detail ?? '{}') as AnyEventEnvelope).eventId, call),
    );
    if (entries.includes('throw')) throw new Error('service unavailable');
    const resultEntries = entries as PutEventsResultEntry[];
    return {
      FailedEntryCount: resultEntries.filter((entry) => entry.ErrorCode).length,
      Entries: resultEntries,
    };
  });
  return { client: { send } as unknown as EventBridgeClient, send };
};

/** The event ids sent in each PutEvents call. */
const sentIds = (send: jest.Mock) =>
  send.mock.calls.map(([command]: [PutEventsCommand]) =>
    (command.input.Entries ?? []).map(
      (entry) => (JSON.parse(entry.Detail ?? '{}') as AnyEventEnvelope).eventId,
    ),
  );

const ok = (): PutEventsResultEntry => ({ EventId: 'bus-id' });
const noSleep = () => Promise.resolve();

describe('toPutEventsEntry', () => {
  it('puts the whole envelope in Detail, with type, source and time from it', () => {
    const envelope = buildTestEnvelope('payment.failed', {}, { occurredAt: '2030-02-03T04:05:06.007Z' });

    expect(toPutEventsEntry(BUS, envelope)).toEqual({
      EventBusName: BUS,
      Source: 'saga.payments',
      DetailType: 'payment.failed',
      Detail: JSON.stringify(envelope),
      Time: new Date('2030-02-03T04:05:06.007Z'),
    });
  });
});

describe('buildEventBridgePublisher', () => {
  it('publishes nothing and calls nothing for no events', async () => {
    const { client, send } = fakeClient(ok);

    await expect(buildEventBridgePublisher(client, BUS).publish([])).resolves.toEqual({
      published: [],
      failed: [],
    });
    expect(send).not.toHaveBeenCalled();
  });

  it('sends at most 10 entries per call, in order, to the named bus', async () => {
    const { client, send } = fakeClient(ok);
    const events = envelopes(23);

    const result = await buildEventBridgePublisher(client, BUS, { sleep: noSleep }).publish(events);

    expect(sentIds(send).map((ids) => ids.length)).toEqual([10, 10, 3]);
    expect(sentIds(send).flat()).toEqual(events.map((event) => event.eventId));
    for (const [command] of send.mock.calls as [PutEventsCommand][]) {
      for (const entry of command.input.Entries ?? []) expect(entry.EventBusName).toBe(BUS);
    }
    expect(result).toEqual({ published: events.map((event) => event.eventId), failed: [] });
  });

  it('sends exactly 10 entries in one call', async () => {
    const { client, send } = fakeClient(ok);

    await buildEventBridgePublisher(client, BUS, { sleep: noSleep }).publish(envelopes(10));

    expect(send).toHaveBeenCalledTimes(1);
  });

  it('retries only the entries that failed, until they succeed', async () => {
    const { client, send } = fakeClient((eventId, call) =>
      (eventId === 'evt-01' || eventId === 'evt-03') && call === 1
        ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }
        : ok(),
    );
    const sleep = jest.fn((_ms: number) => noSleep());

    const result = await buildEventBridgePublisher(client, BUS, { sleep }).publish(envelopes(4));

    expect(sentIds(send)).toEqual([
      ['evt-00', 'evt-01', 'evt-02', 'evt-03'],
      ['evt-01', 'evt-03'],
    ]);
    expect(result.published.sort()).toEqual(['evt-00', 'evt-01', 'evt-02', 'evt-03']);
    expect(result.failed).toEqual([]);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('reports entries still failing after maxAttempts as failed, with their error, and the rest as published', async () => {
    const { client, send } = fakeClient((eventId) =>
      eventId === 'evt-02' ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try later' } : ok(),
    );

    const result = await buildEventBridgePublisher(client, BUS, { sleep: noSleep, maxAttempts: 3 }).publish(
      envelopes(3),
    );

    expect(sentIds(send)).toEqual([['evt-00', 'evt-01', 'evt-02'], ['evt-02'], ['evt-02']]);
    expect(result).toEqual({
      published: ['evt-00', 'evt-01'],
      failed: [{ eventId: 'evt-02', reason: 'InternalFailure: try later' }],
    });
  });

  it('treats a missing response entry as a failure to retry', async () => {
    const send = jest
      .fn()
      .mockResolvedValueOnce({ FailedEntryCount: 0, Entries: [ok()] })
      .mockResolvedValueOnce({ FailedEntryCount: 0, Entries: [ok()] });
    const client = { send } as unknown as EventBridgeClient;

    const result = await buildEventBridgePublisher(client, BUS, { sleep: noSleep }).publish(envelopes(2));

    expect(sentIds(send)).toEqual([['evt-00', 'evt-01'], ['evt-01']]);
    expect(result).toEqual({ published: ['evt-00', 'evt-01'], failed: [] });
  });

  it('retries a chunk whose call threw, and publishes it when a later call succeeds', async () => {
    const { client, send } = fakeClient((_eventId, call) => (call === 1 ? 'throw' : ok()));

    const result = await buildEventBridgePublisher(client, BUS, { sleep: noSleep }).publish(envelopes(2));

    expect(send).toHaveBeenCalledTimes(2);
    expect(result).toEqual({ published: ['evt-00', 'evt-01'], failed: [] });
  });

  it('reports the whole chunk failed with the error message when every call throws, never throwing itself', async () => {
    const { client, send } = fakeClient(() => 'throw');

    const result = await buildEventBridgePublisher(client, BUS, { sleep: noSleep, maxAttempts: 2 }).publish(
      envelopes(2),
    );

    expect(send).toHaveBeenCalledTimes(2);
    expect(result).toEqual({
      published: [],
      failed: [
        { eventId: 'evt-00', reason: 'service unavailable' },
        { eventId: 'evt-01', reason: 'service unavailable' },
      ],
    });
  });

  it('keeps publishing later chunks after one chunk failed', async () => {
    const { client } = fakeClient((eventId) =>
      eventId < 'evt-10' ? { ErrorCode: 'InternalFailure', ErrorMessage: 'x' } : ok(),
    );

    const result = await buildEventBridgePublisher(client, BUS, { sleep: noSleep, maxAttempts: 1 }).publish(
      envelopes(12),
    );

    expect(result.failed.map((failure) => failure.eventId)).toEqual(
      envelopes(10).map((event) => event.eventId),
    );
    expect(result.published).toEqual(['evt-10', 'evt-11']);
  });

  it('waits with an exponential backoff before each retry', async () => {
    const { client } = fakeClient(() => ({ ErrorCode: 'ThrottlingException' }));
    const sleep = jest.fn((_ms: number) => noSleep());

    await buildEventBridgePublisher(client, BUS, { sleep, maxAttempts: 4 }).publish(envelopes(1));

    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([200, 400, 800]);
  });
});
