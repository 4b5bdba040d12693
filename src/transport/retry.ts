/**
 * The one retry helper: attempts with a deadline each, waits between them on the
 * documented schedule (`reconnectDelay`: exponential with full jitter) or as long as the
 * server asked (`Retry-After`), a visible `retryAt`, "try now", and cancellation.
 * Serves the connection's re-handshakes, the catch-up, the outbox and starting a chat.
 */
import { reconnectDelay } from './backoff.js';
import { OperationError } from './rest.js';
import { globalScheduler, type Scheduler } from '../model/scheduler.js';

/** How a failure of one attempt is judged. */
export type RetryVerdict =
  /** Give up: the failure is rethrown. */
  | { readonly retry: false }
  /** Try again after the schedule's wait, or after `after` ms when the server said so. */
  | { readonly retry: true; readonly after?: number | null };

/** Options of one `Retry`. */
export interface RetryOptions {
  /** Attempts in all, the first included (default: no limit). */
  readonly attempts?: number;
  /** Milliseconds each attempt may take before it is aborted (default 15 s). */
  readonly timeout?: number;
  /** Judges a failure (default: retry everything). */
  readonly judge?: (error: unknown, attempt: number) => RetryVerdict;
  /** Told when a wait starts (`retryAt`, epoch ms) and ends (`null`). */
  readonly onWait?: (retryAt: number | null, attempt: number, error: unknown) => void;
  /** Random numbers in [0, 1) for the jitter (tests make it predictable). */
  readonly random?: () => number;
  /** Timers (tests use a fake clock). */
  readonly scheduler?: Scheduler;
  /** The clock, epoch ms. */
  readonly now?: () => number;
}

/** Thrown (as the rejection) when a retry was canceled. */
export class RetryCanceled extends Error {
  override readonly name = 'RetryCanceled';
  constructor(message = 'Canceled.') {
    super(message);
  }
}

/** Thrown into an attempt's signal when it ran past its deadline. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor(readonly timeout: number) {
    super(`The server did not answer in time (${timeout < 1000 ? `${timeout} ms` : `${Math.round(timeout / 1000)} s`}).`);
  }
}

/**
 * The request failure behind an attempt's rejection: the `OperationError` itself (also
 * inside a wrapper's `cause`), or a deadline that passed, as a `timeout`; else `null`.
 */
export function requestFailure(e: unknown): OperationError | null {
  if (e instanceof OperationError) return e;
  if (e instanceof DeadlineExceeded) return new OperationError(e.message, 'timeout');
  if (e instanceof Error && e.cause !== undefined && e.cause !== e) return requestFailure(e.cause);
  return null;
}

/** Default deadline of one attempt. */
export const DEFAULT_TIMEOUT = 15_000;

/**
 * Runs `attempt(signal, n)` until it succeeds, is judged not worth retrying, runs out of
 * attempts, or is canceled. Each attempt gets an `AbortSignal` that fires at its deadline
 * or on `cancel()`; an attempt must pass it to its request.
 */
export class Retry<T> {
  readonly promise: Promise<T>;
  /** When the next attempt runs (epoch ms) while waiting, else `null`. */
  retryAt: number | null = null;
  /** The attempt running or next to run (1-based). */
  attempt = 0;
  #controller: AbortController | null = null;
  #wake: (() => void) | null = null;
  #canceled: RetryCanceled | null = null;
  readonly #options: RetryOptions;

  constructor(private readonly run: (signal: AbortSignal, attempt: number) => Promise<T>, options: RetryOptions = {}) {
    this.#options = options;
    this.promise = this.#loop();
    // A canceled retry nobody awaits must not be reported as an unhandled rejection.
    this.promise.catch(() => {});
  }

  /** Whether `cancel()` was called. */
  get canceled(): boolean {
    return this.#canceled !== null;
  }

  /** Skips the wait: the next attempt runs at once. Returns whether it was waiting. */
  now(): boolean {
    const wake = this.#wake;
    wake?.();
    return wake !== null;
  }

  /** Stops: aborts the attempt in flight, ends any wait, rejects with `RetryCanceled`. */
  cancel(reason = 'Canceled.'): void {
    if (this.#canceled) return;
    this.#canceled = new RetryCanceled(reason);
    this.#controller?.abort(this.#canceled);
    this.#wake?.();
  }

  async #loop(): Promise<T> {
    const o = this.#options;
    const scheduler = o.scheduler ?? globalScheduler;
    const now = o.now ?? Date.now;
    const attempts = o.attempts ?? Infinity;
    const timeout = o.timeout ?? DEFAULT_TIMEOUT;
    for (let n = 1; ; n++) {
      if (this.#canceled) throw this.#canceled;
      this.attempt = n;
      const controller = new AbortController();
      this.#controller = controller;
      const deadline = scheduler.setTimeout(() => controller.abort(new DeadlineExceeded(timeout)), timeout);
      let error: unknown;
      try {
        return await raceAbort(this.run(controller.signal, n), controller.signal);
      } catch (e) {
        error = e;
      } finally {
        scheduler.clearTimeout(deadline);
        this.#controller = null;
      }
      if (this.#canceled) throw this.#canceled;
      const verdict = o.judge ? o.judge(error, n) : { retry: true as const };
      if (!verdict.retry || n >= attempts) throw error;
      const wait = verdict.after != null && verdict.after >= 0
        ? verdict.after
        : reconnectDelay(n, (o.random ?? Math.random)());
      this.retryAt = now() + wait;
      o.onWait?.(this.retryAt, n + 1, error);
      await new Promise<void>((resolve) => {
        const timer = scheduler.setTimeout(() => this.#wake?.(), wait);
        this.#wake = () => {
          this.#wake = null;
          scheduler.clearTimeout(timer);
          resolve();
        };
      });
      this.retryAt = null;
      o.onWait?.(null, n + 1, error);
    }
  }
}

/** Settles with the attempt, or rejects with the signal's reason as soon as it aborts. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
