import type { AwaitingVerification, ParticipantEffects } from '../ports/SagaVerification';

/** Each way a terminal saga's effects can diverge from its outcome; one metric each. */
export type RepairKind =
  | 'ReservationHeldForConfirmed'
  | 'ReservationHeldForCancelled'
  | 'CancellationNotApplied'
  | 'RefundMissing'
  | 'AwardMissing';

export type Reconciliation =
  | { readonly kind: 'verified' }
  | { readonly kind: 'repair'; readonly repairs: readonly RepairKind[] }
  | { readonly kind: 'give-up'; readonly repairs: readonly RepairKind[] };

/**
 * Pure: compares one terminal order with what the participants hold. Every repair is the same
 * act, publishing the terminal event again, because each participant's answer to it is idempotent:
 * inventory commits or releases what it holds, payments refunds after inventory.released, rewards
 * awards once. After `maxAttempts` repairs the order needs a person, not another event.
 */
export const decideReconciliation = (
  order: AwaitingVerification,
  effects: ParticipantEffects,
  maxAttempts: number,
): Reconciliation => {
  const repairs: RepairKind[] = [];
  if (order.status === 'CONFIRMED') {
    if (effects.reservation === 'HELD') repairs.push('ReservationHeldForConfirmed');
    if (!effects.awarded) repairs.push('AwardMissing');
  } else {
    if (effects.reservation === 'HELD') repairs.push('ReservationHeldForCancelled');
    // order.cancelled always leaves a reservation record (released, or a tombstone).
    else if (effects.reservation === undefined) repairs.push('CancellationNotApplied');
    if (effects.payment === 'SUCCEEDED') repairs.push('RefundMissing');
  }
  if (repairs.length === 0) return { kind: 'verified' };
  return order.attempts >= maxAttempts ? { kind: 'give-up', repairs } : { kind: 'repair', repairs };
};
