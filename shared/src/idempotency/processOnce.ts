import { RetriesExhaustedError } from '../errors/RetriesExhaustedError';
import { TransactionConflictError } from '../errors/TransactionConflictError';
import type { IdempotencyRepository } from './IdempotencyRepository';

export type ProcessOutcome = 'applied' | 'duplicate';

export interface ProcessOnceOptions {
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs read → decide → transactional write until it commits. `attempt` must include the
 * idempotency claim in its transaction; a conflict means either a duplicate (then the claim
 * exists and we stop) or a concurrent change (then we read and decide again).
 * There is no pre-read of the claim: the claim's own condition decides a duplicate, so the
 * dedupe record is read only after a conflict, when it tells the two causes apart.
 */
export const processOnce = async (
  idempotency: IdempotencyRepository,
  eventId: string,
  attempt: () => Promise<void>,
  { maxAttempts = 8, sleep = defaultSleep }: ProcessOnceOptions = {},
): Promise<ProcessOutcome> => {
  for (let attemptNo = 1; attemptNo <= maxAttempts; attemptNo++) {
    try {
      await attempt();
      return 'applied';
    } catch (error) {
      if (!(error instanceof TransactionConflictError)) throw error;
      if (await idempotency.isProcessed(eventId)) return 'duplicate';
      // Jittered backoff spreads out consumers contending for the same items.
      await sleep(Math.random() * 25 * attemptNo);
    }
  }
  throw new RetriesExhaustedError(`Event ${eventId} still conflicting after ${maxAttempts} attempts`);
};
