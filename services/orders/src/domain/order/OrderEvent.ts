/** What the order aggregate decides; the use case wraps each into an outbox envelope. */
export type OrderEvent =
  | { readonly type: 'order.confirmed' }
  | { readonly type: 'order.cancelled'; readonly reason: string };
