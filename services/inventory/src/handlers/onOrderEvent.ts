import { eventHandler, type InventoryCommand, inventoryCommandTypes } from '@saga/shared';
import { wireInventory } from '../dependencies';
import { handleOrderEvent } from '../useCases/handleOrderEvent';

/** order.created → reserve; order.cancelled → release (compensation); order.confirmed → sold. */
export const handler = eventHandler<InventoryCommand>(
  inventoryCommandTypes,
  handleOrderEvent(wireInventory()),
);
