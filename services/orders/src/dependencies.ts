import {
  buildIdempotencyRepository,
  buildOutboxRepository,
  buildTransactionWriter,
  dynamoClient,
  getEnv,
  loadFaultPlan,
  metrics,
  systemClock,
  uuidGenerator,
  withTransactionFaults,
} from '@saga/shared';
import { buildCatalogueRepository } from './adapters/buildCatalogueRepository';
import { buildOrderStore } from './adapters/buildOrderStore';
import { buildSagaStateRepository } from './adapters/buildSagaStateRepository';
import { buildMetricsSagaObserver } from './observability/buildMetricsSagaObserver';

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
    sagas: buildSagaStateRepository(client, getEnv('SAGA_TABLE')),
    outbox: buildOutboxRepository(client, getEnv('OUTBOX_TABLE')),
    idempotency,
    transaction: withTransactionFaults(buildTransactionWriter(client), loadFaultPlan()),
  });
  const catalogue = buildCatalogueRepository(client, getEnv('CATALOGUE_TABLE'));
  const observer = buildMetricsSagaObserver(metrics);
  return { store, catalogue, idempotency, clock: systemClock, newId: uuidGenerator, observer };
};
