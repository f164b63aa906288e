import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Deployment } from '../../scripts/lib/loadDeployment';

export interface BenchFixtures {
  readonly order: (i: number) => { customerId: string; items: { productId: string; quantity: number }[] };
}

const putAll = async (client: DynamoDBClient, table: string, items: Record<string, unknown>[]) => {
  for (let i = 0; i < items.length; i += 25) {
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [table]: items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item) } })),
        },
      }),
    );
  }
};

/**
 * Products with plenty of stock and customers with plenty of money, spread so that no single item
 * is the bottleneck: every saga of a benchmark should confirm.
 */
export const seedBenchFixtures = async (
  client: DynamoDBClient,
  { tables }: Deployment,
  prefix: string,
  orders: number,
): Promise<BenchFixtures> => {
  const products = Array.from({ length: 10 }, (_, i) => `${prefix}-p${i}`);
  const customers = Array.from({ length: Math.max(5, Math.ceil(orders / 5)) }, (_, i) => `${prefix}-c${i}`);
  await putAll(
    client,
    tables.catalogue,
    products.map((productId) => ({ productId, unitPriceCents: 1000, currency: 'USD' })),
  );
  await putAll(
    client,
    tables.stock,
    products.map((productId) => ({ productId, available: orders * 3, reserved: 0, sold: 0 })),
  );
  await putAll(
    client,
    tables.accounts,
    customers.map((customerId) => ({ customerId, balanceCents: 1_000_000_000 })),
  );
  return {
    order: (i) => ({
      customerId: customers[i % customers.length] as string,
      items: [{ productId: products[i % products.length] as string, quantity: 1 }],
    }),
  };
};
