import type { AnyEventEnvelope, ProcessedEvent } from '@saga/shared';
import type { InventoryChange } from '../domain/decideInventory';
import type { Reservation } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';

export interface InventoryWrite {
  readonly changes: readonly InventoryChange[];
  readonly events: readonly AnyEventEnvelope[];
  readonly processed: ProcessedEvent;
}

/** Stock and reservations; every change commits with its dedupe record and outbox events. */
export interface InventoryStore {
  getReservation(orderId: string): Promise<Reservation | undefined>;
  getStock(productIds: readonly string[]): Promise<Map<string, StockLevel>>;
  commit(write: InventoryWrite): Promise<void>;
}
