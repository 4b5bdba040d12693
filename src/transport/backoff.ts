/**
 * When to try again after a failed connection. Exponential with "full jitter": attempt n
 * waits a random time between `MIN_DELAY` and min(`MAX_DELAY`, `BASE_DELAY` × 2^(n-1)),
 * so thousands of customers that lost the same server do not come back in step.
 *
 * | attempt | wait          |
 * |---------|---------------|
 * | 1       | 0.25 – 1 s    |
 * | 2       | 0.25 – 2 s    |
 * | 3       | 0.25 – 4 s    |
 * | 4       | 0.25 – 8 s    |
 * | 5       | 0.25 – 16 s   |
 * | 6 +     | 0.25 – 30 s   |
 */
export const BASE_DELAY = 1_000;
export const MIN_DELAY = 250;
export const MAX_DELAY = 30_000;

/** The wait before reconnect attempt `attempt` (1-based); `random` is in [0, 1). */
export function reconnectDelay(attempt: number, random: number = Math.random()): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(MAX_DELAY, BASE_DELAY * 2 ** Math.min(n - 1, 30));
  return Math.round(MIN_DELAY + Math.min(Math.max(random, 0), 1) * (ceiling - MIN_DELAY));
}
