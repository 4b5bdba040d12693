/**
 * Delivers the customer's messages: queued while not connected, sent one at a
 * time and in order, each request with a deadline, retried on the documented schedule
 * when the server said it did not take it (HTTP 408, 429 with `Retry-After`, 503), and
 * matched with the server's echo. A request whose outcome is unknown (no answer, the
 * deadline passed, the page was left, a gateway error) is never simply sent again: it
 * waits, unconfirmed, until a catch-up shows whether its echo is in the log.
 */
import { GwsChatError } from './gws-chat-error.js';
import { Outbox, QUEUED, type OutgoingFailure, type StoredOutgoing } from '../model/outbox.js';
import type { ChatMessage } from '../model/transcript.js';
import { globalScheduler, type Scheduler } from '../model/scheduler.js';
import { requestFailure, Retry, RetryCanceled } from '../transport/retry.js';

/** Attempts for one message before it stays failed (until the customer retries it). */
export const SEND_ATTEMPTS = 6;
/** Deadline of one `SendMessage` request. */
export const SEND_TIMEOUT = 15_000;

/** What a failed request counts as for the customer: no answer, or the server's refusal or failure. */
const failureOf = (e: unknown): OutgoingFailure =>
  (e instanceof GwsChatError ? e.reason === 'transport' : requestFailure(e)?.noAnswer) ? 'transport' : 'server';

/** A failure in plain (English) words. */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** What delivery needs from the session: what it asks, and how a message is sent. */
export interface DeliveryParts {
  /** Whether messages may go out now (connected, following a chat that has not ended). */
  canSend(): boolean;
  /** Sends one message (`SendMessage`). */
  deliver(text: string, signal: AbortSignal): Promise<unknown>;
  /** Whether the log can be read back (else an unknown outcome is retried: at least once). */
  canCatchUp(): boolean;
  /** Whether the chat has ended (nothing can be sent any more). */
  ended(): boolean;
}

/** What delivery reports, as events on the `OutboxDelivery`. */
export interface OutboxDeliveryEventMap {
  /** The server accepted a message (by its answer or its echo): `detail` is its text. */
  accepted: CustomEvent<string>;
  /** The outbox changed: show and store it. */
  change: Event;
  /** A message's outcome is unknown: the log must be read to settle it. */
  'unknown-outcome': Event;
  /** A message's delivery failed (told once per message, at its first failure). */
  failed: CustomEvent<GwsChatError>;
}

/** Options (tests pass a fake clock). */
export interface DeliveryOptions {
  /** Deadline of one `SendMessage` in ms (read at each message). */
  readonly timeout?: number | (() => number);
  readonly scheduler?: Scheduler;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly keyPrefix?: string;
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: GwsChatError) => void;
}

// Typed listeners (declaration merging with the class below).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface OutboxDelivery {
  addEventListener<K extends keyof OutboxDeliveryEventMap>(type: K, listener: (event: OutboxDeliveryEventMap[K]) => unknown): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

