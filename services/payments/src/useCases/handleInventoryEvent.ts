import {
  type Clock,
  commitDecision,
  type IdempotencyRepository,
  type IdGenerator,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { CHECKED_BY_CONDITION } from '../domain/decideCharge';
import { decidePayment } from '../domain/decidePayment';
import type { PaymentsInboxEvent } from '../domain/PaymentsInboxEvent';
import type { PaymentStore } from '../ports/PaymentStore';

export interface HandleInventoryEventDependencies {
  readonly store: PaymentStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/**
 * inventory.reserved → charge the customer's account once (or decline);
 * inventory.released → refund a charge, or void the order so no charge can follow (compensation).
 * The first attempt at an inventory.reserved reads nothing: it decides for the expected state (no
 * payment yet, balance enough), which the transaction's own conditions check. If they fail, the
 * transaction is cancelled and the next attempt reads and decides as usual. A refund needs the
 * payment's amount and customer, which no condition supplies, so compensation always reads.
 */
export const handleInventoryEvent =
  ({ store, idempotency, clock, newId }: HandleInventoryEventDependencies) =>
  (command: PaymentsInboxEvent): Promise<ProcessOutcome> =>
    processOnce(command.eventId, async (attemptNo) => {
      const orderId = command.data.orderId;
      const optimistic = attemptNo === 1 && command.eventType === 'inventory.reserved';
      const payment = optimistic ? undefined : await store.getPayment(orderId);
      const account = optimistic
        ? CHECKED_BY_CONDITION
        : command.eventType === 'inventory.reserved' && !payment
          ? await store.getAccount(command.data.customerId)
          : undefined;
      const decision = decidePayment(command, payment, account, { at: clock().toISOString(), newId });
      return commitDecision(decision, {
        event: { eventId: command.eventId, eventType: command.eventType, orderId },
        attemptNo,
        idempotency,
        clock,
        newId,
        commit: (write) => store.commit(write),
      });
    });
