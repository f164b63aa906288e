import type { MiddlewareStack } from '@smithy/types';

/**
 * Counts the AWS requests a function makes, per invocation, for the cost model: one count per
 * command, plus the items that drive the bill (transaction items, batch keys, bus entries).
 * Logged once per invocation by the Lambda wrappers, then reset. In-memory only: no extra I/O.
 */
const counts = new Map<string, number>();

const add = (key: string, n = 1) => counts.set(key, (counts.get(key) ?? 0) + n);

type Input = {
  TransactItems?: unknown[];
  RequestItems?: Record<string, { Keys?: unknown[] }>;
  Entries?: unknown[];
};

export const countRequests = <I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  service: string,
): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as { commandName?: string }).commandName ?? 'unknown').replace(
        /Command$/,
        '',
      );
      add(`${service}.${command}`);
      const input = (args as { input: Input }).input;
      if (input.TransactItems) add(`${service}.${command}.items`, input.TransactItems.length);
      if (input.Entries) add(`${service}.${command}.entries`, input.Entries.length);
      if (input.RequestItems) {
        const keys = Object.values(input.RequestItems).reduce(
          (sum, request) => sum + (request.Keys?.length ?? 0),
          0,
        );
        add(`${service}.${command}.keys`, keys);
      }
      return next(args);
    },
    { step: 'initialize', name: 'sagaRequestCounter' },
  );
};

/** Takes this invocation's counts and starts afresh. */
export const takeRequestCounts = (): Record<string, number> => {
  const snapshot = Object.fromEntries(counts);
  counts.clear();
  return snapshot;
};
