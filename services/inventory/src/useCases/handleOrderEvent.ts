import {
  type Clock,
  createEnvelopes,
  type IdempotencyRepository,
  type IdGenerator,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { decideInventory } from '../domain/decideInventory';
import type { InventoryInboxEvent } from '../domain/InventoryInboxEvent';
import type { InventoryStore } from '../ports/InventoryStore';

export interface HandleOrderEventDependencies {
  readonly store: InventoryStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/** Reserve on order.created, release on order.cancelled, mark sold on order.confirmed: each exactly once. */
export const handleOrderEvent =
  ({ store, idempotency, clock, newId }: HandleOrderEventDependencies) =>
  (command: InventoryInboxEvent): Promise<ProcessOutcome> =>
    processOnce(idempotency, command.eventId, async () => {
      const orderId = command.data.orderId;
      const reservation = await store.getReservation(orderId);
      const stock =
        command.eventType === 'order.created' && !reservation
          ? await store.getStock(command.data.lines.map((line) => line.productId))
          : new Map();
      const now = clock();
      const decision = decideInventory(command, reservation, stock, now.toISOString());
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
