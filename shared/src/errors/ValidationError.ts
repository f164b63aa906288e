export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** Client input that breaks the contract; maps to HTTP 400 and nothing is written. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
  }
}
