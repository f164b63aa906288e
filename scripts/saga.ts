import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildSagaStateRepository } from '@saga/orders/src/adapters/buildSagaStateRepository';
import { awsClientConfig } from './lib/awsClientConfig';
import { loadDeployment } from './lib/loadDeployment';
import { renderSagaTimeline } from './lib/renderSagaTimeline';

/** `make saga ORDER=<orderId>`: one saga as a timeline, read through the OrderIdIndex. */
const main = async () => {
  const orderId = process.argv[2];
  if (!orderId) throw new Error('usage: make saga ORDER=<orderId>');
  const { tables } = await loadDeployment();
  const sagas = buildSagaStateRepository(new DynamoDBClient(awsClientConfig), tables.sagaStates);
  const saga = await sagas.findByOrderId(orderId);
  if (!saga) throw new Error(`No saga for order ${orderId} in ${tables.sagaStates}`);
  console.log(renderSagaTimeline(saga));
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
