import { runCli } from './lib/explainFailure';
import { loadDeployment } from './lib/loadDeployment';
import { makeCommand } from './lib/makeCommand';
import { sagaClient } from './lib/sagaClient';

/** `make order CUSTOMER=… PRODUCT=… QTY=…`: one order through the deployed API, and how to follow it. */
runCli(async () => {
  const customerId = process.env.CUSTOMER || 'customer-123';
  const productId = process.env.PRODUCT || 'product-1';
  const quantity = Number(process.env.QTY || 1);
  const api = sagaClient(await loadDeployment());
  const { status, body } = await api.placeOrder({ customerId, items: [{ productId, quantity }] });
  if (status !== 201) {
    throw new Error(`order rejected (${status}): ${String(body.message ?? JSON.stringify(body))}`);
  }
  const total = `${(Number(body.totalCents) / 100).toFixed(2)} ${String(body.currency)}`;
  console.log(`order ${String(body.orderId)}  ${String(body.status)}  ${total}  saga ${String(body.sagaId)}`);
  console.log(`follow it: ${makeCommand('saga', `ORDER=${String(body.orderId)}`)}`);
});
