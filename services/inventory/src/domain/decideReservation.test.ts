import { CHECKED_BY_CONDITION, decideReservation } from './decideReservation';
import type { StockLevel } from './StockLevel';

const stockOf = (...levels: [string, number][]) =>
  new Map<string, StockLevel>(
    levels.map(([productId, available]) => [productId, { productId, available, reserved: 0, sold: 0 }]),
  );

describe('decideReservation', () => {
  it("reserves the merged lines when the moves' conditions check the stock instead of a read", () => {
    expect(
      decideReservation(
        [
          { productId: 'a', quantity: 2 },
          { productId: 'a', quantity: 1 },
        ],
        CHECKED_BY_CONDITION,
      ),
    ).toEqual({ kind: 'reserve', lines: [{ productId: 'a', quantity: 3 }] });
  });

  it('reserves every line when stock covers it', () => {
    expect(
      decideReservation(
        [
          { productId: 'a', quantity: 2 },
          { productId: 'b', quantity: 1 },
        ],
        stockOf(['a', 5], ['b', 1]),
      ),
    ).toEqual({
      kind: 'reserve',
      lines: [
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 1 },
      ],
    });
  });

  it('reserves exactly the available quantity', () => {
    expect(decideReservation([{ productId: 'a', quantity: 3 }], stockOf(['a', 3])).kind).toBe('reserve');
  });

  it('names the product and its shortfall when stock is short', () => {
    expect(decideReservation([{ productId: 'a', quantity: 4 }], stockOf(['a', 3]))).toEqual({
      kind: 'reject',
      shortages: [{ productId: 'a', requested: 4, available: 3 }],
      reason: 'Insufficient stock: a requested 4, available 3',
    });
  });

  it('checks repeated lines of one product together', () => {
    const decision = decideReservation(
      [
        { productId: 'a', quantity: 2 },
        { productId: 'a', quantity: 2 },
      ],
      stockOf(['a', 3]),
    );

    expect(decision).toEqual({
      kind: 'reject',
      shortages: [{ productId: 'a', requested: 4, available: 3 }],
      reason: 'Insufficient stock: a requested 4, available 3',
    });
  });

  it('is all or nothing: one short product rejects the whole order, naming only the short ones', () => {
    const decision = decideReservation(
      [
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 5 },
        { productId: 'c', quantity: 1 },
      ],
      stockOf(['a', 10], ['b', 2]),
    );

    expect(decision).toEqual({
      kind: 'reject',
      shortages: [
        { productId: 'b', requested: 5, available: 2 },
        { productId: 'c', requested: 1, available: 0 },
      ],
      reason: 'Insufficient stock: b requested 5, available 2; c requested 1, available 0',
    });
  });
});
