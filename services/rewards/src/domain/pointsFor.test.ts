import { pointsFor } from './pointsFor';

describe('pointsFor', () => {
  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [199, 1],
    [2500, 25],
    [123456, 1234],
  ])('awards %d cents %d points (one per whole unit)', (totalCents, points) => {
    expect(pointsFor(totalCents)).toBe(points);
  });
});
