import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGetItems } from '@saga/shared';
import type { CatalogueEntry } from '../domain/order/priceOrder';
import type { CatalogueRepository } from '../ports/CatalogueRepository';

export const buildCatalogueRepository = (client: DynamoDBClient, tableName: string): CatalogueRepository => ({
  getMany: (productIds) => batchGetItems<CatalogueEntry>(client, tableName, 'productId', productIds),
});
