import { httpHandler, jsonResponse } from '@saga/shared';
import { wireOrders } from '../dependencies';
import { parseOrderId } from '../http/parseOrderId';
import { getOrderSaga } from '../useCases/getOrderSaga';

const findSaga = getOrderSaga(wireOrders());

/** GET /orders/{orderId}/saga: the saga-state record with every step. */
export const handler = httpHandler(async (event) => {
  const saga = await findSaga(parseOrderId(event.pathParameters?.orderId));
  return jsonResponse(200, saga);
});
