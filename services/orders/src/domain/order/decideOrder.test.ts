import { type EventType, eventTypesConsumedBy } from '@saga/shared';
import { buildTestEnvelope } from '@saga/shared/testing';
import { decideOrder } from './decideOrder';
import type { CancelledOrder, ConfirmedOrder, PendingOrder } from './Order';
import type { SagaReply } from './SagaReply';

const pending: PendingOrder = {
  orderId: 'ord-1',
  sagaId: 'saga-1',
  customerId: 'customer-1',
  lines: [{ productId: 'product-1', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  currency: 'USD',
  status: 'PENDING',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 0,
};
const confirmed: ConfirmedOrder = {
  ...pending,
  status: 'CONFIRMED',
  confirmedAt: '2030-01-01T00:01:00.000Z',
};
const cancelled: CancelledOrder = {
  ...pending,
  status: 'CANCELLED',
  cancelledAt: '2030-01-01T00:01:00.000Z',
  reason: 'Payment failed: no',
};

const reply = (eventType: SagaReply['eventType']) =>
  buildTestEnvelope(eventType as EventType, { orderId: 'ord-1' } as never) as SagaReply;

describe('decideOrder', () => {
  it('confirms a pending order when the payment succeeded', () => {
    expect(decideOrder(pending, reply('payment.succeeded'))).toEqual([{ type: 'order.confirmed' }]);
  });

  it('cancels a pending order when the payment failed, carrying the reason', () => {
    const failed = buildTestEnvelope('payment.failed', { reason: 'Insufficient funds: balance 1.00' });

    expect(decideOrder(pending, failed)).toEqual([
      { type: 'order.cancelled', reason: 'Payment failed: Insufficient funds: balance 1.00' },
    ]);
  });

  it('cancels a pending order when the reservation failed, carrying the reason', () => {
    const failed = buildTestEnvelope('inventory.reservation.failed', {
      reason: 'Insufficient stock: product-1 requested 2, available 0',
    });

    expect(decideOrder(pending, failed)).toEqual([
      {
        type: 'order.cancelled',
        reason: 'Inventory reservation failed: Insufficient stock: product-1 requested 2, available 0',
      },
    ]);
  });

  it.each(['inventory.reserved', 'payment.voided'] as const)(
    'decides nothing for a pending order on %s (only the saga records it)',
    (eventType) => {
      expect(decideOrder(pending, reply(eventType))).toEqual([]);
    },
  );

  it.each(eventTypesConsumedBy('orders'))('decides nothing for a CONFIRMED order on %s', (eventType) => {
    expect(decideOrder(confirmed, reply(eventType))).toEqual([]);
  });

  it.each(eventTypesConsumedBy('orders'))('decides nothing for a CANCELLED order on %s', (eventType) => {
    expect(decideOrder(cancelled, reply(eventType))).toEqual([]);
  });

  it('throws on a reply type it does not know', () => {
    const unknown = { ...reply('payment.succeeded'), eventType: 'payment.refunded' } as unknown as SagaReply;

    expect(() => decideOrder(pending, unknown)).toThrow(TypeError);
  });
});
