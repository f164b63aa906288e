/**
 * A conditional write or transaction was rejected because the data changed underneath us
 * (optimistic concurrency, a duplicate claim, or a guard such as stock >= quantity).
 * Callers re-read and decide again.
 */
export class TransactionConflictError extends Error {
  override readonly name = 'TransactionConflictError';
  constructor(
    message: string,
    /** Per-item cancellation codes when the store reports them (not every emulator does). */
    readonly reasons: readonly (string | undefined)[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
