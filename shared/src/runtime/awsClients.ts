import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { countRequests } from '../observability/requestCounter';

/**
 * One client of each kind per Lambda container, created on first use at cold start.
 * The SDK's default chain supplies region, credentials and (on emulators) the endpoint.
 */
let dynamo: DynamoDBClient | undefined;
let eventBridge: EventBridgeClient | undefined;
let sqs: SQSClient | undefined;

export const dynamoClient = (): DynamoDBClient => {
  if (!dynamo) {
    dynamo = new DynamoDBClient({});
    countRequests(dynamo, 'dynamodb');
  }
  return dynamo;
};

export const eventBridgeClient = (): EventBridgeClient => {
  if (!eventBridge) {
    eventBridge = new EventBridgeClient({});
    countRequests(eventBridge, 'events');
  }
  return eventBridge;
};

export const sqsClient = (): SQSClient => {
  if (!sqs) {
    sqs = new SQSClient({});
    countRequests(sqs, 'sqs');
  }
  return sqs;
};
