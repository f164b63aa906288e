/** Where a message that can never succeed is parked, with the reason, instead of blocking or looping. */
export interface DeadLetterQueue {
  park(message: ParkedDelivery): Promise<void>;
}

export interface ParkedDelivery {
  readonly reason: string;
  readonly source: string;
  readonly payload: unknown;
  /**
   * The id of the delivery being parked, the same on every redelivery (an SQS messageId, a stream
   * record's eventID). Parking is at least once: a batch cut short after parking (a crash, a
   * timeout, a recycled worker) parks its poison again, so copies share this id and readers count
   * them as one letter.
   */
  readonly deliveryId: string;
}
