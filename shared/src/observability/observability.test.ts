import { outboxLagSeconds } from './outboxLagSeconds';

describe('outboxLagSeconds', () => {
  it('is the age of the oldest unpublished event, never negative, 0 when none', () => {
    const now = new Date('2030-01-01T00:05:00.000Z');
    expect(outboxLagSeconds(now, '2030-01-01T00:00:00.000Z')).toBe(300);
    expect(outboxLagSeconds(now, '2030-01-01T00:06:00.000Z')).toBe(0);
    expect(outboxLagSeconds(now, undefined)).toBe(0);
  });
});
