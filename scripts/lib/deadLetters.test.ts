import { toDeadLetters } from './deadLetters';

const parked = (deliveryId: string | undefined, reason = 'Invalid order.created data: lines.0.quantity') =>
  JSON.stringify({
    parkedAt: '2030-01-01T00:00:00.000Z',
    reason,
    source: 'eventbridge',
    deliveryId,
    payload: {},
  });

describe('toDeadLetters', () => {
  it('merges the copies of one parked delivery into one letter, keeping every receipt handle', () => {
    const letters = toDeadLetters('q', [
      { MessageId: 'a', ReceiptHandle: 'ra', Body: parked('inbox-1') },
      { MessageId: 'b', ReceiptHandle: 'rb', Body: parked('inbox-2') },
      { MessageId: 'c', ReceiptHandle: 'rc', Body: parked('inbox-1') },
    ]);
    expect(letters.map((l) => l.receiptHandles)).toEqual([['ra', 'rc'], ['rb']]);
    expect(letters.every((l) => l.kind === 'parked-invalid-event' && l.queueUrl === 'q')).toBe(true);
  });

  it('keeps messages without a delivery id apart, one letter per message', () => {
    const failure = JSON.stringify({ requestContext: { condition: 'RetriesExhausted' } });
    const letters = toDeadLetters('q', [
      { MessageId: 'a', ReceiptHandle: 'ra', Body: failure },
      { MessageId: 'b', ReceiptHandle: 'rb', Body: failure },
      { MessageId: 'c', ReceiptHandle: 'rc', Body: parked(undefined) },
      { MessageId: 'd', ReceiptHandle: 'rd', Body: parked('') },
    ]);
    expect(letters.map((l) => l.receiptHandles)).toEqual([['ra'], ['rb'], ['rc'], ['rd']]);
    expect(letters.map((l) => l.kind)).toEqual([
      'other',
      'other',
      'parked-invalid-event',
      'parked-invalid-event',
    ]);
  });

  it('keeps a body that is not a JSON object whole, as an other letter, instead of failing the read', () => {
    const letters = toDeadLetters('q', [
      { MessageId: 'a', ReceiptHandle: 'ra', Body: 'not json {' },
      { MessageId: 'b', ReceiptHandle: 'rb', Body: 'null' },
      { MessageId: 'c', ReceiptHandle: 'rc', Body: '[1,2]' },
    ]);
    expect(letters.map((l) => [l.kind, l.body])).toEqual([
      ['other', { unparsed: 'not json {' }],
      ['other', { unparsed: 'null' }],
      ['other', { unparsed: '[1,2]' }],
    ]);
  });
});
