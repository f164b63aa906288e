import * as z from 'zod';
import { CreateOrderRequest } from './parseCreateOrderRequest';

/**
 * The HTTP API's response bodies as zod schemas: docs/openapi.yaml is generated from these and the
 * request schema (`make docs`), and httpContract.test.ts checks that what the handlers return parses.
 */
const PricedLine = z
  .object({ productId: z.string(), quantity: z.number().int(), unitPriceCents: z.number().int() })
  .strict();
const OrderBase = {
  orderId: z.string(),
  sagaId: z.string(),
  customerId: z.string(),
  lines: z.array(PricedLine),
  totalCents: z.number().int(),
  currency: z.string().length(3),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const OrderView = z.discriminatedUnion('status', [
  z.object({ ...OrderBase, status: z.literal('PENDING') }).strict(),
  z.object({ ...OrderBase, status: z.literal('CONFIRMED'), confirmedAt: z.iso.datetime() }).strict(),
  z
    .object({
      ...OrderBase,
      status: z.literal('CANCELLED'),
      cancelledAt: z.iso.datetime(),
      reason: z.string(),
    })
    .strict(),
]);

const StepRecord = z
  .object({
    status: z.enum(['SUCCESS', 'FAILED', 'IN_PROGRESS']),
    timestamp: z.iso.datetime(),
    error: z.string().optional(),
  })
  .strict();

export const SagaStateView = z
  .object({
    sagaId: z.string(),
    orderId: z.string(),
    status: z.enum(['STARTED', 'COMPLETED', 'COMPENSATING', 'COMPENSATED', 'COMPENSATION_FAILED']),
    currentStep: z.enum([
      'CREATED',
      'INVENTORY_RESERVED',
      'INVENTORY_RESERVATION_FAILED',
      'PAYMENT_SUCCEEDED',
      'PAYMENT_FAILED',
      'CONFIRMED',
      'COMPENSATING',
      'COMPENSATED',
    ]),
    steps: z
      .object({
        created: StepRecord,
        inventoryReservation: StepRecord.optional(),
        paymentProcessing: StepRecord.optional(),
        confirmation: StepRecord.optional(),
        compensation: StepRecord.optional(),
      })
      .strict(),
    compensationRequired: z.boolean(),
    compensationReason: z.string().optional(),
    compensationAttempts: z.number().int().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .strict();

export const ErrorBody = z
  .object({
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .strict();

export { CreateOrderRequest };
