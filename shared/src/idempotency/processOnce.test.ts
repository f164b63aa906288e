import { RetriesExhaustedError } from '../errors/RetriesExhaustedError';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import { buildInMemoryIdempotencyRepository } from '../testing/buildInMemoryIdempotencyRepository';
import { processOnce } from './processOnce';

const processed = (eventId: string) => ({
  eventId,
  eventType: 'order.created',
  aggregateId: 'ord-1',
  processedAt: new Date('2030-01-01T00:00:00.000Z'),
});

describe('processOnce', () => {
  const noSleep = () => Promise.resolve();

  it('applies a new event once and reports it applied', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const attempt = jest.fn(async () => idempotency.claim(processed('evt-1')));

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep: noSleep })).resolves.toBe('applied');

    expect(attempt).toHaveBeenCalledTimes(1);
    expect(idempotency.processed().map((event) => event.eventId)).toEqual(['evt-1']);
  });

  it('reports a duplicate when the claim in the attempt fails, with no read before it', async () => {
    const idempotency = buildInMemoryIdempotencyRepository([processed('evt-1')]);
    const isProcessed = jest.spyOn(idempotency, 'isProcessed');
    const writes: string[] = [];
    const attempt = jest.fn(async () => {
      // The transaction's claim fails, so nothing of the attempt is written.
      idempotency.assertUnclaimed('evt-1');
      writes.push('state');
    });

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep: noSleep })).resolves.toBe('duplicate');

    expect(attempt).toHaveBeenCalledTimes(1);
    expect(writes).toEqual([]);
    expect(isProcessed).toHaveBeenCalledTimes(1);
    expect(isProcessed.mock.invocationCallOrder[0]).toBeGreaterThan(
      attempt.mock.invocationCallOrder[0] as number,
    );
  });

  it('reads the dedupe record only after a conflict: a first-time event costs no read', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const isProcessed = jest.spyOn(idempotency, 'isProcessed');
    const attempt = jest.fn(async () => idempotency.claim(processed('evt-1')));

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep: noSleep })).resolves.toBe('applied');

    expect(isProcessed).not.toHaveBeenCalled();
  });

  it('retries after a conflict and reports applied once the write commits', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const sleep = jest.fn((_ms: number) => noSleep());
    const attempt = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(new TransactionConflictError('version moved'))
      .mockRejectedValueOnce(new TransactionConflictError('version moved again'))
      .mockResolvedValueOnce(undefined);

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep })).resolves.toBe('applied');

    expect(attempt).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('backs off for a bounded, growing jitter between attempts', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const sleep = jest.fn((_ms: number) => noSleep());
    const attempt = jest.fn(async () => {
      throw new TransactionConflictError('busy');
    });

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep, maxAttempts: 4 })).rejects.toThrow(
      RetriesExhaustedError,
    );

    sleep.mock.calls.forEach(([ms], index) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(25 * (index + 1));
    });
  });

  it('stops as a duplicate when a conflict was caused by a concurrent delivery of the same event', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const attempt = jest.fn(async () => {
      // Another consumer committed this event while our attempt was reading and deciding.
      idempotency.claim(processed('evt-1'));
      throw new TransactionConflictError('claim exists');
    });

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep: noSleep })).resolves.toBe('duplicate');

    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('propagates an error that is not a conflict, without retrying', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const boom = new Error('table not found');
    const attempt = jest.fn(async () => {
      throw boom;
    });
    const sleep = jest.fn((_ms: number) => noSleep());

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep })).rejects.toBe(boom);

    expect(attempt).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('throws RetriesExhaustedError naming the event after maxAttempts conflicts', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const attempt = jest.fn(async () => {
      throw new TransactionConflictError('busy');
    });

    const outcome = processOnce(idempotency, 'evt-7', attempt, { sleep: noSleep, maxAttempts: 3 });

    await expect(outcome).rejects.toThrow(RetriesExhaustedError);
    await expect(outcome).rejects.toThrow('Event evt-7 still conflicting after 3 attempts');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('tries eight times by default', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const attempt = jest.fn(async () => {
      throw new TransactionConflictError('busy');
    });

    await expect(processOnce(idempotency, 'evt-1', attempt, { sleep: noSleep })).rejects.toThrow(
      RetriesExhaustedError,
    );

    expect(attempt).toHaveBeenCalledTimes(8);
  });

  it('propagates a failing dedupe read after a conflict, without retrying', async () => {
    const idempotency = buildInMemoryIdempotencyRepository();
    const failing = { ...idempotency, isProcessed: () => Promise.reject(new Error('throttled')) };
    const attempt = jest.fn(async () => {
      throw new TransactionConflictError('busy');
    });

    await expect(processOnce(failing, 'evt-1', attempt, { sleep: noSleep })).rejects.toThrow('throttled');

    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
