import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DynamoDBStreamEvent } from 'aws-lambda';

const bus = new EventBridgeClient({});

/** Publishes every new hop item, nothing else: the relay's transport cost without its bookkeeping. */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const entries = event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (!image?.chainId?.S || !image.hop?.N) return [];
    return [
      {
        EventBusName: process.env.BUS_NAME,
        Source: 'saga.floor',
        DetailType: 'floor.hop',
        Detail: JSON.stringify({ chainId: image.chainId.S, hop: Number(image.hop.N), at: image.at?.S }),
      },
    ];
  });
  if (entries.length > 0) await bus.send(new PutEventsCommand({ Entries: entries }));
};
