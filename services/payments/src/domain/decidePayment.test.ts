import { buildSequentialIdGenerator, buildTestEnvelope } from '@saga/shared/testing';
import { decidePayment } from './decidePayment';
import type { Payment } from './Payment';

const AT = '2030-01-02T00:00:00.000Z';
const ids = () => ({ at: AT, newId: buildSequentialIdGenerator() });
const reserved = buildTestEnvelope('inventory.reserved', {
  orderId: 'ord-1',
  customerId: 'c-1',
  totalCents: 500,
  currency: 'USD',
});
const released = buildTestEnvelope('inventory.released', { orderId: 'ord-1' });
const payment = (status: Payment['status']): Payment => ({
  orderId: 'ord-1',
  paymentId: 'pay-0',
  customerId: 'c-1',
  amountCents: 500,
  currency: 'USD',
  status,
  createdAt: '2030-01-01T00:00:00.000Z',
});

describe('decidePayment: state changes and replies, decided together', () => {
  it('charges a covered amount: a SUCCEEDED record, the debit and payment.succeeded', () => {
    const decision = decidePayment(reserved, undefined, { customerId: 'c-1', balanceCents: 800 }, ids());
    const paymentId =
      decision.changes[0]?.kind === 'paymentRecorded' ? decision.changes[0].payment.paymentId : '';

    expect(decision.changes).toEqual([
      {
        kind: 'paymentRecorded',
        payment: { ...payment('SUCCEEDED'), paymentId, createdAt: AT, lastEventId: reserved.eventId },
      },
      { kind: 'accountDebited', customerId: 'c-1', amountCents: 500 },
    ]);
    expect(paymentId).toMatch(/^pay-/);
    expect(decision.replies).toEqual([
      {
        type: 'payment.succeeded',
        data: { orderId: 'ord-1', customerId: 'c-1', paymentId, amountCents: 500, currency: 'USD' },
      },
    ]);
  });

  it('declines an uncovered amount: a FAILED record, no debit, payment.failed with the reason', () => {
    const decision = decidePayment(reserved, undefined, { customerId: 'c-1', balanceCents: 100 }, ids());

    expect(decision.changes).toHaveLength(1);
    expect(decision.changes[0]).toMatchObject({ kind: 'paymentRecorded', payment: { status: 'FAILED' } });
    expect(decision.replies).toEqual([
      {
        type: 'payment.failed',
        data: {
          orderId: 'ord-1',
          customerId: 'c-1',
          amountCents: 500,
          reason: 'Insufficient funds: balance 1.00 is below the amount 5.00',
        },
      },
    ]);
  });

  it('ignores a repeated inventory.reserved once a payment exists', () => {
    expect(decidePayment(reserved, payment('SUCCEEDED'), undefined, ids())).toEqual({
      changes: [],
      replies: [],
      ignored: 'payment already SUCCEEDED',
    });
  });

  it('refunds a SUCCEEDED charge: refunded, credited, payment.voided with the amount', () => {
    expect(decidePayment(released, payment('SUCCEEDED'), undefined, ids())).toEqual({
      changes: [
        { kind: 'paymentRefunded', orderId: 'ord-1', at: AT, eventId: released.eventId },
        { kind: 'accountCredited', customerId: 'c-1', amountCents: 500 },
      ],
      replies: [{ type: 'payment.voided', data: { orderId: 'ord-1', refundedCents: 500 } }],
    });
  });

  it('decides nothing for a replay of the event that last changed the payment', () => {
    expect(
      decidePayment(released, { ...payment('REFUNDED'), lastEventId: released.eventId }, undefined, ids()),
    ).toEqual({
      changes: [],
      replies: [],
      ignored: 'event already applied',
    });
  });

  it('leaves a VOIDED tombstone when compensation arrives before any charge', () => {
    const decision = decidePayment(released, undefined, undefined, ids());

    expect(decision.changes).toEqual([
      { kind: 'paymentRecorded', payment: expect.objectContaining({ status: 'VOIDED', amountCents: 0 }) },
    ]);
    expect(decision.replies).toEqual([
      { type: 'payment.voided', data: { orderId: 'ord-1', refundedCents: 0 } },
    ]);
  });

  it.each([
    ['REFUNDED', 500],
    ['FAILED', 0],
    ['VOIDED', 0],
  ] as const)(
    'changes nothing but answers again for a %s payment (refundedCents %i)',
    (status, refundedCents) => {
      expect(decidePayment(released, payment(status), undefined, ids())).toEqual({
        changes: [],
        replies: [{ type: 'payment.voided', data: { orderId: 'ord-1', refundedCents } }],
      });
    },
  );
});
