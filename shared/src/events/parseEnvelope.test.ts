import { InvalidEventError } from '../errors/InvalidEventError';
import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { sampleEventData } from '../testing/sampleEventData';
import { eventRegistry, eventTypes } from './eventRegistry';
import { parseEnvelope } from './parseEnvelope';

const errorOf = (run: () => unknown): InvalidEventError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new Error('expected an InvalidEventError, nothing was thrown');
};

describe('parseEnvelope', () => {
  it('knows nine event types', () => {
    expect([...eventTypes].sort()).toEqual([
      'inventory.released',
      'inventory.reservation.failed',
      'inventory.reserved',
      'order.cancelled',
      'order.confirmed',
      'order.created',
      'payment.failed',
      'payment.succeeded',
      'payment.voided',
    ]);
  });

  it.each(eventTypes)('accepts a valid %s envelope and returns it unchanged', (eventType) => {
    const envelope = buildTestEnvelope(eventType);

    expect(parseEnvelope(envelope)).toEqual(envelope);
    expect(parseEnvelope(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
  });

  it('accepts a listed type', () => {
    const envelope = buildTestEnvelope('payment.failed');

    expect(parseEnvelope(envelope, ['payment.succeeded', 'payment.failed']).eventType).toBe('payment.failed');
  });

  it('rejects a known type that is not among the accepted ones, naming it', () => {
    const envelope = buildTestEnvelope('order.created');

    const error = errorOf(() => parseEnvelope(envelope, ['order.confirmed']));

    expect(error.message).toContain('"order.created" is not handled here');
    expect(error.eventId).toBe(envelope.eventId);
  });

  it('rejects an unknown event type', () => {
    const envelope = { ...buildTestEnvelope('order.created'), eventType: 'order.shipped' };

    const error = errorOf(() => parseEnvelope(envelope));

    expect(error.message).toBe('Unknown event type "order.shipped"');
    expect(error.eventId).toBe(envelope.eventId);
  });

  it('rejects an inherited property name as an event type', () => {
    const envelope = { ...buildTestEnvelope('order.created'), eventType: 'toString' };

    expect(() => parseEnvelope(envelope)).toThrow('Unknown event type "toString"');
  });

  it.each(eventTypes)('rejects %s from the wrong source', (eventType) => {
    const envelope = buildTestEnvelope(eventType, {}, { source: 'saga.impostor' });

    expect(() => parseEnvelope(envelope)).toThrow(
      `${eventType} must come from ${eventRegistry[eventType].source}, not saga.impostor`,
    );
  });

  it('rejects an event claiming another service as its source', () => {
    const envelope = buildTestEnvelope('payment.succeeded', {}, { source: 'saga.orders' });

    expect(() => parseEnvelope(envelope)).toThrow(InvalidEventError);
  });

  it.each([2, 0])('rejects schemaVersion %d', (schemaVersion) => {
    const envelope = buildTestEnvelope('order.created', {}, { schemaVersion });

    expect(() => parseEnvelope(envelope)).toThrow(
      schemaVersion === 0 ? /schemaVersion/ : 'order.created schemaVersion 2 is not supported',
    );
  });

  it('rejects an extra field on the envelope, naming it', () => {
    const envelope = { ...buildTestEnvelope('order.created'), priority: 'high' };

    const error = errorOf(() => parseEnvelope(envelope));

    expect(error.message).toMatch(/^Malformed event envelope: /);
    expect(error.message).toContain('priority');
  });

  it('rejects an event id the pipe path could not carry unescaped, naming the field', () => {
    const envelope = buildTestEnvelope('order.created', {}, { eventId: 'evt-"1"' });

    const error = errorOf(() => parseEnvelope(envelope));

    expect(error.message).toContain('eventId: must be printable ASCII without quotes or backslashes');
  });

  it('rejects an extra field in the data, naming it', () => {
    const envelope = buildTestEnvelope('order.confirmed', { discount: 5 } as never);

    const error = errorOf(() => parseEnvelope(envelope));

    expect(error.message).toMatch(/^Invalid order\.confirmed data: /);
    expect(error.message).toContain('discount');
  });

  it('rejects an extra field inside a data line', () => {
    const envelope = buildTestEnvelope('inventory.reserved', {
      lines: [{ productId: 'product-1', quantity: 1, colour: 'red' } as never],
    });

    expect(() => parseEnvelope(envelope)).toThrow(/colour/);
  });

  it.each([
    ['order.created', { totalCents: -1 }, 'totalCents'],
    ['order.created', { lines: [] }, 'lines'],
    ['order.created', { currency: 'DOLLAR' }, 'currency'],
    ['order.created', { lines: [{ productId: 'p', quantity: 0, unitPriceCents: 1 }] }, 'lines.0.quantity'],
    [
      'order.created',
      { lines: [{ productId: 'p', quantity: 1, unitPriceCents: 1.5 }] },
      'lines.0.unitPriceCents',
    ],
    ['order.cancelled', { reason: '' }, 'reason'],
    ['inventory.reservation.failed', { shortages: [] }, 'shortages'],
    ['payment.succeeded', { paymentId: '' }, 'paymentId'],
    ['payment.failed', { amountCents: '25' }, 'amountCents'],
    ['order.confirmed', { orderId: 'x'.repeat(65) }, 'orderId'],
  ] as const)('rejects invalid %s data %j naming %s', (eventType, data, field) => {
    const envelope = buildTestEnvelope(eventType, data as never);

    const error = errorOf(() => parseEnvelope(envelope));

    expect(error.message).toContain(`Invalid ${eventType} data: ${field}:`);
    expect(error.eventId).toBe(envelope.eventId);
  });

  it('names a missing data field', () => {
    const { customerId: _customerId, ...data } = sampleEventData['order.confirmed'];
    const envelope = { ...buildTestEnvelope('order.confirmed'), data };

    expect(() => parseEnvelope(envelope)).toThrow(/^Invalid order\.confirmed data: customerId: /);
  });

  it.each([
    ['eventId', ''],
    ['occurredAt', 'yesterday'],
    ['correlationId', ''],
    ['causationId', undefined],
    ['schemaVersion', '1'],
  ])('rejects a malformed header field %s, naming it', (field, value) => {
    const envelope = { ...buildTestEnvelope('order.created'), [field]: value };

    const error = errorOf(() => parseEnvelope(envelope));

    expect(error.message).toMatch(new RegExp(`^Malformed event envelope: .*${field}: `));
  });

  it.each([null, 'order.created', 42, []])('rejects %j as an envelope', (input) => {
    expect(() => parseEnvelope(input)).toThrow(/^Malformed event envelope: \(root\): /);
  });
});
