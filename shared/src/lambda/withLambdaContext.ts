import type { Context } from 'aws-lambda';
import { logger } from '../logging/logger';

/**
 * The one place a wrapper takes the Lambda context: every log line of the invocation then carries
 * the request id, function name and version, memory and whether this was a cold start. The keys
 * outlive `logger.resetKeys()` and are replaced by the next invocation's.
 */
export const withLambdaContext =
  <E, R, C extends Partial<Context> = Context>(handler: (event: E, context?: C) => Promise<R>) =>
  (event: E, context?: C): Promise<R> => {
    // Tests and local scripts call handlers without a context, or with the part they need.
    if (context) logger.addContext(context as Context);
    return handler(event, context);
  };
