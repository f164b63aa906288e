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
import { buildPaymentStore } from './adapters/buildPaymentStore';

/** Wires the payments service once per cold start. */
export const wirePayments = () => {
  const client = dynamoClient();
  const idempotency = buildIdempotencyRepository(client, getEnv('IDEMPOTENCY_TABLE'));
  const store = buildPaymentStore({
    client,
    accountsTable: getEnv('ACCOUNTS_TABLE'),
    paymentsTable: getEnv('PAYMENTS_TABLE'),
    outbox: buildOutboxRepository(client, getEnv('OUTBOX_TABLE')),
    idempotency,
    transaction: withTransactionFaults(buildTransactionWriter(client), loadFaultPlans()),
  });
  return { store, idempotency, clock: systemClock, newId: uuidGenerator };
};
