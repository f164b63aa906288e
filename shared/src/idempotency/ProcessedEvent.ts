/** The dedupe record a consumer writes in the same transaction as the state change it caused. */
export interface ProcessedEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly aggregateId: string;
  readonly processedAt: Date;
}
