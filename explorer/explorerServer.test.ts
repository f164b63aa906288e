import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SagaState } from '@saga/orders/src/domain/saga/SagaState';
import type { ApiAnswer } from './apiError';
import { startExplorer } from './explorerServer';
import type { ExplorerReadModel } from './readModel';
import type { ExplorerContext } from './routes';

/** Raw HTTP, so the test controls Host and Origin exactly as an attacker's page or a rebinding would. */
const send = (port: number, method: string, path: string, headers: Record<string, string>, body = '') =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: res.headers['content-type']?.includes('json') ? JSON.parse(text) : { text },
          }),
        );
      });
      req.on('error', reject);
      req.end(body);
    },
  );

/** A page's GET that the test can cut off (`destroy()`) before its answer. */
const openPage = (port: number, path: string) => {
  const page = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } });
  page.on('error', () => undefined);
  page.end();
  return page;
};

const saga = {
  sagaId: 'saga-1',
  orderId: 'ord-1',
  status: 'COMPLETED',
  updatedAt: 'x',
} as unknown as SagaState;

describe('explorer server', () => {
  let server: Server;
  let port = 0;
  const placed: string[] = [];
  let failure: Error | undefined;
  const readModel: ExplorerReadModel = {
    listSagas: async () => ({ items: [saga] }),
    countByStatus: async () => ({
      STARTED: 0,
      COMPENSATING: 0,
      COMPENSATION_FAILED: 0,
      COMPLETED: 1,
      COMPENSATED: 0,
    }),
    detail: async (orderId) => (orderId === 'ord-1' ? { saga } : undefined),
    search: async () => [saga],
  };
  const context: ExplorerContext = {
    readModel: async () => {
      if (failure) throw failure;
      return readModel;
    },
    placeOrder: async (body): Promise<ApiAnswer> => {
      placed.push(body);
      return { status: 201, body: { orderId: 'ord-2' } };
    },
  };

  beforeAll(async () => {
    server = await startExplorer({ port: 0, context });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    placed.length = 0;
    failure = undefined;
  });

  const own = () => ({ host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` });
  const order = JSON.stringify({ customerId: 'c', items: [{ productId: 'p', quantity: 1 }] });

  it('places an order from its own page (same origin, JSON)', async () => {
    const res = await send(
      port,
      'POST',
      '/api/orders',
      { ...own(), 'content-type': 'application/json' },
      order,
    );
    expect(res.status).toBe(201);
    expect(placed).toEqual([order]);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['a foreign Origin with a loopback-looking name', { origin: `http://127.0.0.1.evil.example:${port}` }],
    ['no Origin', { origin: '' }],
    [
      'a foreign Host (DNS rebinding)',
      { host: `evil.example:${port}`, origin: `http://evil.example:${port}` },
    ],
    ['another port on loopback', { origin: 'http://127.0.0.1:1' }],
  ])('refuses a POST with %s: 403, nothing written', async (_, override) => {
    const headers = Object.fromEntries(
      Object.entries({ ...own(), 'content-type': 'application/json', ...override }).filter(
        ([, v]) => v !== '',
      ),
    );
    const res = await send(port, 'POST', '/api/orders', headers, order);
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('Forbidden');
    expect(placed).toEqual([]);
  });

  it('refuses a cross-site "simple" text/plain POST even from the right origin: 415, nothing written', async () => {
    const res = await send(port, 'POST', '/api/orders', { ...own(), 'content-type': 'text/plain' }, order);
    expect(res.status).toBe(415);
    expect(placed).toEqual([]);
  });

  it('refuses reads addressed to a foreign Host', async () => {
    const res = await send(port, 'GET', '/api/sagas', { host: `rebound.example:${port}` });
    expect(res.status).toBe(403);
  });

  it('sends its CSP, nosniff and no framing on pages and API answers', async () => {
    for (const path of ['/', '/app.js', '/api/sagas', '/nope']) {
      const res = await send(port, 'GET', path, { host: `localhost:${port}` });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the page to HEAD as to GET, without a body', async () => {
    const res = await send(port, 'HEAD', '/', own());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toEqual({ text: '' });
  });

  it('answers a body that is not JSON with 400 and writes nothing', async () => {
    const res = await send(
      port,
      'POST',
      '/api/orders',
      { ...own(), 'content-type': 'application/json' },
      '{',
    );
    expect(res.status).toBe(400);
    expect(placed).toEqual([]);
  });

  it('turns an unreachable emulator into 503 with the endpoint and the fix', async () => {
    failure = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 1 }),
    });
    const res = await send(port, 'GET', '/api/counts', own());
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: 'EmulatorUnreachable',
      message: 'cannot reach the emulator at http://127.0.0.1:1 (ECONNREFUSED)',
      hint: expect.stringContaining('make up'),
    });
  });

  it('answers an unknown order with 404, a message and a hint; bad parameters with 400', async () => {
    const missing = await send(port, 'GET', '/api/orders/ord-404', own());
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'SagaNotFound', message: 'no saga for order ord-404' });
    expect((await send(port, 'GET', '/api/sagas?status=BOGUS', own())).status).toBe(400);
    expect((await send(port, 'GET', '/api/sagas?limit=1000', own())).status).toBe(400);
    expect((await send(port, 'GET', '/api/search?q=a%00b', own())).status).toBe(400);
    expect((await send(port, 'GET', '/api/search?q=', own())).status).toBe(400);
    expect((await send(port, 'GET', '/api/orders/%E0%A4%A', own())).status).toBe(400);
    expect(
      (await send(port, 'DELETE', '/api/orders', { ...own(), 'content-type': 'application/json' })).status,
    ).toBe(405);
  });
});

