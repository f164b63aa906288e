import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildSagaStateRepository } from '@saga/orders/src/adapters/buildSagaStateRepository';
import type { SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import { awsClientConfig } from './lib/awsClientConfig';
import { runCli } from './lib/explainFailure';
import { loadDeployment } from './lib/loadDeployment';
import { renderSagaList } from './lib/renderSagaList';

const STATUSES: SagaStatus[] = ['STARTED', 'COMPENSATING', 'COMPENSATION_FAILED', 'COMPLETED', 'COMPENSATED'];

/** `make sagas [STATUS=...] [LIMIT=20]`: recent or stuck sagas through the StatusIndex, never a scan. */
const main = async () => {
  const wanted = (process.env.STATUS || '').toUpperCase();
  if (wanted && !STATUSES.includes(wanted as SagaStatus)) {
    throw new Error(`STATUS must be one of ${STATUSES.join(', ')}`);
  }
  const limit = Number(process.env.LIMIT || 20);
  const { tables } = await loadDeployment();
  const sagas = buildSagaStateRepository(new DynamoDBClient(awsClientConfig), tables.sagaStates);
  const statuses = wanted ? [wanted as SagaStatus] : STATUSES;
  const found = (await Promise.all(statuses.map((status) => sagas.findRecentByStatus(status, limit))))
    .flat()
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .slice(0, limit);
  console.log(renderSagaList(found, new Date()));
};

runCli(main);
