import { readInfraFragment } from '../testing/readInfraFragment';
import {
  ATTRIBUTE_ALLOWANCE_BYTES,
  boundReason,
  MAX_REASON_BYTES,
  shapeParkedMessage,
  truncateUtf8,
} from './shapeParkedMessage';

// The same module the stacks resolve with ${file(...)}: what is declared is what is tested.
const { maximumMessageSize: DECLARED } = require('../../infra/dlq-limits.js') as {
  maximumMessageSize: number;
};
/** The largest event EventBridge accepts: 256 KB, counted over the whole event. */
const EVENTBRIDGE_MAX_EVENT_BYTES = 256 * 1024;
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** An SQS messageId: the copies of one parked delivery share it. */
const deliveryId = '0f8f4c1e-6b1d-4c55-9a4e-2d3f9b7a1c20';

/** The worst reason: a validation message listing issue after issue, 4 MB of them. */
const worstReason = `Invalid order.created data: ${Array.from(
  { length: 150_000 },
  (_, i) => `lines.${i}.productId: Invalid input: expected string, received undefined`,
).join('; ')}`;

describe('boundReason', () => {
  it('leaves a short reason alone', () => {
    expect(boundReason('lines.0.quantity: too small')).toBe('lines.0.quantity: too small');
  });

  it('keeps the first issues whole and counts the rest, within 8 KB', () => {
    expect(bytes(worstReason)).toBeGreaterThan(4_000_000);
    const bounded = boundReason(worstReason);
    expect(bytes(bounded)).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(bounded.startsWith('Invalid order.created data: lines.0.productId: Invalid input')).toBe(true);
    const kept = bounded.split('; ').length - 1;
    expect(bounded).toContain(`… and ${150_000 - kept} more issues (${bytes(worstReason)} bytes in all)`);
  });

  it('cuts one endless issue at the limit without splitting a character', () => {
    const bounded = boundReason('é'.repeat(10_000));
    expect(bytes(bounded)).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(bounded).toMatch(/^é+ … \(20000 bytes in all\)$/);
  });

  it('truncateUtf8 never leaves half a character', () => {
    expect(truncateUtf8('aé', 2)).toBe('a');
  });
});

describe('shapeParkedMessage', () => {
  it('the DLQ declares its MaximumMessageSize explicitly, from the one limits file', () => {
    const dlq = readInfraFragment<{
      Resources: { DeadLetterQueue: { Properties: { MaximumMessageSize: unknown } } };
    }>('dlq-resources.yml');
    expect(String(dlq.Resources.DeadLetterQueue.Properties.MaximumMessageSize)).toContain(
      'shared/infra/dlq-limits.js):maximumMessageSize}',
    );
    expect(DECLARED).toBeGreaterThan(
      EVENTBRIDGE_MAX_EVENT_BYTES + MAX_REASON_BYTES + ATTRIBUTE_ALLOWANCE_BYTES,
    );
  });

  it('keeps the largest event EventBridge accepts whole, with the worst reason, inside the declared size', () => {
    const detail = { eventId: 'e', data: { note: 'x'.repeat(EVENTBRIDGE_MAX_EVENT_BYTES - 200) } };
    const body = shapeParkedMessage(
      {
        reason: worstReason,
        source: 'eventbridge',
        payload: detail,
        parkedAt: '2030-01-01T00:00:00.000Z',
        deliveryId,
      },
      DECLARED,
    );
    expect(bytes(body)).toBeLessThanOrEqual(DECLARED - ATTRIBUTE_ALLOWANCE_BYTES);
    const parsed = JSON.parse(body);
    expect(parsed.payload).toEqual(detail);
    expect(parsed.deliveryId).toBe(deliveryId);
    expect(bytes(parsed.reason)).toBeLessThanOrEqual(MAX_REASON_BYTES);
  });

  it('falls back to base64, then to a described head, so even a payload past the limit fits', () => {
    const request = {
      reason: worstReason,
      source: 'eventbridge',
      parkedAt: '2030-01-01T00:00:00.000Z',
      deliveryId,
    };
    // Control characters take six bytes each in JSON, one in base64's input.
    const escaped = '\u0001'.repeat(150_000);
    const asBase64 = JSON.parse(shapeParkedMessage({ ...request, payload: escaped }, 262_144));
    expect(Buffer.from(asBase64.payloadBase64, 'base64').toString('utf8')).toBe(escaped);
    expect(asBase64.deliveryId).toBe(deliveryId);

    const huge = 'y'.repeat(2_000_000);
    const body = shapeParkedMessage({ ...request, payload: huge }, 262_144);
    expect(bytes(body)).toBeLessThanOrEqual(262_144 - ATTRIBUTE_ALLOWANCE_BYTES);
    const described = JSON.parse(body);
    expect(described).toMatchObject({
      payloadBytes: 2_000_000,
      payloadSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      deliveryId,
    });
    expect(Buffer.from(described.payloadHeadBase64, 'base64').toString('utf8')).toMatch(/^y{1000,}$/);
  });
});
