import { httpHandler, jsonResponse } from '@saga/shared';
import { wireOrders } from '../dependencies';
import { parseCreateOrderRequest } from '../http/parseCreateOrderRequest';
import { toOrderView } from '../http/toOrderView';
import { createOrder } from '../useCases/createOrder';

const placeOrder = createOrder(wireOrders());

/** POST /orders: 201 with the PENDING order at once; the saga runs asynchronously. */
export const handler = httpHandler(async (event) => {
  const request = parseCreateOrderRequest(event.body);
  const order = await placeOrder({ ...request, requestId: event.requestContext.requestId });
  return jsonResponse(201, toOrderView(order));
});
