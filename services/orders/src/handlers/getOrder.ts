import { httpHandler, jsonResponse } from '@saga/shared';
import { wireOrders } from '../dependencies';
import { parseOrderId } from '../http/parseOrderId';
import { toOrderView } from '../http/toOrderView';
import { getOrder } from '../useCases/getOrder';

const findOrder = getOrder(wireOrders());

/** GET /orders/{orderId}: status, and the human-readable reason once cancelled. */
export const handler = httpHandler(async (event) => {
  const order = await findOrder(parseOrderId(event.pathParameters?.orderId));
  return jsonResponse(200, toOrderView(order));
});
