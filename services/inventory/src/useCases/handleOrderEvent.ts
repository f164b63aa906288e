import {
  type AnyEventEnvelope,
  type Clock,
  createEnvelope,
  type IdempotencyRepository,
  type IdGenerator,
  type ProcessOutcome,
  processOnce,
} from '@saga/shared';
import { decideInventory, type InventoryAction } from '../domain/decideInventory';
import type { InventoryCommand } from '../domain/InventoryCommand';
import type { InventoryStore } from '../ports/InventoryStore';

export interface HandleOrderEventDependencies {
  readonly store: InventoryStore;
  readonly idempotency: IdempotencyRepository;
  readonly clock: Clock;
  readonly newId: IdGenerator;
}

/** The replies an action owes the saga. */
const repliesFor = (
  context: { clock: Clock; newId: IdGenerator },
  command: InventoryCommand,
  action: InventoryAction,
): AnyEventEnvelope[] => {
  const orderId = command.data.orderId;
  const link = { correlationId: orderId, causationId: command.eventId };
  switch (action.kind) {
    case 'reserve':
      if (command.eventType !== 'order.created') return [];
      return [
        createEnvelope(
          context,
          'inventory.reserved',
          {
            orderId,
            customerId: command.data.customerId,
            lines: action.lines,
            totalCents: command.data.totalCents,
            currency: command.data.currency,
          },
          link,
        ),
      ];
    case 'reject':
      return [
        createEnvelope(
          context,
          'inventory.reservation.failed',
          { orderId, reason: action.reason, shortages: action.shortages },
          link,
        ),
      ];
    case 'release':
      return [
        createEnvelope(
          context,
          'inventory.released',
          { orderId, releasedLines: [...action.reservation.lines] },
          link,
        ),
      ];
    case 'void':
    case 'confirm-nothing-held':
      return [createEnvelope(context, 'inventory.released', { orderId, releasedLines: [] }, link)];
    case 'commit':
    case 'ignore':
      return [];
    default: {
      const unhandled: never = action;
      throw new TypeError(`Unhandled inventory action ${JSON.stringify(unhandled)}`);
    }
  }
};

/** Reserve on order.created, release on order.cancelled, mark sold on order.confirmed: each exactly once. */
export const handleOrderEvent =
  ({ store, idempotency, clock, newId }: HandleOrderEventDependencies) =>
  (command: InventoryCommand): Promise<ProcessOutcome> =>
    processOnce(idempotency, command.eventId, async () => {
      const orderId = command.data.orderId;
      const reservation = await store.getReservation(orderId);
      const stock =
        command.eventType === 'order.created' && !reservation
          ? await store.getStock(command.data.lines.map((line) => line.productId))
          : new Map();
      const action = decideInventory(command, reservation, stock);
      await store.commit({
        orderId,
        action,
        events: repliesFor({ clock, newId }, command, action),
        processed: {
          eventId: command.eventId,
          eventType: command.eventType,
          aggregateId: orderId,
          processedAt: clock(),
        },
      });
    });
