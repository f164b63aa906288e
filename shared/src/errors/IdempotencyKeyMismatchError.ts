/**
 * An `Idempotency-Key` already used with a different request body (IETF draft: 422).
 * Nothing is written; the client must pick a new key for a new request.
 */
export class IdempotencyKeyMismatchError extends Error {
  override readonly name = 'IdempotencyKeyMismatchError';
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used with a different request body`);
  }
}
