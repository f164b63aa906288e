import type { EventData, EventType } from '../events/eventContracts';

export const SAMPLE_ORDER_ID = 'ord-00000000-0000-4000-8000-0000000000aa';
export const SAMPLE_CUSTOMER_ID = 'customer-1';

/** One valid payload per event type, all about the same order. */
export const sampleEventData: { readonly [T in EventType]: EventData<T> } = {
  'order.created': {
    orderId: SAMPLE_ORDER_ID,
    sagaId: 'saga-1',
    customerId: SAMPLE_CUSTOMER_ID,
    lines: [{ productId: 'product-1', quantity: 2, unitPriceCents: 1250 }],
    totalCents: 2500,
    currency: 'USD',
  },
  'order.confirmed': {
    orderId: SAMPLE_ORDER_ID,
    customerId: SAMPLE_CUSTOMER_ID,
    totalCents: 2500,
    currency: 'USD',
  },
  'order.cancelled': {
    orderId: SAMPLE_ORDER_ID,
    customerId: SAMPLE_CUSTOMER_ID,
    reason: 'Payment failed: declined',
  },
  'inventory.reserved': {
    orderId: SAMPLE_ORDER_ID,
    customerId: SAMPLE_CUSTOMER_ID,
    lines: [{ productId: 'product-1', quantity: 2 }],
    totalCents: 2500,
    currency: 'USD',
  },
  'inventory.reservation.failed': {
    orderId: SAMPLE_ORDER_ID,
    reason: 'Insufficient stock: product-1 requested 2, available 1',
    shortages: [{ productId: 'product-1', requested: 2, available: 1 }],
  },
  'inventory.released': {
    orderId: SAMPLE_ORDER_ID,
    releasedLines: [{ productId: 'product-1', quantity: 2 }],
  },
  'payment.succeeded': {
    orderId: SAMPLE_ORDER_ID,
    customerId: SAMPLE_CUSTOMER_ID,
    paymentId: 'pay-1',
    amountCents: 2500,
    currency: 'USD',
  },
  'payment.failed': {
    orderId: SAMPLE_ORDER_ID,
    customerId: SAMPLE_CUSTOMER_ID,
    amountCents: 2500,
    reason: 'Insufficient funds',
  },
  'payment.voided': {
    orderId: SAMPLE_ORDER_ID,
    refundedCents: 0,
  },
};
