import { InvalidEventError } from '../errors/InvalidEventError';
import { buildManualClock } from '../testing/buildManualClock';
import { buildSequentialIdGenerator } from '../testing/buildSequentialIdGenerator';
import { sampleEventData } from '../testing/sampleEventData';
import { createEnvelope } from './createEnvelope';
import { eventRegistry, eventTypes } from './eventRegistry';
import { parseEnvelope } from './parseEnvelope';

describe('createEnvelope', () => {
  const link = { correlationId: 'ord-1', causationId: 'evt-cause' };

  it('fills the header from the contract, the clock and the id generator', () => {
    const context = { clock: buildManualClock('2030-05-06T07:08:09.010Z'), newId: () => 'evt-42' };

    const envelope = createEnvelope(context, 'payment.succeeded', sampleEventData['payment.succeeded'], link);

    expect(envelope).toEqual({
      eventId: 'evt-42',
      eventType: 'payment.succeeded',
      source: 'saga.payments',
      occurredAt: '2030-05-06T07:08:09.010Z',
      correlationId: 'ord-1',
      causationId: 'evt-cause',
      schemaVersion: 1,
      data: sampleEventData['payment.succeeded'],
    });
  });

  it.each(eventTypes)('builds a %s envelope that its consumers accept', (eventType) => {
    const context = { clock: buildManualClock(), newId: buildSequentialIdGenerator() };

    const envelope = createEnvelope(context, eventType, sampleEventData[eventType] as never, link);

    expect(envelope.source).toBe(eventRegistry[eventType].source);
    expect(parseEnvelope(envelope, [eventType])).toEqual(envelope);
  });

  it('gives every envelope a new id', () => {
    const context = { clock: buildManualClock(), newId: buildSequentialIdGenerator() };

    const first = createEnvelope(context, 'order.cancelled', sampleEventData['order.cancelled'], link);
    const second = createEnvelope(context, 'order.cancelled', sampleEventData['order.cancelled'], link);

    expect(first.eventId).not.toBe(second.eventId);
  });

  it('refuses data that breaks the contract, naming the field', () => {
    const context = { clock: buildManualClock(), newId: () => 'evt-1' };
    const data = { ...sampleEventData['order.confirmed'], totalCents: 12.5 };

    expect(() => createEnvelope(context, 'order.confirmed', data, link)).toThrow(InvalidEventError);
    expect(() => createEnvelope(context, 'order.confirmed', data, link)).toThrow(/totalCents/);
  });

  it('refuses an empty correlation id', () => {
    const context = { clock: buildManualClock(), newId: () => 'evt-1' };

    expect(() =>
      createEnvelope(context, 'order.cancelled', sampleEventData['order.cancelled'], {
        correlationId: '',
        causationId: 'x',
      }),
    ).toThrow(/correlationId/);
  });

  it.each([
    ['a quote', 'cause-"x"'],
    ['a backslash', 'cause-\\x'],
    ['a newline', 'cause-\nx'],
    ['non-ASCII text', 'cause-ü'],
  ])(
    'refuses a header value with %s, which the pipe template could not carry into the outbox event',
    (_, causationId) => {
      const context = { clock: buildManualClock(), newId: () => 'evt-1' };

      expect(() =>
        createEnvelope(context, 'order.confirmed', sampleEventData['order.confirmed'], {
          correlationId: 'ord-1',
          causationId,
        }),
      ).toThrow('causationId: must be printable ASCII without quotes or backslashes');
    },
  );
});
