import type { SagaState } from '@saga/orders/src/domain/saga/SagaState';
import { emulatorEndpoint, isLocal } from './lib/awsClientConfig';
import { runCli } from './lib/explainFailure';
import { loadDeployment } from './lib/loadDeployment';
import { makeCommand } from './lib/makeCommand';
import { renderSagaTimeline } from './lib/renderSagaTimeline';
import { sagaClient } from './lib/sagaClient';

/** Places real orders through the deployed API and prints each order and its saga timeline. */
const scenarios = [
  {
    title: 'Happy path: stock reserved, payment charged, order confirmed, points awarded',
    order: { customerId: 'customer-123', items: [{ productId: 'product-1', quantity: 2 }] },
  },
  {
    title: 'Payment declined: stock reserved, then released by compensation',
    order: { customerId: 'customer-broke', items: [{ productId: 'product-2', quantity: 1 }] },
  },
];

/** What is still running and what to try next, so the demo never ends in silence. */
const nextSteps = (orderId: string): string => {
  return [
    '== Next',
    isLocal
      ? `still running: the emulator on ${emulatorEndpoint} (with every stack deployed and seeded)`
      : 'nothing left running locally: the stacks stay deployed on AWS',
    'try:',
    `  ${makeCommand('explorer')}    # every saga in the browser: http://127.0.0.1:${process.env.EXPLORER_PORT || 8088}/`,
    `  ${makeCommand('saga', `ORDER=${orderId}`)}    # one saga as a timeline (an orderId or a sagaId)`,
    `  ${isLocal ? makeCommand('down') : `make remove STAGE=${process.env.STAGE}`}    # stop the emulator (or remove the stacks)`,
  ].join('\n');
};

const main = async () => {
  const deployment = await loadDeployment();
  const api = sagaClient(deployment);
  console.log(`orders API: ${deployment.apiBaseUrl}\n`);
  const placed: string[] = [];
  for (const { title, order } of scenarios) {
    console.log(`== ${title}`);
    console.log(`POST /orders ${JSON.stringify(order)}`);
    const started = Date.now();
    const created = await api.placeOrder(order);
    console.log(`-> ${created.status} ${JSON.stringify(created.body)}`);
    if (created.status !== 201) throw new Error('order was not accepted');
    const orderId = String(created.body.orderId);
    placed.push(orderId);
    const final = await api.waitForTerminal(orderId);
    console.log(`GET /orders/${orderId} -> ${JSON.stringify(final)}`);
    console.log(`saga finished in ${((Date.now() - started) / 1000).toFixed(2)} s (client clock)`);
    const saga = await api.waitForSettledSaga(orderId);
    console.log(renderSagaTimeline(saga as unknown as SagaState));
    const cli = isLocal
      ? `source .venv/bin/activate && LOCALSTACK_HOST=${emulatorEndpoint.replace('http://', '')} awslocal`
      : 'aws';
    console.log(
      `\nquery it yourself:\n  ${cli} dynamodb query --table-name ${deployment.tables.sagaStates} --index-name OrderIdIndex \\\n` +
        `    --key-condition-expression "orderId = :orderId" --expression-attribute-values '{":orderId":{"S":"${orderId}"}}'\n`,
    );
  }
  console.log(nextSteps(placed.at(-1) ?? '<orderId>'));
};

runCli(main);
