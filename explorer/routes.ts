import type { SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import { type ApiAnswer, apiError, BadRequestError } from './apiError';
import { type ExplorerReadModel, SAGA_STATUSES } from './readModel';

/** What the routes need: the read model (loaded on first use) and the orders API. */
export interface ExplorerContext {
  readModel(): Promise<ExplorerReadModel>;
  placeOrder(body: string): Promise<ApiAnswer>;
  /** Releases the context's connections when the server closes; reads still in flight fail. */
  close?(): void;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: RegExp;
  handle(
    context: ExplorerContext,
    /** `signal` fires when the client goes away before its answer. */
    request: { match: RegExpExecArray; url: URL; body: string; signal?: AbortSignal },
  ): Promise<ApiAnswer>;
}

/** Ids are key values, never markup or code: any text up to 256 characters without control characters. */
const isId = (text: string): boolean =>
  text.length > 0 && text.length <= 256 && ![...text].some((c) => c < ' ' || c === '\u007f');

const decodeId = (encoded: string): string => {
  try {
    const id = decodeURIComponent(encoded);
    if (isId(id)) return id;
  } catch {
    // a malformed %-escape: answered below
  }
  throw new BadRequestError('an order id is 1 to 256 characters without control characters');
};

const limitOf = (url: URL): number => {
  const text = url.searchParams.get('limit');
  if (text === null) return 25;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequestError(`limit must be an integer from 1 to 100, got ${text}`);
  }
  return limit;
};

const statusesOf = (url: URL): readonly SagaStatus[] => {
  const status = url.searchParams.get('status');
  if (!status) return SAGA_STATUSES;
  if (!SAGA_STATUSES.includes(status as SagaStatus)) {
    throw new BadRequestError(`status must be one of ${SAGA_STATUSES.join(', ')}, got ${status}`);
  }
  return [status as SagaStatus];
};

/** The explorer's JSON API, in one place. */
export const routes: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/sagas$/,
    async handle(context, { url, signal }) {
      const page = await (await context.readModel()).listSagas(
        statusesOf(url),
        limitOf(url),
        url.searchParams.get('cursor') ?? undefined,
        { signal },
      );
      return { status: 200, body: page };
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/counts$/,
    handle: async (context, { signal }) => ({
      status: 200,
      body: await (await context.readModel()).countByStatus({ signal }),
    }),
  },
  {
    method: 'GET',
    pattern: /^\/api\/search$/,
    async handle(context, { url }) {
      const term = (url.searchParams.get('q') ?? '').trim();
      if (!isId(term)) {
        throw new BadRequestError(
          'search for an orderId, a sagaId or a customerId (1 to 256 characters, no control characters)',
        );
      }
      const items = await (await context.readModel()).search(term, limitOf(url));
      return { status: 200, body: { items } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/orders\/([^/]+)$/,
    async handle(context, { match }) {
      const orderId = decodeId(match[1] ?? '');
      const detail = await (await context.readModel()).detail(orderId);
      return detail
        ? { status: 200, body: detail }
        : apiError(
            404,
            'SagaNotFound',
            `no saga for order ${orderId}`,
            'check the id (search takes an orderId, a sagaId or a customerId); a redeployed emulator starts empty',
          );
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/orders$/,
    async handle(context, { body }) {
      try {
        JSON.parse(body);
      } catch {
        throw new BadRequestError('the body is not JSON');
      }
      return context.placeOrder(body);
    },
  },
];

/** The route for a request, or why there is none (404, or 405 for a known path). */
export const findRoute = (
  method: string,
  pathname: string,
): { route: Route; match: RegExpExecArray } | { status: 404 | 405 } => {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method === method) return { route, match };
    pathKnown = true;
  }
  return { status: pathKnown ? 405 : 404 };
};