describe('explorer server: closing', () => {
  it('releases its context when it closes; a read cut short under a page that left answers nobody', async () => {
    let closed = 0;
    let started: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => {
      started = resolve;
    });
    let fail: (error: Error) => void = () => undefined;
    const context: ExplorerContext = {
      readModel: async () =>
        ({
          listSagas: () => {
            started();
            return new Promise((_, reject) => {
              fail = reject;
            });
          },
        }) as unknown as ExplorerReadModel,
      placeOrder: async () => ({ status: 201, body: {} }),
      // As the deployed context does: its connections dropped, the read in flight fails.
      close: () => {
        closed++;
        fail(new Error('socket hang up'));
      },
    };
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const server = await startExplorer({ port: 0, context });
      const port = (server.address() as AddressInfo).port;
      const page = openPage(port, '/api/sagas');
      await reading;
      page.destroy();
      await new Promise((resolve) => server.close(resolve));
      expect(closed).toBe(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('stops the reads of a client that went away before its answer, and of no other', async () => {
    const signals: AbortSignal[] = [];
    let started: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => {
      started = resolve;
    });
    const counts = { STARTED: 0, COMPENSATING: 0, COMPENSATION_FAILED: 0, COMPLETED: 0, COMPENSATED: 0 };
    const readModel = {
      // Waits until its reader is gone, as a fan-out over every shard outlasts an impatient page.
      countByStatus: ({ signal }: { signal?: AbortSignal } = {}) => {
        if (signal) signals.push(signal);
        started();
        return new Promise((resolve, reject) => {
          if (signals.length > 1) return resolve(counts);
          signal?.addEventListener('abort', () => reject(signal.reason));
        });
      },
    } as unknown as ExplorerReadModel;
    const context: ExplorerContext = {
      readModel: async () => readModel,
      placeOrder: async () => ({ status: 201, body: {} }),
    };
    const server = await startExplorer({ port: 0, context });
    try {
      const port = (server.address() as AddressInfo).port;
      const page = openPage(port, '/api/counts');
      await reading;
      expect(signals[0]?.aborted).toBe(false);
      page.destroy();
      await new Promise<void>((resolve) => signals[0]?.addEventListener('abort', () => resolve()));
      // A reader who waits gets its answer, and its signal never fires.
      const answer = await send(port, 'GET', '/api/counts', { host: `127.0.0.1:${port}` });
      expect(answer).toMatchObject({ status: 200, body: counts });
      expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
