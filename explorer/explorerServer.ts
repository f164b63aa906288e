import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { buildSagaStateRepository } from '@saga/orders/src/adapters/buildSagaStateRepository';
import type { SagaStatus } from '@saga/orders/src/domain/saga/SagaState';
import { awsClientConfig } from '../scripts/lib/awsClientConfig';
import { loadDeployment } from '../scripts/lib/loadDeployment';
import { sagaClient } from '../scripts/lib/sagaClient';

const STATUSES: SagaStatus[] = ['STARTED', 'COMPENSATING', 'COMPENSATION_FAILED', 'COMPLETED', 'COMPENSATED'];
const page = readFileSync(path.join(__dirname, 'index.html'));

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * The saga explorer: one static page plus a small JSON API over the saga table (StatusIndex and
 * OrderIdIndex, never a scan) and a pass-through to the orders API for the "place an order" form.
 * Binds to loopback only.
 */
export const startExplorer = async (port: number): Promise<Server> => {
  const deployment = await loadDeployment();
  const sagas = buildSagaStateRepository(new DynamoDBClient(awsClientConfig), deployment.tables.sagaStates);
  const api = sagaClient(deployment);

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/sagas') {
        const status = url.searchParams.get('status') as SagaStatus | null;
        if (status && !STATUSES.includes(status))
          return send(res, 400, { error: `unknown status ${status}` });
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100);
        const found = (
          await Promise.all((status ? [status] : STATUSES).map((s) => sagas.findRecentByStatus(s, limit)))
        )
          .flat()
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
          .slice(0, limit);
        return send(res, 200, found);
      }
      const one = /^\/api\/sagas\/([\w-]+)$/.exec(url.pathname);
      if (req.method === 'GET' && one?.[1]) {
        const saga = await sagas.findByOrderId(one[1]);
        return saga ? send(res, 200, saga) : send(res, 404, { error: 'not found' });
      }
      if (req.method === 'POST' && url.pathname === '/api/orders') {
        const result = await api.postRaw(await readBody(req));
        return send(res, result.status, result.body);
      }
      send(res, 404, { error: 'not found' });
    } catch (error) {
      send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
};
