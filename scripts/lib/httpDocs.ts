import { CreateOrderRequest, ErrorBody, OrderView, SagaStateView } from '@saga/orders/src/http/httpContract';
import {
  IDEMPOTENCY_KEY_HEADER,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from '@saga/orders/src/http/parseIdempotencyKey';
import * as z from 'zod';

const schema = (type: z.ZodType) => {
  const { $schema: _schema, ...rest } = z.toJSONSchema(type, { target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return rest;
};
const json = (ref: string, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const orderIdParameter = {
  name: 'orderId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^ord-[0-9a-f-]{36}$' },
};

/** docs/openapi.yaml (OpenAPI 3.1), from the zod request and response schemas of services/orders. */
export const buildOpenApi = (): Record<string, unknown> => ({
  openapi: '3.1.0',
  info: {
    title: 'Saga orders API',
    version: '1.0.0',
    description:
      'REST API of the orders service (API Gateway v1, stage path /<stage>). Generated from ' +
      'services/orders/src/http/httpContract.ts by `make docs`.',
  },
  paths: {
    '/orders': {
      post: {
        operationId: 'createOrder',
        summary: 'Place an order; the saga runs asynchronously',
        parameters: [
          {
            name: IDEMPOTENCY_KEY_HEADER,
            in: 'header',
            required: false,
            description:
              'Makes the request safe to retry (IETF Idempotency-Key draft): a retry with the same key and ' +
              'body answers the original order; keys expire after 24 h.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
              pattern: '^[ -~]+$',
            },
          },
        ],
        requestBody: {
          required: true,
          ...json('CreateOrderRequest', 'Lines to order; prices come from the catalogue'),
        },
        responses: {
          '201': {
            ...json('Order', 'The PENDING order, or the original one when a retry replays its key'),
            headers: {
              'Idempotent-Replayed': {
                description: '`true` when the answer replays an earlier request with the same key',
                schema: { type: 'string', enum: ['true'] },
              },
            },
          },
          '400': json(
            'Error',
            'Every bad field or unknown product named, or a malformed key; nothing written',
          ),
          '409': {
            ...json('Error', 'A request with the same key is still in flight; retry after the given seconds'),
            headers: { 'Retry-After': { schema: { type: 'integer' } } },
          },
          '422': json('Error', 'The key was used with another request body'),
          '500': json('Error', 'Unexpected failure'),
        },
      },
    },
    '/orders/{orderId}': {
      get: {
        operationId: 'getOrder',
        summary: 'An order with its status, and the reason once cancelled',
        parameters: [orderIdParameter],
        responses: {
          '200': json('Order', 'The order'),
          '400': json('Error', 'Malformed order id'),
          '404': json('Error', 'Unknown order'),
        },
      },
    },
    '/orders/{orderId}/saga': {
      get: {
        operationId: 'getOrderSaga',
        summary: "The order's saga-state record with every step",
        parameters: [orderIdParameter],
        responses: {
          '200': json('SagaState', 'The saga state'),
          '400': json('Error', 'Malformed order id'),
          '404': json('Error', 'Unknown order'),
        },
      },
    },
  },
  components: {
    schemas: {
      CreateOrderRequest: schema(CreateOrderRequest),
      Order: schema(OrderView),
      SagaState: schema(SagaStateView),
      Error: schema(ErrorBody),
    },
  },
});
