import { TransactionConflictError } from '@saga/shared';
import { buildManualClock, buildTestEnvelope } from '@saga/shared/testing';
import { buildInMemoryRewardsStore } from '../testing/buildInMemoryRewardsStore';
import { awardPoints } from './awardPoints';

const NOW = '2030-01-01T12:00:00.000Z';

const setup = () => {
  const store = buildInMemoryRewardsStore();
  const award = awardPoints({ store, clock: buildManualClock(NOW) });
  return { store, award };
};

const confirmed = (orderId: string, totalCents: number) =>
  buildTestEnvelope('order.confirmed', { orderId, customerId: 'customer-1', totalCents });

describe('awardPoints', () => {
  it('awards without reading first: the award condition checks there is none yet', async () => {
    const { award, store } = setup();
    const hasAward = jest.spyOn(store, 'hasAward');

    await award(confirmed('ord-1', 3998));

    expect(hasAward).not.toHaveBeenCalled();
  });

  it('awards one point per whole currency unit of the order', async () => {
    const { award, store } = setup();
    const event = confirmed('ord-1', 3998);

    await expect(award(event)).resolves.toBe('applied');

    expect(store.awards.get('ord-1')).toEqual({
      orderId: 'ord-1',
      customerId: 'customer-1',
      points: 39,
      awardedAt: NOW,
    });
    expect(store.balances.get('customer-1')).toEqual({ points: 39, awards: 1, updatedAt: NOW });
  });

  it('awards an order once, even when confirmed twice under different event ids', async () => {
    const { award, store } = setup();
    const second = confirmed('ord-1', 3998);
    await award(confirmed('ord-1', 3998));

    await expect(award(second)).resolves.toBe('duplicate');

    expect(store.balances.get('customer-1')?.points).toBe(39);
    // The unread award is cancelled by its condition; the reread finds the award: nothing is written.
    expect(store.attempts).toHaveLength(2);
  });

  it('reports a duplicate delivery and awards once', async () => {
    const { award, store } = setup();
    const event = confirmed('ord-1', 3998);
    await award(event);

    await expect(award(event)).resolves.toBe('duplicate');

    expect(store.balances.get('customer-1')).toEqual({ points: 39, awards: 1, updatedAt: NOW });
    expect(store.awards.size).toBe(1);
  });

  it("adds up the customer's orders", async () => {
    const { award, store } = setup();

    await award(confirmed('ord-1', 1000));
    await award(confirmed('ord-2', 2550));

    expect(store.balances.get('customer-1')).toEqual({ points: 35, awards: 2, updatedAt: NOW });
  });

  it('records a zero-point award for an order under one unit', async () => {
    const { award, store } = setup();

    await award(confirmed('ord-1', 99));

    expect(store.awards.get('ord-1')?.points).toBe(0);
  });

  it('retries a conflicting write and awards once', async () => {
    const { award, store } = setup();
    store.failNextWrite(new TransactionConflictError('busy'));

    await expect(award(confirmed('ord-1', 1000))).resolves.toBe('applied');

    expect(store.balances.get('customer-1')?.points).toBe(10);
  });
});
