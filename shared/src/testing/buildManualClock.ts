import type { Clock } from '../runtime/Clock';

/** A clock that only moves when a test moves it. */
export type ManualClock = Clock & {
  /** Moves time forward by `ms` milliseconds. */
  advanceBy(ms: number): void;
  /** Jumps to an instant. */
  set(at: Date | string): void;
};

export const buildManualClock = (start: Date | string = '2030-01-01T00:00:00.000Z'): ManualClock => {
  let now = new Date(start).getTime();
  return Object.assign(() => new Date(now), {
    advanceBy(ms: number) {
      now += ms;
    },
    set(at: Date | string) {
      now = new Date(at).getTime();
    },
  });
};
