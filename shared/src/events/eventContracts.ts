import * as z from 'zod';

/**
 * The events' data schemas; shared/src/events/eventRegistry.ts binds each to its type, version,
 * producer and consumers. Producers validate before writing to their outbox, consumers on receipt.
 */
const OrderId = z.string().min(1).max(64);
const CustomerId = z.string().min(1).max(64);
const ProductId = z.string().min(1).max(64);
const Cents = z.number().int().nonnegative();
const Quantity = z.number().int().positive();

const PricedLine = z.object({ productId: ProductId, quantity: Quantity, unitPriceCents: Cents }).strict();
const StockLine = z.object({ productId: ProductId, quantity: Quantity }).strict();

export const OrderCreatedData = z
  .object({
    orderId: OrderId,
    sagaId: z.string().min(1),
    customerId: CustomerId,
    lines: z.array(PricedLine).min(1),
    totalCents: Cents,
    currency: z.string().length(3),
  })
  .strict();

export const OrderConfirmedData = z
  .object({ orderId: OrderId, customerId: CustomerId, totalCents: Cents, currency: z.string().length(3) })
  .strict();

export const OrderCancelledData = z
  .object({ orderId: OrderId, customerId: CustomerId, reason: z.string().min(1) })
  .strict();

export const InventoryReservedData = z
  .object({
    orderId: OrderId,
    customerId: CustomerId,
    lines: z.array(StockLine).min(1),
    totalCents: Cents,
    currency: z.string().length(3),
  })
  .strict();

export const InventoryReservationFailedData = z
  .object({
    orderId: OrderId,
    reason: z.string().min(1),
    shortages: z
      .array(z.object({ productId: ProductId, requested: Quantity, available: z.number().int() }).strict())
      .min(1),
  })
  .strict();

export const InventoryReleasedData = z
  .object({ orderId: OrderId, releasedLines: z.array(StockLine) })
  .strict();

export const PaymentSucceededData = z
  .object({
    orderId: OrderId,
    customerId: CustomerId,
    paymentId: z.string().min(1),
    amountCents: Cents,
    currency: z.string().length(3),
  })
  .strict();

export const PaymentFailedData = z
  .object({ orderId: OrderId, customerId: CustomerId, amountCents: Cents, reason: z.string().min(1) })
  .strict();

/** Payments' half of compensation: a charge refunded, or nothing to refund (and no charge allowed later). */
export const PaymentVoidedData = z.object({ orderId: OrderId, refundedCents: Cents }).strict();
