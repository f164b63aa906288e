/**
 * Faults a test stage may inject, each a probability in [0, 1] (or a delay). Only honoured where
 * the stage allows it (FAULT_INJECTION_ALLOWED=true, set by the `local` stage's parameters).
 */
export interface FaultPlan {
  /** Throw before the transaction commits: nothing written, the delivery fails and is retried. */
  readonly crashBeforeCommit: number;
  /** Throw after the commit: the work is done but the delivery fails, so a duplicate follows. */
  readonly crashAfterCommit: number;
  /** Wait this long before committing: a slow consumer. */
  readonly delayMs: number;
  /** Report an outbox event as failed without sending it (a partial PutEvents failure). */
  readonly failPublish: number;
  /** Send an outbox event twice (a duplicate delivery). */
  readonly duplicatePublish: number;
}

export const noFaults: FaultPlan = {
  crashBeforeCommit: 0,
  crashAfterCommit: 0,
  delayMs: 0,
  failPublish: 0,
  duplicatePublish: 0,
};
