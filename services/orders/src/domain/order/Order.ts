export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

interface OrderBase {
  readonly orderId: string;
  readonly sagaId: string;
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
  readonly totalCents: number;
  readonly currency: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-concurrency version, incremented on every write. */
  readonly version: number;
}

export type PendingOrder = OrderBase & { readonly status: 'PENDING' };
export type ConfirmedOrder = OrderBase & { readonly status: 'CONFIRMED'; readonly confirmedAt: string };
export type CancelledOrder = OrderBase & {
  readonly status: 'CANCELLED';
  readonly cancelledAt: string;
  readonly reason: string;
};

export type Order = PendingOrder | ConfirmedOrder | CancelledOrder;
export type OrderStatus = Order['status'];
