import { classifyFailure, hintFor } from '../scripts/lib/explainFailure';
import { InvalidCursorError } from './pageCursor';

/** Every error answer of the explorer's API: a name, the message, and what to do about it. */
export interface ApiErrorBody {
  readonly error: string;
  readonly message: string;
  readonly hint?: string;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

export const apiError = (status: number, error: string, message: string, hint?: string): ApiAnswer => ({
  status,
  body: { error, message, ...(hint ? { hint } : {}) } satisfies ApiErrorBody,
});

/** Turns a failure while serving a request into an answer the page can show as it is. */
export const toApiError = (error: unknown, emulatorEndpoint: string): ApiAnswer => {
  if (error instanceof BadRequestError || error instanceof InvalidCursorError) {
    return apiError(400, error.name, error.message);
  }
  const failure = classifyFailure(error, emulatorEndpoint);
  switch (failure.kind) {
    case 'unreachable':
      return apiError(
        503,
        'EmulatorUnreachable',
        `cannot reach the emulator at ${failure.endpoint} (${failure.code})`,
        `${hintFor(failure)}; this page retries by itself`,
      );
    case 'not-deployed':
      return apiError(503, 'NotDeployed', failure.detail, hintFor(failure));
    case 'other':
      return apiError(500, 'InternalError', failure.detail, 'see the explorer terminal for details');
  }
};
