import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CatalogueEntry } from '@saga/shared';
import type { CatalogueRepository } from '../ports/CatalogueRepository';

const MAX_KEYS_PER_BATCH = 100;

export const buildCatalogueRepository = (client: DynamoDBClient, tableName: string): CatalogueRepository => ({
  async getMany(productIds) {
    const found = new Map<string, CatalogueEntry>();
    const unique = [...new Set(productIds)];
    for (let start = 0; start < unique.length; start += MAX_KEYS_PER_BATCH) {
      let keys = unique
        .slice(start, start + MAX_KEYS_PER_BATCH)
        .map((productId) => ({ productId: { S: productId } }));
      // BatchGet may return part of the keys unprocessed under throttling; ask again for those.
      for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
        const result = await client.send(
          new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[tableName] ?? []) {
          const entry = unmarshall(item) as CatalogueEntry;
          found.set(entry.productId, entry);
        }
        keys = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keys;
      }
      if (keys.length > 0) throw new Error('Catalogue lookup throttled; try again');
    }
    return found;
  },
});
