export interface OutboxRecord {
  readonly eventType: string;
  readonly correlationId: string;
  readonly occurredAt: string;
  readonly publishedAt?: string;
}

export interface SagaRecord {
  readonly orderId: string;
  readonly status: string;
  readonly steps: Record<string, { timestamp: string } | undefined>;
}

/** The hops of a confirmed saga: which event leads to which reply (the reply is written when the event is consumed). */
const CHAIN = [
  ['order.created', 'inventory.reserved'],
  ['inventory.reserved', 'payment.succeeded'],
  ['payment.succeeded', 'order.confirmed'],
] as const;

export interface SagaTimings {
  readonly endToEndMs: number[];
  /** Per event type: outbox write → published on the bus. */
  readonly writeToPublishedMs: Record<string, number[]>;
  /** Per event type: published → consumed (the consumer's reply was written). */
  readonly publishedToConsumedMs: Record<string, number[]>;
  readonly outboxLagMs: number[];
  firstCreatedAt: number;
  lastEndedAt: number;
}

const ms = (from: string | undefined, to: string | undefined) =>
  from && to ? Date.parse(to) - Date.parse(from) : undefined;

/** Server-side timings from saga records and outbox items (their own timestamps, not client polling). */
export const sagaTimings = (sagas: readonly SagaRecord[], outbox: readonly OutboxRecord[]): SagaTimings => {
  const byOrder = new Map<string, Map<string, OutboxRecord>>();
  for (const item of outbox) {
    const events = byOrder.get(item.correlationId) ?? new Map<string, OutboxRecord>();
    if (!events.has(item.eventType)) events.set(item.eventType, item);
    byOrder.set(item.correlationId, events);
  }
  const timings: SagaTimings = {
    endToEndMs: [],
    writeToPublishedMs: {},
    publishedToConsumedMs: {},
    outboxLagMs: [],
    firstCreatedAt: Number.POSITIVE_INFINITY,
    lastEndedAt: 0,
  };
  const push = (bucket: Record<string, number[]>, key: string, value: number | undefined) => {
    if (value === undefined) return;
    bucket[key] = [...(bucket[key] ?? []), value];
  };
  for (const saga of sagas) {
    const created = saga.steps.created?.timestamp;
    const ended = (saga.steps.confirmation ?? saga.steps.compensation)?.timestamp;
    const e2e = ms(created, ended);
    if (e2e !== undefined && created && ended) {
      timings.endToEndMs.push(e2e);
      timings.firstCreatedAt = Math.min(timings.firstCreatedAt, Date.parse(created));
      timings.lastEndedAt = Math.max(timings.lastEndedAt, Date.parse(ended));
    }
    const events = byOrder.get(saga.orderId) ?? new Map<string, OutboxRecord>();
    for (const event of events.values()) {
      const lag = ms(event.occurredAt, event.publishedAt);
      push(timings.writeToPublishedMs, event.eventType, lag);
      if (lag !== undefined) timings.outboxLagMs.push(lag);
    }
    for (const [cause, reply] of CHAIN) {
      push(
        timings.publishedToConsumedMs,
        cause,
        ms(events.get(cause)?.publishedAt, events.get(reply)?.occurredAt),
      );
    }
  }
  return timings;
};
