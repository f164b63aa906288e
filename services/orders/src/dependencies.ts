import {
  buildOutboxRepository,
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
import { buildSagaStateRepository } from './adapters/buildSagaStateRepository';
import { withCatalogueCache } from './adapters/withCatalogueCache';
import { buildMetricsSagaObserver } from './observability/buildMetricsSagaObserver';

/** A price change reaches new orders within this time. */
const CATALOGUE_CACHE_TTL_MS = 5_000;

/**
 * Wires the orders service once per cold start. Table names are service-wide configuration;
 * what each function may actually touch is limited by its own IAM role.
 */
export const wireOrders = () => {
  const client = dynamoClient();
  const store = buildOrderStore({
    client,
    ordersTable: getEnv('ORDERS_TABLE'),
    requestKeysTable: getEnv('REQUEST_KEYS_TABLE'),
    sagas: buildSagaStateRepository(client, getEnv('SAGA_TABLE')),
    outbox: buildOutboxRepository(client, getEnv('OUTBOX_TABLE')),
    transaction: withTransactionFaults(buildTransactionWriter(client), loadFaultPlans()),
  });
  // A warm createOrder reuses prices it read in the last few seconds (one BatchGetItem saved per order).
  const catalogue = withCatalogueCache(buildCatalogueRepository(client, getEnv('CATALOGUE_TABLE')), {
    ttlMs: CATALOGUE_CACHE_TTL_MS,
  });
  const observer = buildMetricsSagaObserver(metrics);
  return { store, catalogue, clock: systemClock, newId: uuidGenerator, observer };
};
