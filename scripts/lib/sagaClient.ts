import type { Deployment } from './loadDeployment';

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

const TERMINAL = new Set(['CONFIRMED', 'CANCELLED']);
// A saga outlives its order's last change while compensations still run (e.g. stock being released).
const SAGA_SETTLED = new Set(['COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED']);

/** A small HTTP client of the orders API, used by the demo, the tests and the benchmark. */
export const sagaClient = (deployment: Deployment) => {
  const call = async <T>(method: string, path: string, body?: string): Promise<HttpResult<T>> => {
    const response = await fetch(`${deployment.apiBaseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };

  const getOrder = (orderId: string) => call<Record<string, unknown>>('GET', `/orders/${orderId}`);

  return {
    postRaw: (body: string) => call<Record<string, unknown>>('POST', '/orders', body),
    placeOrder: (order: { customerId: string; items: { productId: string; quantity: number }[] }) =>
      call<Record<string, unknown>>('POST', '/orders', JSON.stringify(order)),
    getOrder,
    getSaga: (orderId: string) => call<Record<string, unknown>>('GET', `/orders/${orderId}/saga`),
    /** Polls until the order is CONFIRMED or CANCELLED and its saga has settled. */
    async waitForTerminal(orderId: string, timeoutMs = 60_000, intervalMs = 250) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await getOrder(orderId);
        if (TERMINAL.has(String(body.status))) return body;
        if (Date.now() > deadline)
          throw new Error(`Order ${orderId} still ${String(body.status)} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
    /** Polls until the order's saga is COMPLETED, COMPENSATED or COMPENSATION_FAILED. */
    async waitForSettledSaga(orderId: string, timeoutMs = 60_000, intervalMs = 250) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await call<Record<string, unknown>>('GET', `/orders/${orderId}/saga`);
        if (SAGA_SETTLED.has(String(body.status))) return body;
        if (Date.now() > deadline)
          throw new Error(`Saga of ${orderId} still ${String(body.status)} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
  };
};
