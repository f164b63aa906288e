import type { DecidedWrite } from '@saga/shared';
import type { InventoryChange } from '../domain/decideInventory';
import type { Reservation } from '../domain/Reservation';
import type { StockLevel } from '../domain/StockLevel';

/** The changes, their replies and, when one is needed, the event's dedupe record (commitDecision). */
export type InventoryWrite = DecidedWrite<InventoryChange>;

/** Stock and reservations; every change commits with its outbox events, in one transaction. */
export interface InventoryStore {
  getReservation(orderId: string): Promise<Reservation | undefined>;
  getStock(productIds: readonly string[]): Promise<Map<string, StockLevel>>;
  commit(write: InventoryWrite): Promise<void>;
}
