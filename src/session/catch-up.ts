/**
 * Catching up with the server's log: `GET {resource}/messages?index=N` after every
 * (re)connection and whenever a gap in the indices shows that something was lost. The
 * lowest index still missing is remembered until a fetch from it has succeeded, so no
 * sequence of failures, restarts and live messages can leave a hole in the transcript.
 * Beside the log, when asked (after every (re)connection), the interaction's resource is
 * read (`GET {resource}`: its state), retried the same way until it is read once.
 */
import type { Scheduler } from '../model/scheduler.js';
import { OperationError } from '../transport/rest.js';
import { Retry, RetryCanceled } from '../transport/retry.js';
import { GwsChatError } from './gws-chat-error.js';

/** Where the catch-up stands. */
export type CatchUpStatus =
  /** Nothing missing, or nothing may be fetched now (not connected). */
  | { readonly kind: 'idle' }
  /** A request for the log from `from` is out (attempt `attempt`). */
  | { readonly kind: 'fetching'; readonly from: number; readonly attempt: number }
  /** The last request failed; the next runs at `retryAt` (epoch ms). */
  | { readonly kind: 'waiting'; readonly from: number; readonly attempt: number; readonly retryAt: number }
  /** The server refused for good (404/410: it does not know the interaction; other 4xx): no use asking again. */
  | { readonly kind: 'failed'; readonly reason: string };

/** What the catch-up needs from the session. */
export interface CatchUpParts {
  /** Reads the server's log from `from` (the raw answer). */
  fetch(from: number, signal: AbortSignal): Promise<unknown>;
  /** Merges an answer; `startedAt` is when its request was sent (epoch ms). */
  merge(answer: unknown, startedAt: number): void | Promise<void>;
  /** Reads the interaction's state (see `requestState`); resolves with what `stateRead` takes. */
  readState?(signal: AbortSignal): Promise<unknown>;
  /** A state read answered. */
  stateRead?(answer: unknown): void;
}

/** Why catching up is impossible for good: the server does not know the chat (404/410), or its log cannot be read. */
export interface CatchUpFailure {
  readonly message: string;
  readonly reason: 'not-found' | 'log-unreadable';
}

/** What a catch-up reports, as events on the `CatchUp`. */
export interface CatchUpEventMap {
  /** The status changed: `detail` is the new one. */
  change: CustomEvent<CatchUpStatus>;
  /** Catching up is impossible for good (told once per interaction). */
  failed: CustomEvent<CatchUpFailure>;
}

// Typed listeners (declaration merging with the class below).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface CatchUp {
  addEventListener<K extends keyof CatchUpEventMap>(type: K, listener: (event: CatchUpEventMap[K]) => unknown): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

/** Options (tests pass a fake clock). */
export interface CatchUpOptions {
  /** Deadline of one request in ms (read at each catch-up). */
  readonly timeout?: number | (() => number);
  readonly scheduler?: Scheduler;
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Deadline of one catch-up request. */
export const CATCH_UP_TIMEOUT = 15_000;

/** Reads what was missed (the log, the state), retried; reports by events (`CatchUpEventMap`). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CatchUp extends EventTarget {
  #status: CatchUpStatus = { kind: 'idle' };
  /** The lowest index not yet fetched, or `null` when nothing is known to be missing. */
  #missingFrom: number | null = null;
  /** Asked for while a request was out: fetched after it (its answer may predate them). */
  #again: number | null = null;
  #active = false;
  #retry: Retry<unknown> | null = null;
  /** Whether the interaction's state is to be read (asked for, not yet read). */
  #stateWanted = false;
  #stateRetry: Retry<unknown> | null = null;

  constructor(private readonly hooks: CatchUpParts, private readonly options: CatchUpOptions = {}) {
    super();
  }

  get status(): CatchUpStatus {
    return this.#status;
  }

