/** One hop of a floor chain: what the relay publishes and the consumer reads. */
export interface Hop {
  readonly chainId: string;
  readonly hop: number;
  readonly at: string;
}

/** A confirmed saga crosses three outbox → bus → inbox hops; so does a floor chain. */
export const LAST_HOP = 3;

export const hopId = (chainId: string, hop: number) => `${chainId}#${hop}`;
