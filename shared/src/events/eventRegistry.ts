import type * as z from 'zod';
import { type ServiceName, serviceNames } from '../serviceList';
import {
  InventoryReleasedData,
  InventoryReservationFailedData,
  InventoryReservedData,
  OrderCancelledData,
  OrderConfirmedData,
  OrderCreatedData,
  PaymentFailedData,
  PaymentSucceededData,
  PaymentVoidedData,
} from './eventContracts';

export type { ServiceName };
export { serviceNames };

/** The bus `source` of a producing service's events. */
export const sourceOf = <S extends ServiceName>(service: S): `saga.${S}` => `saga.${service}`;

interface EventDefinition {
  readonly summary: string;
  readonly producer: ServiceName;
  /** The services whose inbox receives this event (one consumer function each). */
  readonly consumers: readonly ServiceName[];
  readonly schemaVersion: number;
  readonly data: z.ZodType;
  readonly example: unknown;
}

const define = <P extends ServiceName, C extends readonly ServiceName[], D extends z.ZodType>(definition: {
  summary: string;
  producer: P;
  consumers: C;
  schemaVersion: number;
  data: D;
  /** A valid payload: the published contracts show it and tests build envelopes from it. */
  example: z.infer<D>;
}) => ({ ...definition, source: sourceOf(definition.producer) });

export const EXAMPLE_ORDER_ID = 'ord-00000000-0000-4000-8000-0000000000aa';
export const EXAMPLE_CUSTOMER_ID = 'customer-1';

/**
 * The one registry of events: per type its contract (versioned zod schema), producer and consumers.
 * The consumers' accepted types, the bus rules of every serverless.yml (shared/infra/eventRouting.js),
 * the README events table and the published contracts (docs/events/) are derived from it.
 * A breaking change adds a new schemaVersion, never edits one.
 */
export const eventRegistry = {
  'order.created': define({
    summary: 'An order was placed: the saga starts; inventory reserves its lines.',
    producer: 'orders',
    consumers: ['inventory'],
    schemaVersion: 1,
    data: OrderCreatedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      sagaId: 'saga-1',
      customerId: EXAMPLE_CUSTOMER_ID,
      lines: [{ productId: 'product-1', quantity: 2, unitPriceCents: 1250 }],
      totalCents: 2500,
      currency: 'USD',
    },
  }),
  'inventory.reserved': define({
    summary: 'Every line of the order is held; payments charges the total.',
    producer: 'inventory',
    consumers: ['orders', 'payments'],
    schemaVersion: 1,
    data: InventoryReservedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      lines: [{ productId: 'product-1', quantity: 2 }],
      totalCents: 2500,
      currency: 'USD',
    },
  }),
  'inventory.reservation.failed': define({
    summary: 'Some line is short; nothing was reserved and the order is cancelled.',
    producer: 'inventory',
    consumers: ['orders'],
    schemaVersion: 1,
    data: InventoryReservationFailedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      reason: 'Insufficient stock: product-1 requested 2, available 1',
      shortages: [{ productId: 'product-1', requested: 2, available: 1 }],
    },
  }),
  'payment.succeeded': define({
    summary: 'The order total was charged; the order is confirmed.',
    producer: 'payments',
    consumers: ['orders'],
    schemaVersion: 1,
    data: PaymentSucceededData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      paymentId: 'pay-1',
      amountCents: 2500,
      currency: 'USD',
    },
  }),
  'payment.failed': define({
    summary: 'The charge was declined; the order is cancelled and compensation starts.',
    producer: 'payments',
    consumers: ['orders'],
    schemaVersion: 1,
    data: PaymentFailedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      amountCents: 2500,
      reason: 'Insufficient funds',
    },
  }),
  'order.confirmed': define({
    summary: 'The saga completed: reserved stock becomes sold; rewards awards points.',
    producer: 'orders',
    consumers: ['inventory', 'rewards'],
    schemaVersion: 1,
    data: OrderConfirmedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      totalCents: 2500,
      currency: 'USD',
    },
  }),
  'order.cancelled': define({
    summary: 'The order is cancelled (failure or timeout): inventory releases what it holds.',
    producer: 'orders',
    consumers: ['inventory'],
    schemaVersion: 1,
    data: OrderCancelledData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      customerId: EXAMPLE_CUSTOMER_ID,
      reason: 'Payment failed: declined',
    },
  }),
  'inventory.released': define({
    summary: 'Compensation: held stock released (releasedLines empty when nothing was held).',
    producer: 'inventory',
    consumers: ['payments'],
    schemaVersion: 1,
    data: InventoryReleasedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      releasedLines: [{ productId: 'product-1', quantity: 2 }],
    },
  }),
  'payment.voided': define({
    summary: "Payments' half of compensation: a charge refunded, or nothing to refund (refundedCents 0).",
    producer: 'payments',
    consumers: ['orders'],
    schemaVersion: 1,
    data: PaymentVoidedData,
    example: {
      orderId: EXAMPLE_ORDER_ID,
      refundedCents: 0,
    },
  }),
} as const satisfies Record<string, EventDefinition & { source: string }>;

export type EventRegistry = typeof eventRegistry;
export type EventType = keyof EventRegistry;
export type EventData<T extends EventType> = z.infer<EventRegistry[T]['data']>;
export const eventTypes = Object.keys(eventRegistry) as EventType[];

/** The event types whose consumers include `S`, as a union. */
export type EventTypeConsumedBy<S extends ServiceName> = {
  [T in EventType]: S extends EventRegistry[T]['consumers'][number] ? T : never;
}[EventType];

/** The event types `service` consumes, in registry order: its inbox rule and its handler accept exactly these. */
export const eventTypesConsumedBy = <S extends ServiceName>(service: S): EventTypeConsumedBy<S>[] =>
  eventTypes.filter((type) =>
    (eventRegistry[type].consumers as readonly ServiceName[]).includes(service),
  ) as EventTypeConsumedBy<S>[];

/** The event types `service` produces, in registry order. */
export const eventTypesProducedBy = (service: ServiceName): EventType[] =>
  eventTypes.filter((type) => eventRegistry[type].producer === service);

/** What a service's inbox rule matches on the bus: the producers' sources and the consumed types. */
export const inboxPatternOf = (service: ServiceName): { sources: string[]; detailTypes: string[] } => {
  const detailTypes = eventTypesConsumedBy(service);
  const sources = [...new Set(detailTypes.map((type) => eventRegistry[type].source))].sort();
  return { sources, detailTypes };
};
