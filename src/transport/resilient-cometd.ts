/**
 * The CometD client with our reconnect schedule: every retry (reconnect or re-handshake)
 * waits `reconnectDelay(attempt)` (exponential, jittered) instead of CometD's linear
 * backoff, the pending retry is visible (`retryAt`) and can be run at once (`retryNow`).
 * When CometD stops on its own instead (a `stop` event), only a new handshake restarts it.
 */
import { CometD, type Message } from 'cometd';
import { reconnectDelay } from './backoff.js';

/** CometD's failure description (not declared in its typings). */
interface FailureInfo {
  /** `failure`: no answer (network); `unsuccessful`: the server answered and advised. */
  cause?: 'failure' | 'unsuccessful' | 'negotiation';
  action: 'retry' | 'handshake' | 'none';
  delay?: number;
}

type FailureHandler = (info: FailureInfo) => void;

/** Whether a failed request got any HTTP answer (a Bayeux reply, or an HTTP status). */
function answered(message: Message, info: FailureInfo): boolean {
  if (info.cause !== 'failure') return true;
  const failure = (message as { failure?: { httpCode?: unknown } }).failure;
  return typeof failure?.httpCode === 'number' && failure.httpCode > 0;
}

/** What a `ResilientCometD` reports (see `on`). */
export interface ResilientCometDEventMap {
  /** A retry was scheduled or run (`retryAt` changed). */
  'retry-change': Event;
  /**
   * A handshake or connect failed, before CometD decides what to do next: its channel, and
   * whether any HTTP answer came (a Bayeux reply or an HTTP status). A request the browser
   * blocked (CORS) and a network failure both come without one.
   */
  failure: CustomEvent<{ readonly channel: string; readonly answered: boolean }>;
  /**
   * CometD stopped on its own: the server advised `reconnect: none` (a denied handshake) or
   * no transport is left. Not told after `disconnect()`.
   */
  stop: Event;
}

export class ResilientCometD extends CometD {
  /** Consecutive failed attempts; reset by a successful connect (and see `#rejoining`). */
  attempts = 0;
  /** When the scheduled retry runs (epoch ms), or `null`. */
  retryAt: number | null = null;
  /** Where its events are told (see `on`). */
  readonly #events = new EventTarget();
  /** The server asked for a new session since the last successful connect. */
  #rejoining = false;
  #captureRetry = false;
  #retry: { run: () => void; handle: unknown } | null = null;

  /** Listens to what it reports, until `signal` (if any) aborts. */
  on<K extends keyof ResilientCometDEventMap>(
    type: K, listener: (event: ResilientCometDEventMap[K]) => void, signal?: AbortSignal,
  ): void {
    this.#events.addEventListener(type, listener as EventListener, signal ? { signal } : undefined);
  }

  constructor(private readonly random: () => number = Math.random) {
    super();
    this.addListener('/meta/connect', (m: Message) => {
      if (!m.successful) return;
      this.attempts = 0;
      this.#rejoining = false;
    });
  }

  // CometD calls this on every failed handshake or connect, with what it will do next.
  onTransportFailure(message: Message, failureInfo: FailureInfo, failureHandler: FailureHandler): void {
    const parent = CometD.prototype as unknown as {
      onTransportFailure(this: CometD, m: Message, f: FailureInfo, h: FailureHandler): void;
    };
    // Stopping already: `disconnect()` was called.
    const stopping = this.isDisconnected();
    if (!stopping) {
      const detail = { channel: String(message.channel), answered: answered(message, failureInfo) };
      this.#events.dispatchEvent(new CustomEvent('failure', { detail }));
    }
    parent.onTransportFailure.call(this, message, failureInfo, (info) => {
      if (info.action === 'handshake' && info.cause === 'unsuccessful' && !this.#rejoining) {
        // The server answers again and, for the first time since we were connected, asks
        // for a new session: it restarted and lost ours. Come back soon: attempt 1. If it
        // keeps asking (a session no node knows), the schedule climbs from there.
        this.#rejoining = true;
        this.attempts = 0;
      }
      if (info.action === 'retry' || info.action === 'handshake') {
        info.delay = reconnectDelay(++this.attempts, this.random());
        this.#captureRetry = true;
      }
      try {
        failureHandler(info);
      } finally {
        this.#captureRetry = false;
      }
      if (info.action === 'none' && !stopping) this.#events.dispatchEvent(new Event('stop'));
    });
  }

  // CometD schedules the retry through this method right after the failure handler.
  override setTimeout(fn: () => void, delay: number): unknown {
    if (!this.#captureRetry) return super.setTimeout(fn, delay);
    this.#captureRetry = false;
    const run = () => {
      this.#retry = null;
      this.retryAt = null;
      this.#events.dispatchEvent(new Event('retry-change'));
      fn();
    };
    const handle = super.setTimeout(run, delay);
    this.#retry = { run, handle };
    this.retryAt = Date.now() + delay;
    this.#events.dispatchEvent(new Event('retry-change'));
    return handle;
  }

  /**
   * Tries to reconnect now: runs the scheduled retry at once, or, when a request may be
   * hanging on a dead network (after sleep or going offline), aborts it so the failure
   * path retries. Returns whether anything was done.
   */
  retryNow(abortInFlight = false): boolean {
    const retry = this.#retry;
    if (retry) {
      super.clearTimeout(retry.handle);
      retry.run();
      return true;
    }
    if (abortInFlight && !this.isDisconnected()) {
      this.attempts = 0;
      this.getTransport()?.abort();
      return true;
    }
    return false;
  }
}
