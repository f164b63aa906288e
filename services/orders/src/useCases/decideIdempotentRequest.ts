import type { PendingOrder } from '../domain/order/Order';
import type { RequestKeyRecord } from '../ports/OrderStore';

/** What a key's record means for a request carrying that key (IETF Idempotency-Key draft). */
export type IdempotentRequestDecision =
  /** No live record: the request has not committed; it is new, or another one with the key is in flight. */
  | { readonly kind: 'unclaimed' }
  /** Same key, same request: answer with the order it created. */
  | { readonly kind: 'replay'; readonly order: PendingOrder }
  /** Same key, another request: refuse it. */
  | { readonly kind: 'mismatch' };

export const decideIdempotentRequest = (
  record: RequestKeyRecord | undefined,
  fingerprint: string,
): IdempotentRequestDecision => {
  if (!record) return { kind: 'unclaimed' };
  return record.fingerprint === fingerprint ? { kind: 'replay', order: record.order } : { kind: 'mismatch' };
};

/** The stored key: the client's key under its caller (an IAM ARN, or `anonymous` on an open stage). */
export const scopeRequestKey = (caller: string, key: string) => `${caller} ${key}`;
