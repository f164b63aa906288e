import { startSaga } from '../domain/saga/startSaga';
import { ErrorBody, OrderView, SagaStateView } from './httpContract';
import { toOrderView } from './toOrderView';

const at = '2030-01-01T00:00:00.000Z';
const base = {
  orderId: 'ord-1',
  sagaId: 'saga-1',
  customerId: 'customer-1',
  lines: [{ productId: 'product-1', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  currency: 'USD',
  createdAt: at,
  updatedAt: at,
  version: 3,
};

describe('the published HTTP contract matches what the handlers return', () => {
  it.each([
    { ...base, status: 'PENDING' as const },
    { ...base, status: 'CONFIRMED' as const, confirmedAt: at },
    { ...base, status: 'CANCELLED' as const, cancelledAt: at, reason: 'Payment failed: declined' },
  ])('an order view ($status)', (order) => {
    expect(OrderView.safeParse(toOrderView(order)).success).toBe(true);
  });

  it('never publishes internal fields (version)', () => {
    expect(OrderView.safeParse({ ...base, status: 'PENDING' }).success).toBe(false);
  });

  it('a saga-state record', () => {
    expect(SagaStateView.parse(startSaga('saga-1', 'ord-1', at))).toMatchObject({ status: 'STARTED' });
  });

  it('an error body', () => {
    expect(
      ErrorBody.safeParse({ error: 'ValidationError', message: 'x', issues: [{ path: 'a', message: 'b' }] })
        .success,
    ).toBe(true);
  });
});
