import {
  type Clock,
  createEnvelopes,
  type IdempotencyRepository,
  type IdGenerator,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
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
 */
export const handleInventoryEvent =
  ({ store, idempotency, clock, newId }: HandleInventoryEventDependencies) =>
  (command: PaymentsInboxEvent): Promise<ProcessOutcome> =>
    processOnce(idempotency, command.eventId, async () => {
      const orderId = command.data.orderId;
      const payment = await store.getPayment(orderId);
      const account =
        command.eventType === 'inventory.reserved' && !payment
          ? await store.getAccount(command.data.customerId)
          : undefined;
      const now = clock();
      const decision = decidePayment(command, payment, account, { at: now.toISOString(), newId });
      await store.commit({
        changes: decision.changes,
        events: createEnvelopes({ clock, newId }, decision.replies, {
          correlationId: orderId,
          causationId: command.eventId,
        }),
        processed: {
          eventId: command.eventId,
          eventType: command.eventType,
          aggregateId: orderId,
          processedAt: now,
        },
      });
    });
