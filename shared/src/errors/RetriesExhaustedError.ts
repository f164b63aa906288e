/** Optimistic retries ran out under contention; the delivery is failed so the platform redelivers it. */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
}
