import { buildTestEnvelope } from '../testing/buildTestEnvelope';
import { fromOutboxItem, toOutboxItem } from './outboxItem';

describe('outbox item', () => {
  it('stores the envelope field by field and reads it back unchanged', () => {
    const envelope = buildTestEnvelope('payment.failed', { reason: 'Card "declined" \\ ✓' });

    const item = toOutboxItem(envelope);

    expect(item.schemaVersion).toEqual({ N: '1' });
    expect(item.data).toEqual({ S: JSON.stringify(envelope.data) });
    expect(fromOutboxItem(item)).toEqual(envelope);
  });

  it('names the missing attribute of an incomplete item', () => {
    const { causationId: _, ...item } = toOutboxItem(buildTestEnvelope('order.confirmed'));

    expect(() => fromOutboxItem(item)).toThrow('Outbox item has no causationId attribute');
  });
});
