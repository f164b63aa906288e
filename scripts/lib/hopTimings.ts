import { type Distribution, distribution } from './percentile';

/** An outbox item as stored: the event, when it was written, and when a publisher put it on the bus. */
export interface TracedEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly occurredAt: string;
  readonly publishedAt?: string;
}

/** A consumer's change that leaves no event behind: when it applied `causeEventId`, or the order's `causeType`. */
export type TracedEffect = { readonly what: string; readonly at: string } & (
  | { readonly causeEventId: string }
  | { readonly orderId: string; readonly causeType: string }
);

/** One hop of one saga: an event waiting for its publisher, or for a consumer to apply it. */
export interface Hop {
  readonly label: string;
  readonly orderId: string;
  readonly startedAt: string;
  readonly ms: number;
}

const between = (from: string, to: string) => Date.parse(to) - Date.parse(from);

/**
 * Every hop the stored timestamps show, each from its own writer's clock: written → published (a relay
 * or the sweeper), and published → applied (bus, inbox queue, consumer), the consumer's side being the
 * event its transaction wrote (same `causationId`) or the change it made.
 */
export const hopsOf = (events: readonly TracedEvent[], effects: readonly TracedEffect[]): Hop[] => {
  const byId = new Map(events.map((event) => [event.eventId, event]));
  const byOrderAndType = new Map(events.map((event) => [`${event.correlationId} ${event.eventType}`, event]));
  const hops: Hop[] = [];
  const applied = (cause: TracedEvent | undefined, what: string, at: string) => {
    if (!cause?.publishedAt) return;
    hops.push({
      label: `${cause.eventType} published → ${what}`,
      orderId: cause.correlationId,
      startedAt: cause.publishedAt,
      ms: between(cause.publishedAt, at),
    });
  };
  for (const event of events) {
    if (event.publishedAt) {
      hops.push({
        label: `${event.eventType} written → published`,
        orderId: event.correlationId,
        startedAt: event.occurredAt,
        ms: between(event.occurredAt, event.publishedAt),
      });
    }
    applied(byId.get(event.causationId), `${event.eventType} written`, event.occurredAt);
  }
  for (const effect of effects) {
    const cause =
      'causeEventId' in effect
        ? byId.get(effect.causeEventId)
        : byOrderAndType.get(`${effect.orderId} ${effect.causeType}`);
    applied(cause, effect.what, effect.at);
  }
  return hops;
};

export type HopSummary = Distribution & { readonly label: string };

/** Per kind of hop, slowest first by its worst case. */
export const summarizeHops = (hops: readonly Hop[]): HopSummary[] => {
  const byLabel = new Map<string, number[]>();
  for (const hop of hops) {
    const values = byLabel.get(hop.label);
    if (values) values.push(hop.ms);
    else byLabel.set(hop.label, [hop.ms]);
  }
  return [...byLabel.entries()]
    .map(([label, values]) => ({ label, ...distribution(values) }))
    .sort((a, b) => b.max - a.max || a.label.localeCompare(b.label));
};

/** The report `make hops` prints: a line per kind of hop, then the slowest hops with their order and time. */
export const renderHops = (
  hops: readonly Hop[],
  unpublished: readonly TracedEvent[],
  slowest = 5,
): string => {
  const lines = [
    `hops: ${hops.length} across ${new Set(hops.map((hop) => hop.orderId)).size} orders (ms p50 / p99 / max, n)`,
  ];
  for (const { label, count, p50, p99, max } of summarizeHops(hops)) {
    lines.push(`  ${label}: ${Math.round(p50)} / ${Math.round(p99)} / ${max}  (${count})`);
  }
  const worst = [...hops].sort((a, b) => b.ms - a.ms).slice(0, slowest);
  if (worst.length > 0) lines.push('slowest hops:');
  for (const hop of worst)
    lines.push(`  ${hop.ms} ms  ${hop.label}  order ${hop.orderId}, from ${hop.startedAt}`);
  lines.push(`unpublished outbox events: ${unpublished.length}`);
  for (const event of unpublished.slice(0, slowest)) {
    lines.push(
      `  ${event.eventType} ${event.eventId} of order ${event.correlationId}, written ${event.occurredAt}`,
    );
  }
  return lines.join('\n');
};

/** One order's hops in the order they started: where its time went. */
export const renderOrderHops = (hops: readonly Hop[], orderId: string): string => {
  const own = hops
    .filter((hop) => hop.orderId === orderId)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.label.localeCompare(b.label));
  if (own.length === 0) return `order ${orderId}: no hops recorded`;
  return [`order ${orderId}:`, ...own.map((hop) => `  ${hop.startedAt}  ${hop.ms} ms  ${hop.label}`)].join(
    '\n',
  );
};
