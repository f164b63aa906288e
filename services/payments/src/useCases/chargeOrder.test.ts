import { type PaymentAccount, parseEnvelope, TransactionConflictError } from '@saga/shared';
import { buildInMemoryIdempotencyRepository } from '@saga/shared/src/testing/buildInMemoryIdempotencyRepository';
import { buildManualClock } from '@saga/shared/src/testing/buildManualClock';
import { buildSequentialIdGenerator } from '@saga/shared/src/testing/buildSequentialIdGenerator';
import { buildTestEnvelope } from '@saga/shared/src/testing/buildTestEnvelope';
import { buildInMemoryPaymentStore } from '../testing/buildInMemoryPaymentStore';
import { chargeOrder } from './chargeOrder';

const NOW = '2030-01-01T12:00:00.000Z';
const ORDER_ID = 'ord-1';

const setup = (accounts: PaymentAccount[] = [{ customerId: 'customer-1', balanceCents: 10_000 }]) => {
  const idempotency = buildInMemoryIdempotencyRepository();
  const store = buildInMemoryPaymentStore(idempotency, accounts);
  const charge = chargeOrder({
    store,
    idempotency,
    clock: buildManualClock(NOW),
    newId: buildSequentialIdGenerator(),
  });
  return { idempotency, store, charge };
};

const reserved = (totalCents = 2500, customerId = 'customer-1') =>
  buildTestEnvelope('inventory.reserved', { orderId: ORDER_ID, customerId, totalCents, currency: 'EUR' });

describe('chargeOrder', () => {
  it('charges the account and replies payment.succeeded', async () => {
    const { charge, store } = setup();
    const event = reserved(2500);

    await expect(charge(event)).resolves.toBe('applied');

    expect(store.accounts.get('customer-1')?.balanceCents).toBe(7500);
    expect(store.payments.get(ORDER_ID)).toEqual({
      orderId: ORDER_ID,
      paymentId: 'pay-00000000-0000-4000-8000-000000000001',
      customerId: 'customer-1',
      amountCents: 2500,
      currency: 'EUR',
      status: 'SUCCEEDED',
      createdAt: NOW,
    });
    expect(store.outbox).toEqual([
      {
        eventId: '00000000-0000-4000-8000-000000000002',
        eventType: 'payment.succeeded',
        source: 'saga.payments',
        occurredAt: NOW,
        correlationId: ORDER_ID,
        causationId: event.eventId,
        schemaVersion: 1,
        data: {
          orderId: ORDER_ID,
          customerId: 'customer-1',
          paymentId: 'pay-00000000-0000-4000-8000-000000000001',
          amountCents: 2500,
          currency: 'EUR',
        },
      },
    ]);
    expect(() => parseEnvelope(store.outbox[0], ['payment.succeeded'])).not.toThrow();
  });

  it('charges an amount equal to the whole balance', async () => {
    const { charge, store } = setup([{ customerId: 'customer-1', balanceCents: 2500 }]);

    await charge(reserved(2500));

    expect(store.accounts.get('customer-1')?.balanceCents).toBe(0);
    expect(store.payments.get(ORDER_ID)?.status).toBe('SUCCEEDED');
  });

  it('records a FAILED payment and replies payment.failed on insufficient funds, leaving the balance', async () => {
    const { charge, store } = setup([{ customerId: 'customer-1', balanceCents: 1000 }]);
    const event = reserved(2500);

    await expect(charge(event)).resolves.toBe('applied');

    const reason = 'Insufficient funds: balance 10.00 is below the amount 25.00';
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(1000);
    expect(store.payments.get(ORDER_ID)).toMatchObject({ status: 'FAILED', reason, amountCents: 2500 });
    expect(store.outbox).toHaveLength(1);
    expect(store.outbox[0]).toMatchObject({
      eventType: 'payment.failed',
      causationId: event.eventId,
      data: { orderId: ORDER_ID, customerId: 'customer-1', amountCents: 2500, reason },
    });
  });

  it('fails the payment when the customer has no account', async () => {
    const { charge, store } = setup([]);

    await charge(reserved(2500, 'stranger'));

    expect(store.payments.get(ORDER_ID)).toMatchObject({
      status: 'FAILED',
      reason: 'No payment account for this customer',
    });
    expect(store.outbox[0]).toMatchObject({
      eventType: 'payment.failed',
      data: { customerId: 'stranger', reason: 'No payment account for this customer' },
    });
  });

  it('only acknowledges an order already paid, under a new event id: no second charge, no event', async () => {
    const { charge, store, idempotency } = setup();
    await charge(reserved(2500));
    const again = reserved(2500);

    await expect(charge(again)).resolves.toBe('applied');

    expect(store.acknowledged).toEqual([again.eventId]);
    expect(store.records).toHaveLength(1);
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(7500);
    expect(store.outbox).toHaveLength(1);
    expect(idempotency.processed().map((event) => event.eventId)).toContain(again.eventId);
  });

  it('reports a duplicate delivery without touching the store', async () => {
    const { charge, store } = setup();
    const event = reserved(2500);
    await charge(event);
    const getPayment = jest.spyOn(store, 'getPayment');

    await expect(charge(event)).resolves.toBe('duplicate');

    expect(getPayment).not.toHaveBeenCalled();
    expect(store.records).toHaveLength(1);
    expect(store.acknowledged).toEqual([]);
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(7500);
  });

  it('declines on retry when a concurrent charge drained the account between read and write', async () => {
    const { charge, store } = setup([{ customerId: 'customer-1', balanceCents: 3000 }]);
    const getAccount = store.getAccount;
    let raced = false;
    store.getAccount = async (customerId) => {
      const account = await getAccount(customerId);
      if (!raced) {
        raced = true;
        store.accounts.set(customerId, { customerId, balanceCents: 500 });
      }
      return account;
    };

    await expect(charge(reserved(2500))).resolves.toBe('applied');

    expect(store.records.map((write) => write.payment.status)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(500);
    expect(store.outbox.map((event) => event.eventType)).toEqual(['payment.failed']);
  });

  it('retries a conflicting write and charges once', async () => {
    const { charge, store } = setup();
    store.failNextWrite(new TransactionConflictError('busy'));

    await charge(reserved(2500));

    expect(store.accounts.get('customer-1')?.balanceCents).toBe(7500);
    expect(store.outbox).toHaveLength(1);
  });
});
