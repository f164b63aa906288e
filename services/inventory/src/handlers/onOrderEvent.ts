import { eventTypesConsumedBy, queueEventHandler } from '@saga/shared';
import { wireInventory } from '../dependencies';
import type { InventoryInboxEvent } from '../domain/InventoryInboxEvent';
import { handleOrderEvent } from '../useCases/handleOrderEvent';

/** order.created → reserve; order.cancelled → release (compensation); order.confirmed → sold. */
export const handler = queueEventHandler<InventoryInboxEvent>(
  eventTypesConsumedBy('inventory'),
  handleOrderEvent(wireInventory()),
);
