import {
  buildIdempotencyRepository,
  buildMetricsSagaObserver,
  buildOutboxRepository,
  buildSagaStateRepository,
  buildTransactionWriter,
  dynamoClient,
  getEnv,
  loadFaultPlans,
  metrics,
  systemClock,
  uuidGenerator,
  withTransactionFaults,
} from '@saga/shared';
import { buildCatalogueRepository } from './adapters/buildCatalogueRepository';
import { buildOrderStore } from './adapters/buildOrderStore';

/**
 * Wires the orders service once per cold start. Table names are service-wide configuration;
 * what each function may actually touch is limited by its own IAM role.
 */
export const wireOrders = () => {
  const client = dynamoClient();
  const idempotency = buildIdempotencyRepository(client, getEnv('IDEMPOTENCY_TABLE'));
  const store = buildOrderStore({
    client,
    ordersTable: getEnv('ORDERS_TABLE'),
    requestKeysTable: getEnv('REQUEST_KEYS_TABLE'),
    sagas: buildSagaStateRepository(client, getEnv('SAGA_TABLE')),
    outbox: buildOutboxRepository(client, getEnv('OUTBOX_TABLE')),
    idempotency,
    transaction: withTransactionFaults(buildTransactionWriter(client), loadFaultPlans()),
  });
  const catalogue = buildCatalogueRepository(client, getEnv('CATALOGUE_TABLE'));
  const observer = buildMetricsSagaObserver(metrics);
  return { store, catalogue, idempotency, clock: systemClock, newId: uuidGenerator, observer };
};
