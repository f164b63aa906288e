import { dynamoClient, eventBridgeClient, sqsClient } from './awsClients';

describe('awsClients', () => {
  it.each([
    ['DynamoDB', dynamoClient],
    ['EventBridge', eventBridgeClient],
    ['SQS', sqsClient],
  ])('builds one %s client per container, without the SDK logger middleware', (_, build) => {
    const client = build();
    expect(build()).toBe(client);
    const names = client.middlewareStack.identify().join('\n');
    expect(names).toContain('retryMiddleware');
    expect(names).not.toContain('loggerMiddleware');
  });
});
