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
 * Runs `fn` in a later task, letting the page run between: a timer of `ms`, or, in a hidden
 * page (nothing to paint, and the browser slows chained timers there to one a second, then
 * one a minute), the next task of a message channel, which is not slowed.
 */
export function nextTask(fn: () => void, ms = 0, scheduler: Scheduler = globalScheduler): void {
  if (globalThis.document?.visibilityState === 'hidden' && typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(null);
    return;
  }
  scheduler.setTimeout(fn, ms);
}

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
