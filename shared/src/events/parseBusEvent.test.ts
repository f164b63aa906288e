import { InvalidEventError } from '../errors/InvalidEventError';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { sampleEventData } from '../testing/sampleEventData';
import { parseBusEvent } from './parseBusEvent';

const envelope = buildTestEnvelope('inventory.reserved', sampleEventData['inventory.reserved']);
const onBus = (overrides: Record<string, unknown> = {}) => ({
  source: envelope.source,
  'detail-type': envelope.eventType,
  detail: envelope,
  ...overrides,
});

describe('parseBusEvent', () => {
  it('accepts an event whose bus headers match its registered producer', () => {
    expect(parseBusEvent(onBus(), ['inventory.reserved'])).toEqual(envelope);
  });

  it('parks an event put under another producer source, naming both', () => {
    const run = () => parseBusEvent(onBus({ source: 'saga.payments' }), ['inventory.reserved']);
    expect(run).toThrow(InvalidEventError);
    expect(run).toThrow(
      "inventory.reserved was put on the bus under source saga.payments, not its producer's saga.inventory",
    );
  });

  it('parks an event whose detail-type is not its envelope type', () => {
    expect(() => parseBusEvent(onBus({ 'detail-type': 'payment.succeeded' }))).toThrow(
      "detail-type payment.succeeded does not match the envelope's inventory.reserved",
    );
  });

  it('still holds the envelope to its contract (a forged envelope source)', () => {
    const forged = { ...envelope, source: 'saga.payments' };
    expect(() => parseBusEvent(onBus({ source: 'saga.payments', detail: forged }))).toThrow(
      'inventory.reserved must come from saga.inventory, not saga.payments',
    );
  });

  it.each([null, 42, 'text', []])('parks a body that is not an event object (%p)', (body) => {
    expect(() => parseBusEvent(body)).toThrow('Not an EventBridge event');
  });
});
