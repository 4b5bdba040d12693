/**
 * The CometD side: one connection per endpoint URL per page, shared by every element that
 * uses that URL, with one subscription per topic fanned out to its observers. It outlives
 * its last subscriber by `LINGER_MS` (not when the page is left or frozen).
 */
import type { Message } from 'cometd';
import { safely, Topics } from './connection-topics.js';
import { diagnoseNoAnswer, noteAnswered, type ConnectionProblem } from './cross-origin.js';
import { ResilientCometD } from './resilient-cometd.js';
import { Retry } from './retry.js';
import { endpointKey, perEndpoint } from './endpoints.js';
import type { NotificationSource, TopicObserver } from './source.js';

export type { ConnectionState, NotificationSource, TopicObserver } from './source.js';
export { endpointKey } from './endpoints.js';

/** Options of a connection. */
export interface ConnectionOptions {
  /** Random numbers in [0, 1) for the reconnect jitter (tests make it predictable). */
  readonly random?: () => number;
}

/**
 * Where the connection is in its life. What each observer is told derives from this and
 * from its topic's subscription (`Topics`).
 */
type Status =
  /** No session: CometD handshakes, and after a failure retries on its own (`retryAt`). */
  | { readonly kind: 'handshaking' }
  /** A session; its topics are being subscribed. CometD (re)connects on its own. */
  | { readonly kind: 'handshaken' }
  /** A session whose last /meta/connect succeeded. */
  | { readonly kind: 'connected' }
  /**
   * CometD stopped on its own (a denied handshake, advice `reconnect: none`, no transport
   * left): `restart` handshakes again on the documented schedule. `fail` ends the restart
   * attempt in flight, if any.
   */
  | { readonly kind: 'restarting'; readonly restart: Retry<void>; readonly fail: ((e: Error) => void) | null }
  /** The last subscriber left. */
  | { readonly kind: 'closed' };

const STOPPED = 'The notification connection stopped.';

/**
 * How long a connection with a session (and a tab group, see tab-connection.ts) outlives
 * its last subscriber, so that an element removed and added back (a framework's re-render or
 * route change) finds it still there instead of handshaking again. Not when the page is left
 * or frozen: then it says goodbye at once.
 */
export const LINGER_MS = 3_000;

/** One CometD connection to one endpoint; see `sharedConnection`. */
export class CometdConnection implements NotificationSource {
  readonly #cometd: ResilientCometD;
  readonly #topics: Topics;
  readonly #random: () => number;
  /** Aborted when the connection closes: its CometD's events are not listened to any more. */
  readonly #listening = new AbortController();
  #status: Status = { kind: 'handshaking' };
  /**
   * The likely cause of the server not answering (`null`: it answers, or nothing can be
   * said): set when a handshake gets no HTTP answer at all, cleared by any answer.
   */
  #problem: ConnectionProblem | null = null;
  /** The problem was told (`error`) in this run of failed attempts: not again until connected. */
  #problemTold = false;
  /** Failed handshakes and connects in a row that got no HTTP answer at all. */
  #unanswered = 0;
  /** The last subscriber left: the connection closes when this fires. */
  #linger: ReturnType<typeof setTimeout> | null = null;

