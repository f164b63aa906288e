import type { EventEnvelope } from '@saga/shared';
import type { SagaState, SagaStep, SagaSteps, StepRecord } from './SagaState';

/** Every event the saga records, from the participants and from the order itself. */
export type SagaEvent =
  | EventEnvelope<'inventory.reserved'>
  | EventEnvelope<'inventory.reservation.failed'>
  | EventEnvelope<'payment.succeeded'>
  | EventEnvelope<'payment.failed'>
  | EventEnvelope<'order.confirmed'>
  | EventEnvelope<'order.cancelled'>
  | EventEnvelope<'payment.voided'>;

/** The furthest point reached, derived from the steps so it can never disagree with them. */
export const currentStepOf = (steps: SagaSteps): SagaStep => {
  if (steps.compensation) return steps.compensation.status === 'SUCCESS' ? 'COMPENSATED' : 'COMPENSATING';
  if (steps.confirmation?.status === 'SUCCESS') return 'CONFIRMED';
  if (steps.paymentProcessing) {
    return steps.paymentProcessing.status === 'SUCCESS' ? 'PAYMENT_SUCCEEDED' : 'PAYMENT_FAILED';
  }
  if (steps.inventoryReservation) {
    return steps.inventoryReservation.status === 'SUCCESS'
      ? 'INVENTORY_RESERVED'
      : 'INVENTORY_RESERVATION_FAILED';
  }
  return 'CREATED';
};

const step = (status: StepRecord['status'], timestamp: string, error?: string): StepRecord =>
  error === undefined ? { status, timestamp } : { status, timestamp, error };

/** Records `name` unless it is already there: a step, once recorded, is never overwritten. */
const once = (steps: SagaSteps, name: keyof SagaSteps, record: StepRecord): SagaSteps =>
  steps[name] ? steps : { ...steps, [name]: record };

/** Which step an event records. Replays return the very same steps, so nothing is rewritten. */
const recordStep = (steps: SagaSteps, event: SagaEvent): SagaSteps => {
  const at = event.occurredAt;
  switch (event.eventType) {
    case 'inventory.reserved':
      return once(steps, 'inventoryReservation', step('SUCCESS', at));
    case 'inventory.reservation.failed':
      return once(steps, 'inventoryReservation', step('FAILED', at, event.data.reason));
    case 'payment.succeeded':
      return once(steps, 'paymentProcessing', step('SUCCESS', at));
    case 'payment.failed':
      return once(steps, 'paymentProcessing', step('FAILED', at, event.data.reason));
    case 'order.confirmed':
      return once(steps, 'confirmation', step('SUCCESS', at));
    case 'order.cancelled':
      return once(steps, 'compensation', step('IN_PROGRESS', at));
    case 'payment.voided':
      // Compensation is chained (stock released, then any charge refunded): this is its last step.
      return steps.compensation?.status === 'IN_PROGRESS'
        ? { ...steps, compensation: step('SUCCESS', at) }
        : steps;
    default: {
      const unhandled: never = event;
      throw new TypeError(`Unhandled saga event: ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Folds one event into the saga state; `now` stamps the record's updatedAt. */
export const evolveSaga = (saga: SagaState, event: SagaEvent, now: string): SagaState => {
  const steps = recordStep(saga.steps, event);
  if (steps === saga.steps) return saga;
  const base = { ...saga, steps, currentStep: currentStepOf(steps), updatedAt: now };
  const reason =
    event.eventType === 'order.cancelled'
      ? event.data.reason
      : 'compensationReason' in saga
        ? saga.compensationReason
        : undefined;
  if (steps.compensation) {
    const failed = saga.status === 'COMPENSATION_FAILED' && steps.compensation.status !== 'SUCCESS';
    return {
      ...base,
      status:
        steps.compensation.status === 'SUCCESS'
          ? 'COMPENSATED'
          : failed
            ? 'COMPENSATION_FAILED'
            : 'COMPENSATING',
      compensationRequired: true,
      compensationReason: reason ?? 'unknown',
    };
  }
  return {
    ...base,
    status: steps.confirmation?.status === 'SUCCESS' ? 'COMPLETED' : 'STARTED',
    compensationRequired: false,
  };
};
