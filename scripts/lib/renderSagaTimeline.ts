import type { SagaState } from '@saga/orders/src/domain/saga/SagaState';

const STEP_ORDER = [
  'created',
  'inventoryReservation',
  'paymentProcessing',
  'confirmation',
  'compensation',
] as const;

/** A saga-state record as a readable timeline: each step with its time since the saga started. */
export const renderSagaTimeline = (saga: SagaState): string => {
  const start = Date.parse(saga.steps.created?.timestamp ?? '');
  const lines = [
    `saga ${saga.sagaId}  order ${saga.orderId}  ${saga.status} (current step ${saga.currentStep})`,
  ];
  const recorded = STEP_ORDER.flatMap((name) => {
    const step = saga.steps[name];
    return step ? [{ name, ...step }] : [];
  }).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  for (const step of recorded) {
    const offset = Number.isNaN(start) ? '' : `+${((Date.parse(step.timestamp) - start) / 1000).toFixed(3)}s`;
    const note = step.error ? `  ${step.error}` : '';
    lines.push(`  ${offset.padStart(10)}  ${step.name.padEnd(22)} ${step.status}${note}`);
  }
  if ('compensationReason' in saga) lines.push(`  compensation reason: ${saga.compensationReason}`);
  return lines.join('\n');
};
