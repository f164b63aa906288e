import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { toHttpResponse } from '../errors/toHttpResponse';
import { logger } from '../logging/logger';
import { flushMetrics } from '../observability/flushMetrics';
import { withLambdaContext } from './withLambdaContext';

/** Wraps an API route: one place logs failures and maps them to HTTP answers. */
export const httpHandler = (route: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>) =>
  withLambdaContext(async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    logger.appendKeys({ requestId: event.requestContext?.requestId });
    try {
      return await route(event);
    } catch (error) {
      const response = toHttpResponse(error);
      if (response.statusCode >= 500) logger.error('Request failed', { error });
      else logger.info('Request rejected', { statusCode: response.statusCode, error: String(error) });
      return response;
    } finally {
      flushMetrics();
      logger.resetKeys();
    }
  });
