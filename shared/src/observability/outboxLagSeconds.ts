/** Outbox lag: how long the oldest unpublished event has waited (0 when nothing waits). */
export const outboxLagSeconds = (now: Date, oldestOccurredAt: string | undefined): number =>
  oldestOccurredAt === undefined ? 0 : Math.max(0, (now.getTime() - Date.parse(oldestOccurredAt)) / 1000);
