/** Time is injected so domain decisions and tests are deterministic. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
