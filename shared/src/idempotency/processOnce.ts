import { RetriesExhaustedError } from '../errors/RetriesExhaustedError';
import { TransactionConflictError } from '../errors/TransactionConflictError';

/** 'duplicate': nothing to apply, because the event was applied already or the state has moved past it. */
export type ProcessOutcome = 'applied' | 'duplicate';

export interface ProcessOnceOptions {
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs read → decide → conditional write until it commits or decides there is nothing to do.
 * The write's own conditions are the dedupe guard (see commitDecision): a conflict means a
 * duplicate or a concurrent change, and either way the next attempt reads again and decides on what
 * it finds. `attemptNo` starts at 1, so an attempt can skip reads its conditions already check.
 */
export const processOnce = async (
  eventId: string,
  attempt: (attemptNo: number) => Promise<ProcessOutcome>,
  { maxAttempts = 8, sleep = defaultSleep }: ProcessOnceOptions = {},
): Promise<ProcessOutcome> => {
  for (let attemptNo = 1; attemptNo <= maxAttempts; attemptNo++) {
    try {
      return await attempt(attemptNo);
    } catch (error) {
      if (!(error instanceof TransactionConflictError)) throw error;
      // Jittered backoff spreads out consumers contending for the same items.
      await sleep(Math.random() * 25 * attemptNo);
    }
  }
  throw new RetriesExhaustedError(`Event ${eventId} still conflicting after ${maxAttempts} attempts`);
};
