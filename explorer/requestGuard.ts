/** Names under which this machine's browser may reach the explorer. Anything else is a rebinding attempt. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export interface GuardedRequest {
  readonly method: string;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly contentType: string | undefined;
}

export type GuardDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly status: 403 | 415; readonly message: string };

/**
 * Who may talk to the explorer: requests addressed to a loopback name on its own port (so a
 * DNS-rebound page cannot read or write), and for writes, JSON from the explorer's own origin
 * only (so a page on another site cannot place orders, even with a "simple" text/plain POST).
 */
export const checkRequest = (request: GuardedRequest, port: number): GuardDecision => {
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (!request.host || !allowedHosts.includes(request.host.toLowerCase())) {
    return {
      allowed: false,
      status: 403,
      message: `Host ${request.host ?? '(none)'} is not this explorer: use http://127.0.0.1:${port}/`,
    };
  }
  if (request.method === 'GET' || request.method === 'HEAD') return { allowed: true };
  const sameOrigin = allowedHosts.map((host) => `http://${host}`);
  if (!request.origin || !sameOrigin.includes(request.origin.toLowerCase())) {
    return {
      allowed: false,
      status: 403,
      message: `cross-origin ${request.method} refused (Origin ${request.origin ?? '(none)'}): only the explorer page may write`,
    };
  }
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return {
      allowed: false,
      status: 415,
      message: `content-type ${request.contentType ?? '(none)'} refused: send application/json`,
    };
  }
  return { allowed: true };
};

/** On every answer: no framing, no sniffing, and the page may load and call only itself. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
