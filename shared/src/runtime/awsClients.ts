import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { countRequests } from '../observability/requestCounter';

/**
 * One client of a kind per Lambda container, created on first use at cold start. The SDK's default
 * chain supplies region, credentials and (on emulators) the endpoint.
 *
 * No SDK logger is configured, yet the SDK's logger middleware still walks every request and response
 * through its sensitive-data filter to hand the result to the no-op logger: 6 % of a consumer's CPU
 * (profiled under load). Functions log through Powertools instead, so the middleware goes.
 *
 * Each factory call is marked pure so a bundle that never uses a client drops it: a top-level call is
 * otherwise kept, and every function carried all three SDK clients (+64 KB zipped, slower cold starts).
 */
const oncePerContainer = <C extends { middlewareStack: { remove(name: string): boolean } }>(
  build: () => C,
  instrument: (client: C) => void,
): (() => C) => {
  let client: C | undefined;
  return () => {
    if (!client) {
      client = build();
      client.middlewareStack.remove('loggerMiddleware');
      instrument(client);
    }
    return client;
  };
};

export const dynamoClient = /* @__PURE__ */ oncePerContainer(
  () => new DynamoDBClient({}),
  (client) => countRequests(client, 'dynamodb'),
);
export const eventBridgeClient = /* @__PURE__ */ oncePerContainer(
  () => new EventBridgeClient({}),
  (client) => countRequests(client, 'events'),
);
export const sqsClient = /* @__PURE__ */ oncePerContainer(
  () => new SQSClient({}),
  (client) => countRequests(client, 'sqs'),
);
