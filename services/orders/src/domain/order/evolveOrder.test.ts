import { evolveOrder } from './evolveOrder';
import type { CancelledOrder, ConfirmedOrder, PendingOrder } from './Order';

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
  version: 3,
};
const at = '2030-01-01T00:05:00.000Z';

describe('evolveOrder', () => {
  it('confirms a pending order at the given time, keeping everything else', () => {
    expect(evolveOrder(pending, { type: 'order.confirmed' }, at)).toEqual({
      ...pending,
      status: 'CONFIRMED',
      confirmedAt: at,
      updatedAt: at,
    });
  });

  it('cancels a pending order with its reason', () => {
    expect(evolveOrder(pending, { type: 'order.cancelled', reason: 'Payment failed: x' }, at)).toEqual({
      ...pending,
      status: 'CANCELLED',
      cancelledAt: at,
      reason: 'Payment failed: x',
      updatedAt: at,
    });
  });

  it('does not change the version: the store bumps it on write', () => {
    expect(evolveOrder(pending, { type: 'order.confirmed' }, at).version).toBe(3);
  });

  it('does not mutate the order it is given', () => {
    const before = structuredClone(pending);

    evolveOrder(pending, { type: 'order.cancelled', reason: 'r' }, at);

    expect(pending).toEqual(before);
  });

  it('leaves a confirmed order as it is (same object)', () => {
    const confirmed: ConfirmedOrder = { ...pending, status: 'CONFIRMED', confirmedAt: at };

    expect(
      evolveOrder(confirmed, { type: 'order.cancelled', reason: 'late' }, '2030-02-01T00:00:00.000Z'),
    ).toBe(confirmed);
  });

  it('leaves a cancelled order as it is (same object)', () => {
    const cancelled: CancelledOrder = { ...pending, status: 'CANCELLED', cancelledAt: at, reason: 'r' };

    expect(evolveOrder(cancelled, { type: 'order.confirmed' }, '2030-02-01T00:00:00.000Z')).toBe(cancelled);
  });
});
