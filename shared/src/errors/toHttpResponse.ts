import type { APIGatewayProxyResult } from 'aws-lambda';
import { jsonResponse } from '../http/jsonResponse';
import { IdempotencyKeyMismatchError } from './IdempotencyKeyMismatchError';
import { IdempotentRequestInFlightError } from './IdempotentRequestInFlightError';
import { NotFoundError } from './NotFoundError';
import { ValidationError } from './ValidationError';

/** The one place that turns errors into HTTP answers; unknown errors become an opaque 500. */
export const toHttpResponse = (error: unknown): APIGatewayProxyResult => {
  if (error instanceof ValidationError) {
    return jsonResponse(400, { error: error.name, message: error.message, issues: error.issues });
  }
  if (error instanceof NotFoundError) {
    return jsonResponse(404, { error: error.name, message: error.message });
  }
  if (error instanceof IdempotentRequestInFlightError) {
    return jsonResponse(
      409,
      { error: error.name, message: error.message },
      { 'Retry-After': String(error.retryAfterSeconds) },
    );
  }
  if (error instanceof IdempotencyKeyMismatchError) {
    return jsonResponse(422, { error: error.name, message: error.message });
  }
  return jsonResponse(500, { error: 'InternalError', message: 'Internal server error' });
};
