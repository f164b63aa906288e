import { z } from 'zod';
import { EventSources } from './eventSources';

/**
 * Versioned event contracts, defined once. Producers validate before writing to their outbox,
 * consumers validate on receipt. A breaking change adds a new schemaVersion, never edits one.
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

export const eventContracts = {
  'order.created': { source: EventSources.orders, schemaVersion: 1, data: OrderCreatedData },
  'order.confirmed': { source: EventSources.orders, schemaVersion: 1, data: OrderConfirmedData },
  'order.cancelled': { source: EventSources.orders, schemaVersion: 1, data: OrderCancelledData },
  'inventory.reserved': { source: EventSources.inventory, schemaVersion: 1, data: InventoryReservedData },
  'inventory.reservation.failed': {
    source: EventSources.inventory,
    schemaVersion: 1,
    data: InventoryReservationFailedData,
  },
  'inventory.released': { source: EventSources.inventory, schemaVersion: 1, data: InventoryReleasedData },
  'payment.succeeded': { source: EventSources.payments, schemaVersion: 1, data: PaymentSucceededData },
  'payment.failed': { source: EventSources.payments, schemaVersion: 1, data: PaymentFailedData },
  'payment.voided': { source: EventSources.payments, schemaVersion: 1, data: PaymentVoidedData },
} as const;

export type EventType = keyof typeof eventContracts;
export type EventData<T extends EventType> = z.infer<(typeof eventContracts)[T]['data']>;
export const eventTypes = Object.keys(eventContracts) as EventType[];
