import { TransactionConflictError } from '@saga/shared';
import {
  buildInMemoryIdempotencyRepository,
  buildManualClock,
  buildSequentialIdGenerator,
  buildTestEnvelope,
  countCalls,
} from '@saga/shared/testing';
import type { PaymentAccount } from '../domain/PaymentAccount';
import { buildInMemoryPaymentStore } from '../testing/buildInMemoryPaymentStore';
import { handleInventoryEvent } from './handleInventoryEvent';

const NOW = '2030-01-01T12:00:00.000Z';
const ORDER_ID = 'ord-1';

const setup = (accounts: PaymentAccount[] = [{ customerId: 'customer-1', balanceCents: 10_000 }]) => {
  const idempotency = buildInMemoryIdempotencyRepository();
  const store = buildInMemoryPaymentStore(idempotency, accounts);
  const handle = handleInventoryEvent({
    store,
    idempotency,
    clock: buildManualClock(NOW),
    newId: buildSequentialIdGenerator(),
  });
  return { idempotency, store, handle };
};

const reserved = (totalCents = 2500, customerId = 'customer-1') =>
  buildTestEnvelope('inventory.reserved', {
    orderId: ORDER_ID,
    customerId,
    lines: [{ productId: 'p', quantity: 1 }],
    totalCents,
    currency: 'EUR',
  });
const released = () => buildTestEnvelope('inventory.released', { orderId: ORDER_ID, releasedLines: [] });

describe('handleInventoryEvent', () => {
  it('charges without reading on the first attempt: the write conditions check payment and balance', async () => {
    const { handle, store } = setup();
    const reads = countCalls(store, ['getPayment', 'getAccount']);

    await expect(handle(reserved(2500))).resolves.toBe('applied');

    expect(reads).toEqual({ getPayment: 0, getAccount: 0 });
    expect(store.commits).toHaveLength(1);
  });

  it('falls back to reading when the optimistic charge is cancelled by the balance condition', async () => {
    const { handle, store } = setup([{ customerId: 'customer-1', balanceCents: 100 }]);
    const reads = countCalls(store, ['getPayment', 'getAccount']);

    await handle(reserved(2500));

    expect(reads).toEqual({ getPayment: 1, getAccount: 1 });
    expect(store.commits.map((write) => write.changes.map((change) => change.kind))).toEqual([
      ['paymentRecorded', 'accountDebited'],
      ['paymentRecorded'],
    ]);
  });

  it('charges the account once and replies payment.succeeded', async () => {
    const { handle, store } = setup();
    const event = reserved(2500);
    await expect(handle(event)).resolves.toBe('applied');
    await expect(handle(event)).resolves.toBe('duplicate');

    expect(store.accounts.get('customer-1')?.balanceCents).toBe(7500);
    expect(store.payments.get(ORDER_ID)).toMatchObject({
      status: 'SUCCEEDED',
      amountCents: 2500,
      currency: 'EUR',
    });
    expect(store.outbox.map((e) => e.eventType)).toEqual(['payment.succeeded']);
    expect(store.outbox[0]).toMatchObject({ correlationId: ORDER_ID, causationId: event.eventId });
  });

  it('declines when the balance is short, naming both amounts, and charges nothing', async () => {
    const { handle, store } = setup([{ customerId: 'customer-1', balanceCents: 100 }]);
    await handle(reserved(2500));
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(100);
    expect(store.payments.get(ORDER_ID)).toMatchObject({ status: 'FAILED' });
    expect(store.outbox[0]).toMatchObject({
      eventType: 'payment.failed',
      data: { reason: 'Insufficient funds: balance 1.00 is below the amount 25.00', amountCents: 2500 },
    });
  });

  it('declines a customer without an account', async () => {
    const { handle, store } = setup([]);
    await handle(reserved(2500, 'nobody'));
    expect(store.outbox[0]).toMatchObject({
      eventType: 'payment.failed',
      data: { reason: 'No payment account for this customer' },
    });
  });

  it('a second inventory.reserved for a paid order (another eventId) charges nothing', async () => {
    const { handle, store } = setup();
    await handle(reserved(2500));
    await expect(handle(reserved(2500))).resolves.toBe('duplicate');
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(7500);
    expect(store.outbox).toHaveLength(1);
  });

  it('compensation refunds a successful charge exactly once and replies payment.voided', async () => {
    const { handle, store } = setup();
    await handle(reserved(2500));
    const cancel = released();
    await handle(cancel);
    await expect(handle(cancel)).resolves.toBe('duplicate');

    // The refund records its event, so the replay decides nothing and needs no dedupe record.
    expect(store.commits.every((write) => write.processed === undefined)).toBe(true);
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(10_000);
    expect(store.payments.get(ORDER_ID)).toMatchObject({ status: 'REFUNDED' });
    expect(store.outbox.map((e) => [e.eventType, e.data])).toEqual([
      ['payment.succeeded', expect.anything()],
      ['payment.voided', { orderId: ORDER_ID, refundedCents: 2500 }],
    ]);

    // A re-sent cancellation (new eventId) answers again without refunding twice.
    await handle(released());
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(10_000);
    expect(store.outbox.at(-1)).toMatchObject({ eventType: 'payment.voided', data: { refundedCents: 2500 } });
  });

  it('compensation before any charge leaves a VOIDED tombstone: a late inventory.reserved charges nothing', async () => {
    const { handle, store } = setup();
    await handle(released());
    expect(store.payments.get(ORDER_ID)).toMatchObject({ status: 'VOIDED', amountCents: 0 });
    expect(store.outbox.map((e) => [e.eventType, e.data])).toEqual([
      ['payment.voided', { orderId: ORDER_ID, refundedCents: 0 }],
    ]);

    await expect(handle(reserved(2500))).resolves.toBe('duplicate');
    expect(store.accounts.get('customer-1')?.balanceCents).toBe(10_000);
    expect(store.outbox).toHaveLength(1);
  });

  it('compensation after a declined payment refunds nothing and still replies', async () => {
    const { handle, store } = setup([{ customerId: 'customer-1', balanceCents: 1 }]);
    await handle(reserved(2500));
    const cancel = released();
    await expect(handle(cancel)).resolves.toBe('applied');
    await expect(handle(cancel)).resolves.toBe('duplicate');
    expect(store.payments.get(ORDER_ID)).toMatchObject({ status: 'FAILED' });
    expect(store.outbox.at(-1)).toMatchObject({ eventType: 'payment.voided', data: { refundedCents: 0 } });
    // Reply-only, so its dedupe record catches the replay: one answer, not two.
    expect(store.outbox.filter((event) => event.eventType === 'payment.voided')).toHaveLength(1);
    expect(store.commits.at(-1)?.processed?.eventId).toBe(cancel.eventId);
  });

  it('retries after a conflict and gives up on other errors', async () => {
    const { handle, store } = setup();
    store.failNextWrite(new TransactionConflictError('raced'));
    await expect(handle(reserved(2500))).resolves.toBe('applied');
    expect(store.commits).toHaveLength(2);

    const other = setup();
    other.store.failNextWrite(new Error('boom'));
    await expect(other.handle(reserved(2500))).rejects.toThrow('boom');
    expect(other.store.payments.size).toBe(0);
  });
});
