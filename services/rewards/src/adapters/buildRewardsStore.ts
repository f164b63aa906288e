import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { TransactionWriter } from '@saga/shared';
import type { RewardsStore } from '../ports/RewardsStore';

export interface RewardsStoreDependencies {
  readonly client: DynamoDBClient;
  readonly awardsTable: string;
  readonly balancesTable: string;
  readonly transaction: TransactionWriter;
}

export const buildRewardsStore = ({
  client,
  awardsTable,
  balancesTable,
  transaction,
}: RewardsStoreDependencies): RewardsStore => ({
  async hasAward(orderId) {
    const result = await client.send(
      new GetItemCommand({ TableName: awardsTable, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
    );
    return result.Item !== undefined;
  },
  award: (award) =>
    transaction.write([
      {
        Put: {
          TableName: awardsTable,
          Item: marshall(award),
          ConditionExpression: 'attribute_not_exists(orderId)',
        },
      },
      {
        Update: {
          TableName: balancesTable,
          Key: { customerId: { S: award.customerId } },
          UpdateExpression: 'ADD points :points, awards :one SET updatedAt = :at',
          ExpressionAttributeValues: {
            ':points': { N: String(award.points) },
            ':one': { N: '1' },
            ':at': { S: award.awardedAt },
          },
        },
      },
    ]),
});
