/** Timers, behind an interface every part that waits takes, so tests control time. */

/** The timer functions a part needs; injectable so tests control time. */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's own timers. */
export const globalScheduler: Scheduler = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * A clock (epoch ms) whose every reading is later than the one before, even within one
 * millisecond: "did this start after that?" has one answer.
 */
export function increasingClock(): () => number {
  let last = 0;
  return () => {
    const t = Date.now();
    last = t > last ? t : last + 0.001;
    return last;
  };
}
