import type { SagaState } from './SagaState';

export interface SagaDeadlinePolicy {
  /** A saga with no progress for this long is overdue. */
  readonly deadlineMs: number;
  /** Compensation requests re-sent before giving up. */
  readonly maxCompensationAttempts: number;
}

export type SagaDeadlineAction =
  | { readonly kind: 'none' }
  /** In progress past the deadline: cancel the order with reason `timeout`. */
  | { readonly kind: 'expire' }
  /** Compensating past the deadline: ask the participants again (their replies are idempotent). */
  | { readonly kind: 'retry-compensation'; readonly attempt: number }
  /** Out of retries: park it as COMPENSATION_FAILED for a human. */
  | { readonly kind: 'give-up' };

/** What the deadline sweeper does with one saga; pure, with time injected. */
export const decideSagaDeadline = (
  saga: SagaState,
  now: Date,
  policy: SagaDeadlinePolicy,
): SagaDeadlineAction => {
  const overdue = now.getTime() - Date.parse(saga.updatedAt) >= policy.deadlineMs;
  if (!overdue) return { kind: 'none' };
  switch (saga.status) {
    case 'STARTED':
      return { kind: 'expire' };
    case 'COMPENSATING': {
      const attempts = saga.compensationAttempts ?? 0;
      return attempts < policy.maxCompensationAttempts
        ? { kind: 'retry-compensation', attempt: attempts + 1 }
        : { kind: 'give-up' };
    }
    case 'COMPLETED':
    case 'COMPENSATED':
    case 'COMPENSATION_FAILED':
      return { kind: 'none' };
    default: {
      const unhandled: never = saga;
      throw new TypeError(`Unhandled saga ${JSON.stringify(unhandled)}`);
    }
  }
};
