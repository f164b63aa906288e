import { compensationCategory } from './compensationCategory';

describe('compensationCategory', () => {
  it.each([
    ['timeout', 'timeout'],
    ['Inventory reservation failed: Insufficient stock: p requested 2, available 1', 'inventory'],
    ['Payment failed: Insufficient funds', 'payment'],
    ['operator cancelled', 'other'],
  ])('%s → %s', (reason, category) => {
    expect(compensationCategory(reason)).toBe(category);
  });
});
