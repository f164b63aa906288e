import { ValidationError } from '@saga/shared';
import { type CatalogueEntry, priceOrder } from './priceOrder';

const catalogue = new Map<string, CatalogueEntry>(
  [
    { productId: 'apple', unitPriceCents: 125, currency: 'USD' },
    { productId: 'pear', unitPriceCents: 99, currency: 'USD' },
    { productId: 'melon', unitPriceCents: 1999, currency: 'USD' },
    { productId: 'croissant', unitPriceCents: 180, currency: 'EUR' },
  ].map((entry) => [entry.productId, entry]),
);

const validationErrorOf = (run: () => unknown): ValidationError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
};

describe('priceOrder', () => {
  it('prices every line from the catalogue and totals in cents', () => {
    expect(
      priceOrder(
        [
          { productId: 'apple', quantity: 3 },
          { productId: 'melon', quantity: 1 },
        ],
        catalogue,
      ),
    ).toEqual({
      lines: [
        { productId: 'apple', quantity: 3, unitPriceCents: 125 },
        { productId: 'melon', quantity: 1, unitPriceCents: 1999 },
      ],
      totalCents: 3 * 125 + 1999,
      currency: 'USD',
    });
  });

  it('merges repeated products into one line, in first-seen order', () => {
    const priced = priceOrder(
      [
        { productId: 'pear', quantity: 1 },
        { productId: 'apple', quantity: 2 },
        { productId: 'pear', quantity: 4 },
      ],
      catalogue,
    );

    expect(priced.lines).toEqual([
      { productId: 'pear', quantity: 5, unitPriceCents: 99 },
      { productId: 'apple', quantity: 2, unitPriceCents: 125 },
    ]);
    expect(priced.totalCents).toBe(5 * 99 + 2 * 125);
  });

  it('keeps integer cents exact where floating-point currency would drift', () => {
    const priced = priceOrder([{ productId: 'pear', quantity: 3 }], catalogue);

    expect(priced.totalCents).toBe(297);
    expect(Number.isInteger(priced.totalCents)).toBe(true);
  });

  it('takes the currency from the catalogue', () => {
    expect(priceOrder([{ productId: 'croissant', quantity: 2 }], catalogue)).toEqual({
      lines: [{ productId: 'croissant', quantity: 2, unitPriceCents: 180 }],
      totalCents: 360,
      currency: 'EUR',
    });
  });

  it('names every unknown product in one ValidationError, each once', () => {
    const error = validationErrorOf(() =>
      priceOrder(
        [
          { productId: 'kiwi', quantity: 1 },
          { productId: 'apple', quantity: 1 },
          { productId: 'mango', quantity: 1 },
          { productId: 'kiwi', quantity: 2 },
        ],
        catalogue,
      ),
    );

    expect(error.message).toBe('Unknown products: kiwi, mango');
    expect(error.issues).toEqual([
      { path: 'items.productId', message: 'unknown product kiwi' },
      { path: 'items.productId', message: 'unknown product mango' },
    ]);
  });

  it('uses the singular for one unknown product', () => {
    expect(() => priceOrder([{ productId: 'kiwi', quantity: 1 }], catalogue)).toThrow(
      'Unknown product: kiwi',
    );
  });

  it('refuses to mix currencies in one order', () => {
    expect(() =>
      priceOrder(
        [
          { productId: 'apple', quantity: 1 },
          { productId: 'croissant', quantity: 1 },
        ],
        catalogue,
      ),
    ).toThrow(ValidationError);
  });
});
