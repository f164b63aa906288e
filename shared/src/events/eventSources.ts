/** The `source` of every event on the bus, one per producing service. */
export const EventSources = {
  orders: 'saga.orders',
  inventory: 'saga.inventory',
  payments: 'saga.payments',
} as const;

export type EventSource = (typeof EventSources)[keyof typeof EventSources];
