import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export class ExplorerClosedError extends Error {
  override readonly name = 'ExplorerClosedError';
}

/**
 * A DynamoDB client the explorer can close while a page's reads are still running (a fan-out over
 * every index shard takes seconds on a slow emulator). Closing drops its connections, which fails
 * the reads in flight; the check below the retry step then stops their retries and any read that
 * would start, so nothing opens a new connection and the process is free to exit.
 */
export const buildClosableDynamoClient = (config: DynamoDBClientConfig) => {
  const client = new DynamoDBClient(config);
  let closed = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (closed) throw new ExplorerClosedError('the explorer has closed: no more reads');
      return next(args);
    },
    // After the retry middleware (finalizeRequest, high): checked on every attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'explorerClosed' },
  );
  return {
    client,
    close: () => {
      closed = true;
      client.destroy();
    },
  };
};