/** Delivers the customer's messages, one at a time, in order; reports by events (`OutboxDeliveryEventMap`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OutboxDelivery extends EventTarget {
  readonly outbox: Outbox;
  readonly #waiters = new Map<string, Waiter>();
  /** Messages whose failure was told already (once per message, not per attempt). */
  readonly #reported = new Set<string>();
  /**
   * Messages this session saw delivered (their echo matched, or settled by a catch-up):
   * a stale stored copy handed over again later is not taken (nor reported) a second time.
   */
  readonly #delivered = new Set<string>();
  /** The message on its way, with its retry. */
  #current: { key: string; retry: Retry<unknown> } | null = null;
  #now: () => number;
  /** The catch-up asked for when an unconfirmed message's request deadline passes. */
  #recheck: { at: number; timer: unknown } | null = null;

  constructor(private readonly hooks: DeliveryParts, private readonly options: DeliveryOptions = {}) {
    super();
    this.outbox = new Outbox(options.keyPrefix);
    this.#now = options.now ?? Date.now;
  }

  /** Queues a message; resolves when the server accepted it. */
  enqueue(text: string, afterIndex: number): Promise<void> {
    const item = this.outbox.add(text, afterIndex, this.#now());
    const accepted = this.#waitFor(item.key);
    this.#tell('change');
    this.pump();
    return accepted;
  }

  /** Sends a failed message again now; resolves when the server accepted it. */
  retry(key: string): Promise<void> {
    const item = this.outbox.get(key);
    if (item?.status !== 'failed') return this.#waiters.get(key)?.promise ?? Promise.resolve();
    if (this.hooks.ended()) return Promise.reject(new GwsChatError('This chat has ended.', 'not-allowed'));
    this.#reported.delete(key);
    if (this.#current?.key === key && this.#current.retry.now()) return this.#waitFor(key);
    this.outbox.update(key, QUEUED, 0);
    const accepted = this.#waitFor(key);
    this.#tell('change');
    this.pump();
    return accepted;
  }

  /** Sends queued messages one at a time, in order, while the session allows. */
  pump(): void {
    if (this.#current || !this.hooks.canSend()) return;
    const item = this.outbox.next();
    if (!item) return;
    const key = item.key;
    const timeout = (typeof this.options.timeout === 'function' ? this.options.timeout() : this.options.timeout) ?? SEND_TIMEOUT;
    // Stored as attempted, with its deadline, before the request goes out: a reload cannot
    // send it twice, nor again before the server has had its whole chance with it.
    this.outbox.update(key, { state: 'sending', deadline: this.#now() + timeout });
    this.#tell('change');
    const retry = new Retry((signal) => this.hooks.deliver(item.text, signal), {
      attempts: SEND_ATTEMPTS,
      timeout,
      ...(this.options.scheduler ? { scheduler: this.options.scheduler } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      now: this.#now,
      judge: (e) => {
        const error = requestFailure(e);
        if (!error || !error.transient) return { retry: false };
        if (error.outcomeUnknown && this.hooks.canCatchUp()) return { retry: false };
        return { retry: true, after: error.retryAfter };
      },
      onWait: (retryAt, attempt, e) => {
        if (this.#current?.retry !== retry || !this.outbox.get(key)) return;
        if (retryAt !== null) this.#report(key, e);
        if (retryAt === null) this.outbox.update(key, { state: 'sending', deadline: this.#now() + timeout });
        else this.outbox.update(key, { state: 'retrying', at: retryAt, reason: failureOf(e), error: messageOf(e) }, attempt - 1);
        this.#tell('change');
      },
    });
    this.#current = { key, retry };
    retry.promise.then(() => {
      if (this.#current?.retry !== retry) return;
      this.#current = null;
      // Its echo may have come first, taken it out and announced it already.
      if (this.outbox.update(key, { state: 'accepted', at: this.#now() })) {
        this.#settle(key);
        this.#tell('accepted', item.text);
      }
      this.#tell('change');
      this.pump();
    }, (e: unknown) => {
      if (this.#current?.retry !== retry) return;
      this.#current = null;
      if (!(e instanceof RetryCanceled)) this.#failed(key, e);
      this.pump();
    });
  }

  #failed(key: string, e: unknown): void {
    const current = this.outbox.get(key);
    if (!current) return; // its echo came: it is delivered
    const cause = requestFailure(e);
    if (cause?.failure !== 'aborted') this.#report(key, e);
    const error = messageOf(e);
    if (cause?.outcomeUnknown && this.hooks.canCatchUp()) {
      const now = this.#now();
      // Its deadline is the time by which the server had its whole chance: now, if that is
      // why it failed; else (no answer, a gateway's error) still the request's own.
      const { delivery: d } = current;
      const own = 'deadline' in d ? d.deadline : null;
      this.outbox.update(key, { state: 'unconfirmed', since: now, deadline: cause.failure === 'timeout' ? Math.min(own ?? now, now) : own });
      this.#tell('change');
      if (this.hooks.ended()) this.giveUpQueued();
      else this.#tell('unknown-outcome');
      return;
    }
    this.outbox.update(key, { state: 'failed', reason: failureOf(e), error }, current.attempts + 1);
    this.#settle(key, e instanceof GwsChatError ? e
      : new GwsChatError(error, cause?.noAnswer ? 'transport' : 'server', cause?.transient ?? false, cause ?? e));
    this.#tell('change');
  }

  /** A log entry arrived: the echo of one of ours proves the server has it. */
  onEntry(entry: ChatMessage): void {
    const matched = this.outbox.matchEcho(entry);
    if (!matched) return;
    if (this.#current?.key === matched.key && this.#current.retry.retryAt !== null) {
      // Waiting to try again: no need any more. (A request out is left to finish.)
      this.#current.retry.cancel('Delivered.');
      this.#current = null;
    }
    this.#delivered.add(matched.key);
    this.#settle(matched.key);
    if (matched.delivery.state !== 'accepted') this.#tell('accepted', matched.text);
    this.#tell('change');
    queueMicrotask(() => this.pump());
  }

  /** A catch-up that started at `startedAt` has been merged. */
  caughtUp(startedAt: number): void {
    const before = this.outbox.items.map((i) => i.key);
    if (this.outbox.settleAfterCatchUp(startedAt)) {
      const left = new Set(this.outbox.items.map((i) => i.key));
      for (const key of before) if (!left.has(key)) this.#delivered.add(key);
      this.#tell('change');
    }
    if (this.hooks.ended()) this.giveUpQueued();
    this.#recheckAfter(this.outbox.deadlineAfter(startedAt));
    this.pump();
  }

  /**
   * A message's request might still be logged until `deadline`: a catch-up that begins
   * after it settles whether the server has it (one timer, for the earliest).
   */
  #recheckAfter(deadline: number | null): void {
    if (deadline === null || (this.#recheck && this.#recheck.at <= deadline)) return;
    const scheduler = this.options.scheduler ?? globalScheduler;
    if (this.#recheck) scheduler.clearTimeout(this.#recheck.timer);
    const timer = scheduler.setTimeout(() => {
      this.#recheck = null;
      if (this.outbox.items.some((i) => i.delivery.state === 'unconfirmed')) this.#tell('unknown-outcome');
    }, Math.max(0, deadline - this.#now()) + 1);
    this.#recheck = { at: deadline, timer };
  }

  /**
   * The log cannot be read (the server does not know the chat): a message whose outcome
   * is unknown can never be settled. It fails visibly, and holds up nothing.
   */
  catchUpFailed(reason: string): void {
    let changed = false;
    for (const item of this.outbox.items) {
      if (item.delivery.state !== 'unconfirmed') continue;
      this.outbox.update(item.key, { state: 'failed', reason: 'unconfirmed', error: reason });
      this.#settle(item.key, new GwsChatError(reason, 'server'));
      changed = true;
    }
    if (changed) this.#tell('change');
    this.pump();
  }

  /** Tells a message's failure, once. */
  #report(key: string, e: unknown): void {
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    const cause = requestFailure(e);
    this.#tell('failed', e instanceof GwsChatError ? e
      : new GwsChatError(messageOf(e), cause?.noAnswer ? 'transport' : 'server', cause?.transient ?? false, e));
  }

  #tell(type: 'change' | 'unknown-outcome'): void;
  #tell(type: 'accepted', text: string): void;
  #tell(type: 'failed', error: GwsChatError): void;
  #tell(type: keyof OutboxDeliveryEventMap, detail?: unknown): void {
    this.dispatchEvent(detail === undefined ? new Event(type) : new CustomEvent(type, { detail }));
  }

  /**
   * The session stops (disconnected, element removed): nothing goes out until it is back.
   * A request out has its outcome unknown; where the log cannot be read it is simply
   * queued again (at least once).
   */
  suspend(): void {
    this.stop();
    const now = this.#now();
    for (const { key, delivery: d } of this.outbox.items) {
      if (d.state === 'sending') {
        this.outbox.update(key, this.hooks.canCatchUp() ? { state: 'unconfirmed', since: now, deadline: d.deadline } : QUEUED);
      } else if (d.state === 'retrying') {
        this.outbox.update(key, QUEUED);
      }
    }
  }

  /**
   * Takes over stored messages (a previous page's, a session's that left). `log` is the
   * transcript as known now: a message whose echo is already in it is delivered.
   */
  adopt(stored: readonly StoredOutgoing[], log: readonly ChatMessage[]): boolean {
    const fresh = stored.filter((s) => !this.#delivered.has(s.id));
    if (fresh.length === 0) return false;
    const before = this.outbox.items.map((i) => i.key).join();
    this.outbox.adopt(fresh, this.#now());
    for (const entry of log) {
      if (!entry.own || entry.type !== 'Text') continue;
      const matched = this.outbox.matchEcho(entry, true);
      if (matched) this.#delivered.add(matched.key);
      // Delivered, though its page never heard so: it is told here, once.
      if (matched && matched.delivery.state !== 'accepted') this.#tell('accepted', matched.text);
    }
    if (!this.hooks.canCatchUp()) {
      // Nothing can settle an unknown outcome here: send it again (at least once).
      for (const item of this.outbox.items) {
        if (item.delivery.state === 'unconfirmed') this.outbox.update(item.key, QUEUED);
      }
    } else {
      // Whether the server has them: the log read after now tells (also of one taken over
      // as accepted: its echo may be in the log already, under other words).
      const adopted = new Set(fresh.map((s) => s.id));
      if (this.outbox.items.some(({ key, delivery: { state } }) => state === 'unconfirmed' || (state === 'accepted' && adopted.has(key)))) {
        this.#tell('unknown-outcome');
      }
    }
    return this.outbox.items.map((i) => i.key).join() !== before;
  }

  /** Not connected any more: a message waiting for its automatic retry waits for the connection instead. */
  pause(): void {
    const current = this.#current;
    if (!current) return;
    if (this.outbox.get(current.key)?.delivery.state !== 'retrying') return; // a request is out: its answer settles it
    this.#current = null;
    current.retry.cancel();
    this.outbox.update(current.key, QUEUED);
    this.#tell('change');
  }

  /** The chat ended: what was not sent cannot be any more. */
  giveUpQueued(): void {
    let changed = false;
    for (const { key, delivery: { state } } of this.outbox.items) {
      const current = this.#current?.key === key;
      // Accepted, failed for good, or its request out (its answer settles it): left alone.
      if (state === 'accepted' || state === 'failed' || (state === 'sending' && current)) continue;
      if (current) {
        this.#current!.retry.cancel();
        this.#current = null;
      }
      this.outbox.update(key, { state: 'failed', reason: 'ended', error: 'This chat has ended.' });
      this.#settle(key, new GwsChatError('This chat has ended.', 'not-allowed'));
      changed = true;
    }
    if (changed) this.#tell('change');
  }

  /** Stops everything and settles every promise (another interaction, or teardown). */
  reset(reason: string): void {
    this.stop();
    for (const key of [...this.#waiters.keys()]) this.#settle(key, new GwsChatError(reason, 'no-interaction'));
    this.#reported.clear();
    this.#delivered.clear();
    this.outbox.clear();
  }

  /** Stops the request out without settling anything (the session is being torn down). */
  stop(): void {
    this.#current?.retry.cancel();
    this.#current = null;
    if (this.#recheck) (this.options.scheduler ?? globalScheduler).clearTimeout(this.#recheck.timer);
    this.#recheck = null;
  }

  #waitFor(key: string): Promise<void> {
    const existing = this.#waiters.get(key);
    if (existing) return existing.promise;
    let resolve!: () => void;
    let reject!: (e: GwsChatError) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // The composer shows a failure in the bubble; a promise nobody awaits is not an error.
    promise.catch(() => {});
    const waiter = { promise, resolve, reject };
    this.#waiters.set(key, waiter);
    return promise;
  }

  #settle(key: string, error?: GwsChatError): void {
    const waiter = this.#waiters.get(key);
    this.#waiters.delete(key);
    if (error) waiter?.reject(error);
    else waiter?.resolve();
  }
}
