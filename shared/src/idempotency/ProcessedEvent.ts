/** The dedupe record a consumer writes in the same transaction as the replies it decided. */
export interface ProcessedEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly aggregateId: string;
  readonly processedAt: Date;
}
