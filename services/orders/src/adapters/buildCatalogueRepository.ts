import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGetItems, type CatalogueEntry } from '@saga/shared';
import type { CatalogueRepository } from '../ports/CatalogueRepository';

export const buildCatalogueRepository = (client: DynamoDBClient, tableName: string): CatalogueRepository => ({
  getMany: (productIds) => batchGetItems<CatalogueEntry>(client, tableName, 'productId', productIds),
});
