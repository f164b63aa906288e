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
  /** Drop an outbox event silently, as if the relay never saw it: it stays pending for the sweeper. */
  readonly skipPublish: number;
  /**
   * Only work that mentions this text (a test run's id, a customer or product id) is faulted, so
   * concurrent tests on one deployment never see each other's faults. Absent: all work.
   */
  readonly scope?: string;
}

export const noFaults: FaultPlan = {
  crashBeforeCommit: 0,
  crashAfterCommit: 0,
  delayMs: 0,
  failPublish: 0,
  duplicatePublish: 0,
  skipPublish: 0,
};

/** The plan that applies to one unit of work (a transaction's items, an event): the first in scope. */
export const planFor = (plans: readonly FaultPlan[], work: unknown): FaultPlan => {
  if (plans.length === 0) return noFaults;
  const text = plans.some((plan) => plan.scope !== undefined) ? JSON.stringify(work) : '';
  return plans.find((plan) => plan.scope === undefined || text.includes(plan.scope)) ?? noFaults;
};
