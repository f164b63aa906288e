/**
 * Another request with the same `Idempotency-Key` is still being processed (IETF draft: 409).
 * Retrying after `retryAfterSeconds` replays its answer once it has committed.
 */
export class IdempotentRequestInFlightError extends Error {
  override readonly name = 'IdempotentRequestInFlightError';
  constructor(
    readonly key: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`A request with Idempotency-Key "${key}" is still in progress; retry later`, options);
  }
}
