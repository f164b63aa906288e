import { httpHandler, jsonResponse } from '@saga/shared';
import { wireOrders } from '../dependencies';
import { parseCreateOrderRequest } from '../http/parseCreateOrderRequest';
import { callerOf, fingerprintRequest, parseIdempotencyKey } from '../http/parseIdempotencyKey';
import { toOrderView } from '../http/toOrderView';
import { createOrder } from '../useCases/createOrder';

const placeOrder = createOrder(wireOrders());

/**
 * POST /orders: 201 with the PENDING order at once; the saga runs asynchronously. With an
 * `Idempotency-Key`, a retry of the same request answers the same 201, marked as replayed.
 */
export const handler = httpHandler(async (event) => {
  const key = parseIdempotencyKey(event);
  const request = parseCreateOrderRequest(event.body);
  const result = await placeOrder({
    ...request,
    requestId: event.requestContext.requestId,
    idempotency:
      key === undefined
        ? undefined
        : { key, caller: callerOf(event), fingerprint: fingerprintRequest(request) },
  });
  return jsonResponse(
    201,
    toOrderView(result.order),
    result.kind === 'replayed' ? { 'Idempotent-Replayed': 'true' } : {},
  );
});
