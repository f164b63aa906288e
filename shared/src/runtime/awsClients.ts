import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * One client of each kind per Lambda container, created on first use at cold start.
 * The SDK's default chain supplies region, credentials and (on emulators) the endpoint.
 */
let dynamo: DynamoDBClient | undefined;
let eventBridge: EventBridgeClient | undefined;
let sqs: SQSClient | undefined;

export const dynamoClient = (): DynamoDBClient => {
  dynamo ??= new DynamoDBClient({});
  return dynamo;
};

export const eventBridgeClient = (): EventBridgeClient => {
  eventBridge ??= new EventBridgeClient({});
  return eventBridge;
};

export const sqsClient = (): SQSClient => {
  sqs ??= new SQSClient({});
  return sqs;
};
