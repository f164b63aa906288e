import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { type Hop, hopId, LAST_HOP } from './hop';

const dynamo = new DynamoDBClient({});

/** Writes the next hop of each chain (one PutItem), until the last: the consumer's transport cost. */
export const handler = async (event: SQSEvent): Promise<void> => {
  for (const record of event.Records) {
    const { detail } = JSON.parse(record.body) as { detail: Hop };
    if (detail.hop >= LAST_HOP) continue;
    const hop = detail.hop + 1;
    await dynamo.send(
      new PutItemCommand({
        TableName: process.env.HOPS_TABLE,
        Item: {
          id: { S: hopId(detail.chainId, hop) },
          chainId: { S: detail.chainId },
          hop: { N: String(hop) },
          at: { S: new Date().toISOString() },
        },
      }),
    );
  }
};
