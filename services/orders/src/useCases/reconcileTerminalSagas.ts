import { type Clock, mapBounded } from '@saga/shared';
import type {
  ParticipantEffects,
  ParticipantEffectsReader,
  TerminalEventRepublisher,
  VerificationQueue,
} from '../ports/SagaVerification';
import { decideReconciliation, type RepairKind } from './decideReconciliation';

export interface ReconcileDependencies {
  readonly queue: VerificationQueue;
  readonly effects: ParticipantEffectsReader;
  readonly republisher: TerminalEventRepublisher;
  readonly clock: Clock;
  readonly policy: {
    /** How long after becoming terminal (or a repair) an order's effects must be in place. */
    readonly graceMs: number;
    readonly maxAttempts: number;
    readonly batchSize: number;
    readonly concurrency: number;
  };
}

export interface ReconcileSummary {
  readonly checked: number;
  readonly verified: number;
  readonly repaired: Partial<Record<RepairKind, number>>;
  /** Orders whose terminal event was published again, for the log line. */
  readonly repairedOrders: string[];
  readonly gaveUp: string[];
  readonly republishFailed: string[];
}

/**
 * Scheduled: finds terminal sagas whose effects diverge from their outcome and repairs them through
 * the normal event path (the terminal event again, same eventId, from the outbox), never by writing
 * another service's tables.
 */
export const reconcileTerminalSagas =
  ({ queue, effects, republisher, clock, policy }: ReconcileDependencies) =>
  async (): Promise<ReconcileSummary> => {
    const now = clock();
    const due = await queue.findDue(new Date(now.getTime() - policy.graceMs), policy.batchSize);
    const repaired: Partial<Record<RepairKind, number>> = {};
    const gaveUp: string[] = [];
    const republishFailed: string[] = [];
    const repairedOrders: string[] = [];
    let verified = 0;
    const reconcileOne = async (order: (typeof due)[number], found: ParticipantEffects | undefined) => {
      if (!found) throw new Error(`No effects read for order ${order.orderId}`);
      const decision = decideReconciliation(order, found, policy.maxAttempts);
      if (decision.kind === 'verified') {
        await queue.markVerified(order.orderId);
        verified += 1;
      } else if (decision.kind === 'give-up') {
        // Left for a person: out of the index, reported by the summary (logged, metric, alarm).
        await queue.markVerified(order.orderId);
        gaveUp.push(order.orderId);
      } else if (await republisher.republish(order.terminalEventId)) {
        await queue.recordRepair(order.orderId, now, order.attempts + 1);
        repairedOrders.push(order.orderId);
        for (const kind of decision.repairs) repaired[kind] = (repaired[kind] ?? 0) + 1;
      } else {
        republishFailed.push(order.orderId);
      }
    };
    // One read for every due order's effects (a BatchGetItem per 33 orders, not three reads each),
    // then a few orders' writes at a time: a minute's worth at 1 M sagas a day (~700) fits well
    // inside one run without flooding the table (or an emulator) with a burst of updates.
    const found = await effects.readMany(due.map(({ orderId }) => orderId));
    await mapBounded(due, policy.concurrency, (order) => reconcileOne(order, found.get(order.orderId)));
    return { checked: due.length, verified, repaired, repairedOrders, gaveUp, republishFailed };
  };
