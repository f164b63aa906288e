import { RetriesExhaustedError } from '../errors/RetriesExhaustedError';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import { type ProcessOutcome, processOnce } from './processOnce';

describe('processOnce', () => {
  const noSleep = () => Promise.resolve();

  it('returns what the first committing attempt decided, numbering attempts from 1', async () => {
    const attempt = jest.fn(async (_attemptNo: number): Promise<ProcessOutcome> => 'applied');

    await expect(processOnce('evt-1', attempt, { sleep: noSleep })).resolves.toBe('applied');

    expect(attempt.mock.calls).toEqual([[1]]);
  });

  it('retries after a conflict, so the next attempt reads again and may find nothing to do', async () => {
    const sleep = jest.fn((_ms: number) => noSleep());
    const attempt = jest
      .fn<Promise<ProcessOutcome>, [number]>()
      .mockRejectedValueOnce(new TransactionConflictError('reservation exists'))
      .mockResolvedValueOnce('duplicate');

    await expect(processOnce('evt-1', attempt, { sleep })).resolves.toBe('duplicate');

    expect(attempt.mock.calls).toEqual([[1], [2]]);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('backs off for a bounded, growing jitter between attempts', async () => {
    const sleep = jest.fn((_ms: number) => noSleep());
    const attempt = jest.fn(async (): Promise<ProcessOutcome> => {
      throw new TransactionConflictError('busy');
    });

    await expect(processOnce('evt-1', attempt, { sleep, maxAttempts: 4 })).rejects.toThrow(
      RetriesExhaustedError,
    );

    sleep.mock.calls.forEach(([ms], index) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(25 * (index + 1));
    });
  });

  it('propagates an error that is not a conflict, without retrying', async () => {
    const boom = new Error('table not found');
    const attempt = jest.fn(async (): Promise<ProcessOutcome> => {
      throw boom;
    });
    const sleep = jest.fn((_ms: number) => noSleep());

    await expect(processOnce('evt-1', attempt, { sleep })).rejects.toBe(boom);

    expect(attempt).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('throws RetriesExhaustedError naming the event after maxAttempts conflicts', async () => {
    const attempt = jest.fn(async (): Promise<ProcessOutcome> => {
      throw new TransactionConflictError('busy');
    });

    const outcome = processOnce('evt-7', attempt, { sleep: noSleep, maxAttempts: 3 });

    await expect(outcome).rejects.toThrow(RetriesExhaustedError);
    await expect(outcome).rejects.toThrow('Event evt-7 still conflicting after 3 attempts');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('tries eight times by default', async () => {
    const attempt = jest.fn(async (): Promise<ProcessOutcome> => {
      throw new TransactionConflictError('busy');
    });

    await expect(processOnce('evt-1', attempt, { sleep: noSleep })).rejects.toThrow(RetriesExhaustedError);

    expect(attempt).toHaveBeenCalledTimes(8);
  });
});