  /** Window events that make a retry worth trying now; removed on close. */
  readonly #windowListeners: [string, () => void][] = [
    // Back online, or back from a suspended tab or sleep: a hanging poll may be dead.
    ['online', () => this.reconnectNow()],
    ['offline', () => this.#cometd.retryNow(true)],
    ['pageshow', () => this.#wake()],
    ['focus', () => this.#wake()],
    // Left while lingering: say goodbye now.
    ['pagehide', () => this.#closeIfIdle()],
  ];

  constructor(private readonly url: string, private readonly onEmpty: () => void, options: ConnectionOptions = {}) {
    const random = options.random ?? Math.random;
    this.#random = random;
    const cometd = new ResilientCometD(random);
    this.#cometd = cometd;
    this.#topics = new Topics({
      cometd,
      random,
      phase: () => {
        const kind = this.#status.kind;
        return kind === 'handshaken' ? 'session' : kind === 'connected' || kind === 'closed' ? kind : 'none';
      },
      retryAt: () => (this.#status.kind === 'restarting' ? this.#status.restart.retryAt : cometd.retryAt),
      problem: () => this.#problem,
    });
    // GWS documents long-polling only: an upgrade that hangs would stall the handshake,
    // and a cross-origin handshake the browser blocks must not fall back to JSONP.
    cometd.unregisterTransport('websocket');
    cometd.unregisterTransport('callback-polling');
    cometd.configure({
      url,
      logLevel: 'warn',
      // The worker scheduler builds a blob: Worker, which a strict CSP forbids.
      useWorkerScheduler: false,
    });
    // GWS sessions are cookie based; CometD's long-polling XHRs already send credentials.
    cometd.addListener('/meta/handshake', (m) => this.#onHandshake(m));
    cometd.addListener('/meta/connect', (m) => this.#onConnect(m));
    const until = this.#listening.signal;
    cometd.on('retry-change', () => this.#onRetryChange(), until);
    cometd.on('stop', () => this.#onStop(), until);
    cometd.on('failure', ({ detail }) => safely(() => this.#onFailure(detail.channel, detail.answered)), until);
    for (const [type, fn] of this.#windowListeners) globalThis.addEventListener?.(type, fn);
    globalThis.document?.addEventListener('visibilitychange', this.#onVisible);
    // Page Lifecycle: a frozen (suspended) tab is resumed.
    globalThis.document?.addEventListener('resume', this.#onVisible);
    globalThis.document?.addEventListener('freeze', this.#closeIfIdle);
    cometd.handshake();
  }

  subscribe(topic: string, observer: TopicObserver): () => void {
    const lingering = this.#linger !== null;
    if (lingering) clearTimeout(this.#linger!);
    this.#linger = null;
    this.#topics.add(topic, observer);
    // An element added back to a connection waiting for a far-away retry (its page moved on
    // during an outage) is a new start, as a page load would be: try now, not at the retry.
    if (lingering) this.#wake();
    return () => {
      if (!this.#topics.remove(topic, observer) || !this.#topics.idle) return;
      // A page being left or frozen says goodbye now, and a connection without a session
      // has nothing to keep; else it waits a moment for an element added back (its last
      // topic's subscription is kept meanwhile).
      const kind = this.#status.kind;
      if (leaving || (kind !== 'handshaken' && kind !== 'connected')) return this.#close();
      if (this.#linger !== null) clearTimeout(this.#linger);
      this.#linger = setTimeout(() => {
        this.#linger = null;
        this.#closeIfIdle();
      }, LINGER_MS);
    };
  }

  readonly #closeIfIdle = () => {
    if (this.#topics.idle) this.#close();
  };

  reconnectNow(): void {
    const status = this.#status;
    if (status.kind === 'restarting') status.restart.now();
    else if (status.kind !== 'closed') this.#cometd.retryNow(true);
  }

  readonly #onVisible = () => {
    if (globalThis.document?.visibilityState !== 'hidden') this.#wake();
  };

  /** A tab coming back to the front: retry at once if we are waiting to. */
  #wake(): void {
    const status = this.#status;
    if (status.kind === 'restarting') status.restart.now();
    else if (status.kind !== 'closed' && status.kind !== 'connected') this.#cometd.retryNow(false);
  }

  #close(): void {
    const status = this.#status;
    if (status.kind === 'closed') return;
    this.#status = { kind: 'closed' };
    if (this.#linger !== null) clearTimeout(this.#linger);
    this.#linger = null;
    if (status.kind === 'restarting') status.restart.cancel();
    this.#topics.forget();
    for (const [type, fn] of this.#windowListeners) globalThis.removeEventListener?.(type, fn);
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisible);
    globalThis.document?.removeEventListener('resume', this.#onVisible);
    globalThis.document?.removeEventListener('freeze', this.#closeIfIdle);
    this.#listening.abort();
    this.onEmpty();
    // A page being frozen or left may not send a plain request: say goodbye with a keepalive
    // one, or the server keeps the session (and may slow down the tab that takes over).
    const clientId = leaving ? this.#cometd.getClientId() : null;
    if (clientId) {
      safely(() => void fetch(`${this.url.replace(/\/+$/, '')}/disconnect`, {
        method: 'POST', keepalive: true, credentials: 'include',
        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
        body: JSON.stringify([{ id: '1', channel: '/meta/disconnect', clientId }]),
      }).catch(() => {}));
    }
    safely(() => this.#cometd.disconnect());
  }

  #onHandshake(m: Message): void {
    const status = this.#status;
    if (status.kind === 'closed') return;
    this.#topics.forget();
    if (m.successful === true) {
      if (status.kind === 'restarting') status.restart.cancel();
      this.#unanswered = 0;
      this.#problem = null;
      this.#status = { kind: 'handshaken' };
      this.#topics.subscribeAll();
    } else if (status.kind !== 'restarting') {
      this.#status = { kind: 'handshaking' };
    }
    this.#topics.reportAll();
  }

  #onConnect(m: Message): void {
    if (this.#status.kind !== 'handshaken' && this.#status.kind !== 'connected') return;
    const was = this.#status.kind;
    this.#status = { kind: m.successful === true ? 'connected' : 'handshaken' };
    if (m.successful === true) {
      // Once per run of connects (each long poll ends in one: no URL parsed per message).
      if (was !== 'connected') noteAnswered(this.url);
      // A run of failed attempts ends here: a later one is told about again.
      this.#unanswered = 0;
      this.#problem = null;
      this.#problemTold = false;
    }
    this.#topics.reportAll();
  }

  /**
   * A handshake or connect failed. When the server gives no HTTP answer at all, to a
   * handshake or to two attempts in a row (one long poll cut on the way, its retry
   * answered, is no news), the likely cause is told (once per run of failed attempts:
   * again only after a successful connect) and shown until an answer comes.
   */
  #onFailure(channel: string, answered: boolean): void {
    if (this.#status.kind === 'closed') return;
    this.#unanswered = answered ? 0 : this.#unanswered + 1;
    if (answered) {
      this.#setProblem(null);
      return;
    }
    if (channel !== '/meta/handshake' && this.#unanswered < 2) return;
    const problem = diagnoseNoAnswer(this.url);
    this.#setProblem(problem);
    if (problem && !this.#problemTold) {
      this.#problemTold = true;
      this.#topics.broadcastError(problem.message);
    }
  }

  #setProblem(problem: ConnectionProblem | null): void {
    const changed = problem?.message !== this.#problem?.message;
    this.#problem = problem;
    if (changed) this.#topics.reportAll();
  }

  #onRetryChange(): void {
    const status = this.#status;
    if (status.kind === 'restarting' && status.fail && this.#cometd.retryAt !== null) {
      // The restart's handshake failed on the network and CometD retries it on its own.
      status.restart.cancel();
      this.#status = { kind: 'handshaking' };
    }
    this.#topics.reportAll();
  }

  /** CometD gave up: restart it, on the documented schedule, until a handshake succeeds. */
  #onStop(): void {
    const status = this.#status;
    if (status.kind === 'closed') return;
    if (status.kind === 'restarting') {
      this.#status = { ...status, fail: null };
      status.fail?.(new Error(STOPPED));
      return;
    }
    this.#topics.forget();
    // A cross-origin handshake without any answer leaves CometD no transport (JSONP is off):
    // that is no word of the server's, and its likely cause was told already, if any.
    if (this.#unanswered === 0) this.#topics.broadcastError('The server closed the notification connection.');
    // The handshake or connect that stopped CometD was attempt 1: wait before attempt 2.
    const restart = new Retry<void>(
      (_, attempt) => (attempt === 1 ? Promise.reject(new Error(STOPPED)) : this.#handshakeAgain()),
      { random: this.#random, onWait: () => this.#topics.reportAll() },
    );
    this.#status = { kind: 'restarting', restart, fail: null };
    this.#topics.reportAll();
  }

  /**
   * One attempt of the restart: a new handshake. It fails when CometD stops again; the
   * restart is canceled (done) when the handshake succeeds or CometD retries on its own.
   */
  #handshakeAgain(): Promise<void> {
    return new Promise((_, reject) => {
      const status = this.#status;
      if (status.kind !== 'restarting') return;
      this.#status = { ...status, fail: reject };
      this.#cometd.handshake();
    });
  }
}

/**
 * The page is being frozen or left (Page Lifecycle: `freeze`, `pagehide`, a reload
 * included): a plain request may never leave, only keepalive ones still go out.
 */
let leaving = false;
globalThis.document?.addEventListener('freeze', () => {
  leaving = true;
});
globalThis.document?.addEventListener('resume', () => {
  leaving = false;
});
globalThis.addEventListener?.('pagehide', () => {
  leaving = true;
});
globalThis.addEventListener?.('pageshow', () => {
  leaving = false;
});

const connections = new Map<string, CometdConnection>();

/**
 * The page's shared connection to a CometD endpoint. Created on first use; disconnected
 * `LINGER_MS` after its last subscriber leaves (at once when the page is left or frozen).
 */
export function sharedConnection(url: string): NotificationSource {
  return perEndpoint(connections, endpointKey(url), (key, onEmpty) => new CometdConnection(key, onEmpty));
}

/** How many endpoint connections this page holds (for tests and diagnostics). */
export function openConnectionCount(): number {
  return connections.size;
}
