/** Where a message that can never succeed is parked, with the reason, instead of blocking or looping. */
export interface DeadLetterQueue {
  park(message: { reason: string; source: string; payload: unknown }): Promise<void>;
}
