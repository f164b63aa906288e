import { emulatorEndpoint, isLocal } from './awsClientConfig';

/** Error codes of a request that never reached a server (refused, reset, unresolvable, timed out). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export type Failure =
  | { readonly kind: 'unreachable'; readonly endpoint: string; readonly code: string }
  | { readonly kind: 'not-deployed'; readonly detail: string }
  | { readonly kind: 'other'; readonly detail: string };

interface ErrorLike {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
}

/** The error and everything it wraps: `cause` chains (fetch) and `errors` lists (AggregateError). */
const chain = (error: unknown, depth = 0): ErrorLike[] => {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const e = error as ErrorLike;
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((inner) => chain(inner, depth + 1)) : [];
  return [e, ...chain(e.cause, depth + 1), ...nested];
};

const messageOf = (error: unknown): string => {
  const message = (error as ErrorLike | null)?.message;
  return typeof message === 'string' ? message : String(error);
};

/** Sorts a failure into what the user can act on. `fallbackEndpoint`: where the call was going. */
export const classifyFailure = (error: unknown, fallbackEndpoint = emulatorEndpoint): Failure => {
  const links = chain(error);
  const refused = links.find((e) => typeof e.code === 'string' && CONNECTION_CODES.has(e.code));
  if (refused) {
    const at = links.find((e) => typeof e.address === 'string' && typeof e.port === 'number');
    const endpoint = at ? `http://${String(at.address)}:${String(at.port)}` : fallbackEndpoint;
    return { kind: 'unreachable', endpoint, code: String(refused.code) };
  }
  const message = messageOf(error);
  // Node's own wording, kept when a wrapper drops the fields (the SDK does, across Jest's realms).
  const worded = /\b(E[A-Z]+) (\d{1,3}(?:\.\d{1,3}){3}|\[[\d:a-f]+\]):(\d+)/.exec(message);
  if (worded?.[1] && CONNECTION_CODES.has(worded[1])) {
    return { kind: 'unreachable', endpoint: `http://${worded[2]}:${worded[3]}`, code: worded[1] };
  }
  // CloudFormation's answer for a missing stack, and loadDeployment's for a missing output.
  if (/Stack with id .* does not exist|has no output .*: is it deployed\?/.test(message)) {
    return { kind: 'not-deployed', detail: message };
  }
  return { kind: 'other', detail: message };
};

/** What to do about a failure, as one sentence. */
export const hintFor = (failure: Failure): string => {
  switch (failure.kind) {
    case 'unreachable':
      return isLocal
        ? 'start the emulator with `make up`, or set EMULATOR_PORT=<port> to the one that is running'
        : 'check your network and AWS credentials for this stage';
    case 'not-deployed':
      return 'deploy the stacks with `make deploy` (or `make deploy-stacks` onto a running emulator)';
    case 'other':
      return '';
  }
};

/** One line for a terminal: what failed, where, and the fix. */
export const describeFailure = (error: unknown, fallbackEndpoint = emulatorEndpoint): string => {
  const failure = classifyFailure(error, fallbackEndpoint);
  switch (failure.kind) {
    case 'unreachable':
      return `cannot reach ${failure.endpoint} (${failure.code}): ${hintFor(failure)}`;
    case 'not-deployed':
      return `${failure.detail}: ${hintFor(failure)}`;
    case 'other':
      return failure.detail;
  }
};

/** Runs a script's main: any failure becomes one line on stderr and exit code 1 (the stack with DEBUG=1). */
export const runCli = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    console.error(describeFailure(error));
    if (process.env.DEBUG) console.error(error);
    process.exit(1);
  });
};
