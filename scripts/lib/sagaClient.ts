import { randomUUID } from 'node:crypto';
import type { Deployment } from './loadDeployment';
import { signRequest } from './signRequest';

export interface HttpResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  /** Response headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface PostOptions {
  /** Sent as `Idempotency-Key`; a fresh one per call unless given, so a retry must pass the first one. */
  readonly idempotencyKey?: string;
  /** Aborts the request (a client-side timeout); the server may still complete it. */
  readonly signal?: AbortSignal;
}

const TERMINAL = new Set(['CONFIRMED', 'CANCELLED']);
// A saga outlives its order's last change while compensations still run (e.g. stock being released).
const SAGA_SETTLED = new Set(['COMPLETED', 'COMPENSATED', 'COMPENSATION_FAILED']);
/** A completed saga has heard from both participants; the other settled states end on their own step. */
const repliesRecorded = (saga: Record<string, unknown>): boolean => {
  const steps = (saga.steps ?? {}) as Record<string, unknown>;
  return (
    saga.status !== 'COMPLETED' || (Boolean(steps.inventoryReservation) && Boolean(steps.paymentProcessing))
  );
};

/** A small HTTP client of the orders API, used by the demo, the tests and the benchmark. */
export const sagaClient = (deployment: Deployment) => {
  const call = async <T>(
    method: string,
    path: string,
    body?: string,
    { headers = {}, signal }: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<HttpResult<T>> => {
    const url = `${deployment.apiBaseUrl}${path}`;
    const unsigned = { 'content-type': 'application/json', ...headers };
    const response = await fetch(url, {
      method,
      // A stage with AWS_IAM authorization refuses unsigned requests (403).
      headers:
        deployment.apiAuthorization === 'AWS_IAM' ? await signRequest(url, method, unsigned, body) : unsigned,
      body,
      signal,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      headers: Object.fromEntries(response.headers),
    };
  };

  /** Every POST carries an Idempotency-Key, so any caller can retry it safely. */
  const post = (body: string, { idempotencyKey = randomUUID(), signal }: PostOptions = {}) =>
    call<Record<string, unknown>>('POST', '/orders', body, {
      headers: { 'Idempotency-Key': idempotencyKey },
      ...(signal ? { signal } : {}),
    });

  const getOrder = (orderId: string) => call<Record<string, unknown>>('GET', `/orders/${orderId}`);

  return {
    postRaw: post,
    placeOrder: (
      order: { customerId: string; items: { productId: string; quantity: number }[] },
      options?: PostOptions,
    ) => post(JSON.stringify(order), options),
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
    /**
     * Polls until the order's saga is COMPLETED (with every reply recorded: replies from different
     * participants are not ordered, so payment.succeeded may confirm before inventory.reserved is
     * recorded), COMPENSATED or COMPENSATION_FAILED.
     */
    async waitForSettledSaga(orderId: string, timeoutMs = 60_000, intervalMs = 250) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await call<Record<string, unknown>>('GET', `/orders/${orderId}/saga`);
        if (SAGA_SETTLED.has(String(body.status)) && repliesRecorded(body)) return body;
        if (Date.now() > deadline)
          throw new Error(`Saga of ${orderId} still ${String(body.status)} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
  };
};
