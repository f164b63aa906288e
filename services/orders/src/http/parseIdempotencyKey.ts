import { createHash } from 'node:crypto';
import { ValidationError } from '@saga/shared';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { CreateOrderRequest } from './parseCreateOrderRequest';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** What the caller is named when the stage's API is open (no IAM identity on the request). */
export const ANONYMOUS_CALLER = 'anonymous';

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * The optional `Idempotency-Key` header. API Gateway keeps the client's casing while MiniStack
 * lower-cases names, so the lookup ignores case; the value is checked here because neither
 * gateway filters control characters or non-ASCII bytes.
 */
export const parseIdempotencyKey = (
  event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'>,
): string | undefined => {
  const wanted = IDEMPOTENCY_KEY_HEADER.toLowerCase();
  const values = Object.entries(event.multiValueHeaders ?? {})
    .filter(([name]) => name.toLowerCase() === wanted)
    .flatMap(([, list]) => list ?? []);
  if (values.length > 1) throw new ValidationError(`${IDEMPOTENCY_KEY_HEADER}: send the header once`);
  const value = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === wanted)?.[1];
  if (value === undefined || value === null) return undefined;
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new ValidationError(
      `${IDEMPOTENCY_KEY_HEADER}: must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${value.length}`,
    );
  }
  if (!PRINTABLE_ASCII.test(value)) {
    throw new ValidationError(`${IDEMPOTENCY_KEY_HEADER}: only printable ASCII characters are allowed`);
  }
  return value;
};

/** The IAM principal that signed the request, when the stage requires signing. */
export const callerOf = (event: Pick<APIGatewayProxyEvent, 'requestContext'>): string =>
  event.requestContext?.identity?.userArn || ANONYMOUS_CALLER;

/** Keys sorted at every level, so the same request in any key order has one fingerprint. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** sha-256 of the parsed request: whitespace and key order do not change it, any value does. */
export const fingerprintRequest = (request: CreateOrderRequest): string =>
  createHash('sha256').update(canonicalJson(request)).digest('hex');
