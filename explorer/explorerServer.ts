import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { clientConfigFor, emulatorEndpoint } from '../scripts/lib/awsClientConfig';
import { loadDeployment } from '../scripts/lib/loadDeployment';
import { sagaClient } from '../scripts/lib/sagaClient';
import { type ApiAnswer, apiError, toApiError } from './apiError';
import { buildClosableDynamoClient } from './buildClosableDynamoClient';
import { buildDynamoReadModel } from './buildDynamoReadModel';
import type { ExplorerReadModel } from './readModel';
import { checkRequest, SECURITY_HEADERS } from './requestGuard';
import { type ExplorerContext, findRoute } from './routes';
import { withSharedCounts } from './withSharedCounts';

const MAX_BODY_BYTES = 16 * 1024;

const asset = (name: string, type: string) => ({
  type,
  body: readFileSync(path.join(__dirname, name)),
});
const ASSETS: Record<string, { type: string; body: Buffer }> = {
  '/': asset('index.html', 'text/html; charset=utf-8'),
  '/app.js': asset('app.js', 'text/javascript; charset=utf-8'),
  '/app.css': asset('app.css', 'text/css; charset=utf-8'),
};

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const sendJson = (res: ServerResponse, { status, body }: ApiAnswer) => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

/**
 * The explorer's context on the deployed stacks. The deployment is read on first use and kept once
 * it loads, so the explorer starts (and shows the failure in the page) while the emulator is down.
 */
export const deployedContext = (endpoint: string): ExplorerContext => {
  const config = clientConfigFor(endpoint);
  const dynamo = buildClosableDynamoClient(config);
  let loading: Promise<{ readModel: ExplorerReadModel; api: ReturnType<typeof sagaClient> }> | undefined;
  const load = () => {
    loading ??= loadDeployment(config).then((deployment) => ({
      // Pages share the counts (each is a fan-out over every shard); lists and details stay per request.
      readModel: withSharedCounts(buildDynamoReadModel(dynamo.client, deployment.tables)),
      api: sagaClient(deployment),
    }));
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
  return {
    readModel: async () => (await load()).readModel,
    placeOrder: async (body) => (await load()).api.postRaw(body),
    close: dynamo.close,
  };
};

export interface ExplorerOptions {
  readonly port: number;
  /** The emulator to read (default: $EMULATOR_PORT's); only used to build the default context. */
  readonly emulatorEndpoint?: string;
  /** Tests pass in-memory fakes. */
  readonly context?: ExplorerContext;
}

/**
 * The saga explorer: a static page plus a small JSON API (routes.ts) over the saga and order tables
 * (keys and indexes, never a scan) and a pass-through to the orders API for the order form.
 * Binds to loopback only; every request passes the Host/Origin guard first.
 */
export const startExplorer = async (options: ExplorerOptions): Promise<Server> => {
  const endpoint = options.emulatorEndpoint ?? emulatorEndpoint;
  const context = options.context ?? deployedContext(endpoint);
  let port = options.port;

  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const decision = checkRequest(
      {
        method,
        host: req.headers.host,
        origin: req.headers.origin,
        contentType: req.headers['content-type'],
      },
      port,
    );
    if (!decision.allowed) {
      req.resume();
      return sendJson(res, apiError(decision.status, 'Forbidden', decision.message));
    }
    try {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const file = ASSETS[url.pathname];
      if ((method === 'GET' || method === 'HEAD') && file) {
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type });
        res.end(method === 'GET' ? file.body : undefined);
        return;
      }
      const found = findRoute(method, url.pathname);
      if ('status' in found) {
        return sendJson(res, apiError(found.status, 'NotFound', `no ${method} ${url.pathname} here`));
      }
      const body = method === 'POST' ? await readBody(req) : '';
      // A client gone before its answer (a closed page, a refresh a newer one replaced) stops the
      // reads behind it: a list or count is a fan-out over every index shard, seconds of queries.
      const gone = new AbortController();
      // Every shard query in flight listens to it (up to the fan-out's concurrency, per status).
      setMaxListeners(0, gone.signal);
      res.once('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      return sendJson(
        res,
        await found.route.handle(context, { match: found.match, url, body, signal: gone.signal }),
      );
    } catch (error) {
      // The page is gone (or the server closed under it): nobody reads an answer.
      if (!res.socket || res.socket.destroyed) return;
      if (error instanceof BodyTooLargeError) return sendJson(res, apiError(413, error.name, error.message));
      const answer = toApiError(error, endpoint);
      if (answer.status === 500) console.error(error);
      return sendJson(res, answer);
    }
  });
  // A page that went away can leave a fan-out of index queries running: closing the server ends
  // them (their connections are dropped) instead of letting them hold the process open.
  server.once('close', () => context.close?.());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return server;
};