  /** The lowest index still to be fetched, or `null`. */
  get missingFrom(): number | null {
    if (this.#again === null) return this.#missingFrom;
    return Math.min(this.#missingFrom ?? this.#again, this.#again);
  }

  /** Asks for the log from `from` on (merged with whatever is still missing). */
  request(from: number): void {
    if (this.#status.kind === 'failed') return;
    const index = Math.max(0, Math.floor(from));
    if (this.#retry) this.#again = Math.min(this.#again ?? index, index);
    else this.#missingFrom = Math.min(this.#missingFrom ?? index, index);
    this.#pump();
  }

  /**
   * Asks for the interaction's state too (after a (re)connection: one missed meanwhile is
   * learned), read once connected and retried until read; a refusal for good is left alone
   * (the log still tells what it can).
   */
  requestState(): void {
    if (!this.hooks.readState || this.#status.kind === 'failed') return;
    this.#stateWanted = true;
    this.#pumpState();
  }

  /** Connected: fetching may go on. */
  resume(): void {
    this.#active = true;
    this.#pump();
  }

  /** Not connected: the request out is dropped (what it was for stays missing). */
  pause(): void {
    this.#active = false;
    this.#stop();
  }

  /** Another interaction: forget everything. */
  reset(): void {
    this.#stop();
    this.#stateWanted = false;
    this.#missingFrom = null;
    this.#again = null;
    this.#set({ kind: 'idle' });
  }

  /** Tries the waiting request at once. */
  now(): void {
    this.#retry?.now();
  }

  #stop(): void {
    const stateRetry = this.#stateRetry;
    this.#stateRetry = null;
    if (stateRetry) {
      // Not read: still wanted, at the next connection.
      this.#stateWanted = true;
      stateRetry.cancel();
    }
    const retry = this.#retry;
    this.#retry = null;
    retry?.cancel();
    if (this.#again !== null) this.#missingFrom = Math.min(this.#missingFrom ?? this.#again, this.#again);
    this.#again = null;
    if (this.#status.kind !== 'failed') this.#set({ kind: 'idle' });
  }

  /** The options of one retried request. */
  #timing() {
    return {
      timeout: (typeof this.options.timeout === 'function' ? this.options.timeout() : this.options.timeout) ?? CATCH_UP_TIMEOUT,
      ...(this.options.scheduler ? { scheduler: this.options.scheduler } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      now: this.options.now ?? Date.now,
      judge: (e: unknown) => {
        if (final(e)) return { retry: false } as const;
        return { retry: true, after: e instanceof OperationError ? e.retryAfter : null } as const;
      },
    };
  }

  #pumpState(): void {
    const read = this.hooks.readState;
    if (!read || !this.#active || !this.#stateWanted || this.#stateRetry || this.#status.kind === 'failed') return;
    this.#stateWanted = false;
    const retry = new Retry((signal) => read(signal), this.#timing());
    this.#stateRetry = retry;
    retry.promise.then((answer) => {
      if (this.#stateRetry !== retry) return;
      this.#stateRetry = null;
      try {
        this.hooks.stateRead?.(answer);
      } catch (e) {
        console.error('[gws-chat]', e);
      }
    }, () => {
      // Canceled, or refused for good (a server that does not offer the resource): the log
      // still tells what it can; a 404 is the log read's to report.
      if (this.#stateRetry === retry) this.#stateRetry = null;
    });
  }

  #pump(): void {
    this.#pumpLog();
    this.#pumpState();
  }

  #pumpLog(): void {
    if (!this.#active || this.#retry || this.#missingFrom === null || this.#status.kind === 'failed') return;
    const from = this.#missingFrom;
    const now = this.options.now ?? Date.now;
    let startedAt = now();
    const retry = new Retry((signal, attempt) => {
      startedAt = now();
      this.#set({ kind: 'fetching', from, attempt });
      return this.hooks.fetch(from, signal);
    }, {
      ...this.#timing(),
      onWait: (retryAt, attempt) => {
        if (retryAt !== null && this.#retry === retry) this.#set({ kind: 'waiting', from, attempt, retryAt });
      },
    });
    this.#retry = retry;
    retry.promise.then(async (answer) => {
      if (this.#retry !== retry) return;
      try {
        await this.hooks.merge(answer, startedAt);
      } catch (e) {
        // A bug of ours must not stall every later catch-up.
        console.error('[gws-chat]', e);
      }
      if (this.#retry !== retry) return;
      this.#retry = null;
      // Fetched from `from`: nothing below the requests made meanwhile is missing.
      this.#missingFrom = this.#again;
      this.#again = null;
      this.#set({ kind: 'idle' });
      this.#pump();
    }, (e: unknown) => {
      if (this.#retry !== retry || e instanceof RetryCanceled) return;
      this.#retry = null;
      const notFound = e instanceof OperationError && (e.httpStatus === 404 || e.httpStatus === 410);
      const message = notFound
        ? `The server does not know this chat (${e.httpStatus}); check the interaction id.`
        : `Could not read the chat's log (${e instanceof Error ? e.message : String(e)})`;
      this.#set({ kind: 'failed', reason: message });
      this.dispatchEvent(new CustomEvent<CatchUpFailure>('failed', { detail: { message, reason: notFound ? 'not-found' : 'log-unreadable' } }));
    });
  }

  #set(status: CatchUpStatus): void {
    this.#status = status;
    this.dispatchEvent(new CustomEvent<CatchUpStatus>('change', { detail: status }));
  }
}

/**
 * Whether the server's answer means asking again cannot help: a 4xx other than 408 and
 * 429 (404/410: it does not know the chat; 400/401/403: it will not tell this customer).
 */
function final(e: unknown): boolean {
  // Refused before anything was sent (no API root configured): asking again cannot help.
  if (e instanceof GwsChatError) return !e.retryable;
  if (!(e instanceof OperationError) || e.failure !== 'http' || e.httpStatus === null) return false;
  return e.httpStatus >= 400 && e.httpStatus < 500 && e.httpStatus !== 408 && e.httpStatus !== 429;
}
