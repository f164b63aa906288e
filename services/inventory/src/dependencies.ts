import {
  buildIdempotencyRepository,
  buildOutboxRepository,
  buildTransactionWriter,
  dynamoClient,
  getEnv,
  loadFaultPlans,
  systemClock,
  uuidGenerator,
  withTransactionFaults,
} from '@saga/shared';
import { buildInventoryStore } from './adapters/buildInventoryStore';

/** Wires the inventory service once per cold start. */
export const wireInventory = () => {
  const client = dynamoClient();
  const idempotency = buildIdempotencyRepository(client, getEnv('IDEMPOTENCY_TABLE'));
  const store = buildInventoryStore({
    client,
    stockTable: getEnv('STOCK_TABLE'),
    reservationsTable: getEnv('RESERVATIONS_TABLE'),
    outbox: buildOutboxRepository(client, getEnv('OUTBOX_TABLE')),
    idempotency,
    transaction: withTransactionFaults(buildTransactionWriter(client), loadFaultPlans()),
  });
  return { store, idempotency, clock: systemClock, newId: uuidGenerator };
};
