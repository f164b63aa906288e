import { CHECKED_BY_CONDITION, decideCharge } from './decideCharge';

describe('decideCharge', () => {
  it("charges when the debit's condition checks the balance instead of a read", () => {
    expect(decideCharge(CHECKED_BY_CONDITION, 2500)).toEqual({ kind: 'charge' });
  });

  it('charges when the balance covers the amount', () => {
    expect(decideCharge({ customerId: 'c', balanceCents: 5000 }, 2500)).toEqual({ kind: 'charge' });
  });

  it('charges when the balance equals the amount exactly', () => {
    expect(decideCharge({ customerId: 'c', balanceCents: 2500 }, 2500)).toEqual({ kind: 'charge' });
  });

  it('declines when funds are insufficient, showing both amounts', () => {
    expect(decideCharge({ customerId: 'c', balanceCents: 2499 }, 2500)).toEqual({
      kind: 'decline',
      reason: 'Insufficient funds: balance 24.99 is below the amount 25.00',
    });
  });

  it('declines when the customer has no account', () => {
    expect(decideCharge(undefined, 1)).toEqual({
      kind: 'decline',
      reason: 'No payment account for this customer',
    });
  });

  it('charges a zero amount to an empty account', () => {
    expect(decideCharge({ customerId: 'c', balanceCents: 0 }, 0)).toEqual({ kind: 'charge' });
  });
});
