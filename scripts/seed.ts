import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { awsClientConfig } from './lib/awsClientConfig';
import { runCli } from './lib/explainFailure';
import { loadDeployment } from './lib/loadDeployment';

/** Demo data: prices in the orders catalogue, stock in inventory, balances in payments. */
export const demoProducts = [
  { productId: 'product-1', name: 'Widget', unitPriceCents: 1999, stock: 100 },
  { productId: 'product-2', name: 'Gadget', unitPriceCents: 4950, stock: 5 },
  { productId: 'product-3', name: 'Gizmo', unitPriceCents: 500, stock: 0 },
];

export const demoAccounts = [
  { customerId: 'customer-123', balanceCents: 100_000 },
  { customerId: 'customer-broke', balanceCents: 1_000 },
];

const main = async () => {
  const { tables } = await loadDeployment();
  const client = new DynamoDBClient(awsClientConfig);
  const put = (TableName: string, item: Record<string, unknown>) =>
    client.send(new PutItemCommand({ TableName, Item: marshall(item) }));
  for (const { productId, name, unitPriceCents, stock } of demoProducts) {
    await put(tables.catalogue, { productId, name, unitPriceCents, currency: 'USD' });
    await put(tables.stock, { productId, available: stock, reserved: 0, sold: 0 });
  }
  for (const account of demoAccounts) await put(tables.accounts, account);
  console.log(`seeded ${demoProducts.length} products and ${demoAccounts.length} payment accounts`);
};

runCli(main);
