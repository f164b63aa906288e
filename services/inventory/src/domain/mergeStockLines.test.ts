import { mergeStockLines } from './mergeStockLines';

describe('mergeStockLines', () => {
  it('keeps distinct products as they are', () => {
    expect(
      mergeStockLines([
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 2 },
      ]),
    ).toEqual([
      { productId: 'a', quantity: 1 },
      { productId: 'b', quantity: 2 },
    ]);
  });

  it('sums repeated products into one line, in first-seen order', () => {
    expect(
      mergeStockLines([
        { productId: 'b', quantity: 2 },
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 5 },
        { productId: 'a', quantity: 1 },
      ]),
    ).toEqual([
      { productId: 'b', quantity: 7 },
      { productId: 'a', quantity: 2 },
    ]);
  });

  it('drops extra properties such as prices', () => {
    const priced = [{ productId: 'a', quantity: 1, unitPriceCents: 100 }];

    expect(mergeStockLines(priced)).toEqual([{ productId: 'a', quantity: 1 }]);
  });

  it('returns nothing for nothing', () => {
    expect(mergeStockLines([])).toEqual([]);
  });
});
