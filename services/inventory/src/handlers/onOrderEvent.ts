import { eventTypesConsumedBy, queueEventHandler } from '@saga/shared';
import { wireInventory } from '../dependencies';
import type { InventoryCommand } from '../domain/InventoryCommand';
import { handleOrderEvent } from '../useCases/handleOrderEvent';

/** order.created → reserve; order.cancelled → release (compensation); order.confirmed → sold. */
export const handler = queueEventHandler<InventoryCommand>(
  eventTypesConsumedBy('inventory'),
  handleOrderEvent(wireInventory()),
);
