import {
  type Clock,
  commitDecision,
  type IdempotencyRepository,
  type IdGenerator,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { decideInventory } from '../domain/decideInventory';
import { CHECKED_BY_CONDITION } from '../domain/decideReservation';
import type { InventoryInboxEvent } from '../domain/InventoryInboxEvent';
import type { InventoryStore } from '../ports/InventoryStore';

export interface HandleOrderEventDependencies {
  readonly store: InventoryStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/**
 * Reserve on order.created, release on order.cancelled, mark sold on order.confirmed: each exactly once.
 * The first attempt at an order.created reads nothing: it decides for the expected state (no
 * reservation, enough stock), which the transaction's own conditions check. If they fail, the
 * transaction is cancelled and the next attempt reads and decides as usual. Confirmation and
 * release need the reservation's lines, which no condition supplies, so they always read.
 */
export const handleOrderEvent =
  ({ store, idempotency, clock, newId }: HandleOrderEventDependencies) =>
  (command: InventoryInboxEvent): Promise<ProcessOutcome> =>
    processOnce(command.eventId, async (attemptNo) => {
      const orderId = command.data.orderId;
      const optimistic = attemptNo === 1 && command.eventType === 'order.created';
      const reservation = optimistic ? undefined : await store.getReservation(orderId);
      const stock = optimistic
        ? CHECKED_BY_CONDITION
        : command.eventType === 'order.created' && !reservation
          ? await store.getStock(command.data.lines.map((line) => line.productId))
          : new Map();
      const decision = decideInventory(command, reservation, stock, clock().toISOString());
      return commitDecision(decision, {
        event: { eventId: command.eventId, eventType: command.eventType, orderId },
        attemptNo,
        idempotency,
        clock,
        newId,
        commit: (write) => store.commit(write),
      });
    });
