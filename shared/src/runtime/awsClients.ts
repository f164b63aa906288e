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

/**
 * No SDK logger is configured, yet the SDK's logger middleware still walks every request and response
 * through its sensitive-data filter to hand the result to the no-op logger: 6 % of a consumer's CPU
 * (profiled under load). Functions log through Powertools instead, so the middleware goes.
 */
const withoutSdkLogging = <C extends { middlewareStack: { remove(name: string): boolean } }>(
  client: C,
): C => {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
};

export const dynamoClient = (): DynamoDBClient => {
  if (!dynamo) {
    dynamo = withoutSdkLogging(new DynamoDBClient({}));
    countRequests(dynamo, 'dynamodb');
  }
  return dynamo;
};

export const eventBridgeClient = (): EventBridgeClient => {
  if (!eventBridge) {
    eventBridge = withoutSdkLogging(new EventBridgeClient({}));
    countRequests(eventBridge, 'events');
  }
  return eventBridge;
};

export const sqsClient = (): SQSClient => {
  if (!sqs) {
    sqs = withoutSdkLogging(new SQSClient({}));
    countRequests(sqs, 'sqs');
  }
  return sqs;
};
