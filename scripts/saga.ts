import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildSagaStateRepository } from '@saga/orders/src/adapters/buildSagaStateRepository';
import { awsClientConfig } from './lib/awsClientConfig';
import { runCli } from './lib/explainFailure';
import { loadDeployment } from './lib/loadDeployment';
import { renderSagaTimeline } from './lib/renderSagaTimeline';

/**
 * `make saga ORDER=<orderId or sagaId>`: one saga as a timeline. A sagaId is the table's key; an
 * orderId goes through the OrderIdIndex. Both are tried, so a pasted id of either kind works.
 */
runCli(async () => {
  const id = process.argv[2]?.trim();
  if (!id) throw new Error('usage: make saga ORDER=<orderId or sagaId>');
  const { tables } = await loadDeployment();
  const sagas = buildSagaStateRepository(new DynamoDBClient(awsClientConfig), tables.sagaStates);
  const [bySagaId, byOrderId] = await Promise.all([sagas.get(id), sagas.findByOrderId(id)]);
  const saga = bySagaId ?? byOrderId;
  if (!saga) {
    throw new Error(
      `No saga with order id or saga id ${id} in ${tables.sagaStates}: list recent ones with \`make sagas\``,
    );
  }
  console.log(renderSagaTimeline(saga));
});
