import { NotFoundError } from '@saga/shared';
import { buildManualClock, buildSequentialIdGenerator } from '@saga/shared/testing';
import { buildInMemoryCatalogueRepository } from '../testing/buildInMemoryCatalogueRepository';
import { buildInMemoryOrderStore } from '../testing/buildInMemoryOrderStore';
import { createOrder } from './createOrder';
import { getOrder } from './getOrder';
import { getOrderSaga } from './getOrderSaga';

const setup = async () => {
  const store = buildInMemoryOrderStore();
  const { order } = await createOrder({
    store,
    catalogue: buildInMemoryCatalogueRepository([{ productId: 'pen', unitPriceCents: 150, currency: 'USD' }]),
    clock: buildManualClock(),
    newId: buildSequentialIdGenerator(),
  })({ customerId: 'customer-1', items: [{ productId: 'pen', quantity: 1 }], requestId: 'req-1' });
  return { store, order };
};

describe('getOrder', () => {
  it('returns the stored order', async () => {
    const { store, order } = await setup();

    await expect(getOrder({ store })(order.orderId)).resolves.toEqual(order);
  });

  it('throws NotFoundError for an unknown order', async () => {
    const { store } = await setup();

    await expect(getOrder({ store })('ord-missing')).rejects.toThrow(NotFoundError);
  });
});

describe('getOrderSaga', () => {
  it("returns the order's saga state", async () => {
    const { store, order } = await setup();

    await expect(getOrderSaga({ store })(order.orderId)).resolves.toMatchObject({
      sagaId: order.sagaId,
      orderId: order.orderId,
      currentStep: 'CREATED',
    });
  });

  it('throws NotFoundError for an unknown order', async () => {
    const { store } = await setup();

    await expect(getOrderSaga({ store })('ord-missing')).rejects.toThrow('Order ord-missing not found');
  });

  it('throws NotFoundError when the saga is missing', async () => {
    const { store, order } = await setup();
    store.sagas.clear();

    await expect(getOrderSaga({ store })(order.orderId)).rejects.toThrow(NotFoundError);
  });
});
