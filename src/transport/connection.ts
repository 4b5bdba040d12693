/**
 * The CometD side: one connection per endpoint URL per page, shared by every element that
 * uses that URL, with one subscription per topic fanned out to its observers.
 */
import type { Message, SubscriptionHandle } from 'cometd';
import { reconnectDelay } from './backoff.js';
import { ResilientCometD } from './resilient-cometd.js';

/** Connection states an element reports. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** What a subscriber of a topic is told. */
export interface TopicObserver {
  /** A raw notification of the topic (untrusted: parse before use). */
  notification(message: unknown): void;
  /**
   * The connection state as it concerns this topic (`connected` once subscribed), and
   * while reconnecting, when the next attempt runs (epoch ms) if one is scheduled.
   */
  state(state: ConnectionState, retryAt: number | null): void;
  /** A transport failure worth telling the user or host about. */
  error(message: string): void;
}

/** The small interface elements depend on; a test or another transport can supply its own. */
export interface NotificationSource {
  /** Starts delivering the topic's notifications to the observer; returns the way to stop. */
  subscribe(topic: string, observer: TopicObserver): () => void;
  /** Tries to reconnect at once instead of waiting for the scheduled attempt. */
  reconnectNow(): void;
}

/** Options of a connection. */
export interface ConnectionOptions {
  /** Random numbers in [0, 1) for the reconnect jitter (tests make it predictable). */
  readonly random?: () => number;
}

/** One CometD connection to one endpoint; see `sharedConnection`. */
export class CometdConnection implements NotificationSource {
  readonly #cometd: ResilientCometD;
  readonly #observers = new Map<string, Set<TopicObserver>>();
  readonly #handles = new Map<string, SubscriptionHandle>();
  readonly #ready = new Set<string>();
  readonly #reported = new Map<TopicObserver, string>();
  readonly #resubscribeTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #subscribeFailures = new Map<string, number>();
  /** Observers that have been told `connected` at least once: later gaps are reconnects. */
  readonly #wasConnected = new WeakSet<TopicObserver>();
  #handshaken = false;
  #connected = false;
  #closed = false;

  /** Window events that make a retry worth trying now; removed on close. */
  readonly #windowListeners: [string, () => void][] = [
    // Back online, or back from a suspended tab or sleep: a hanging poll may be dead.
    ['online', () => this.#cometd.retryNow(true)],
    ['offline', () => this.#cometd.retryNow(true)],
    ['pageshow', () => this.#wake()],
    ['focus', () => this.#wake()],
  ];

  constructor(url: string, private readonly onEmpty: () => void, options: ConnectionOptions = {}) {
    const cometd = new ResilientCometD(options.random);
    this.#cometd = cometd;
    // GWS documents long-polling only; an upgrade that hangs would stall the handshake.
    cometd.unregisterTransport('websocket');
    cometd.configure({
      url,
      logLevel: 'warn',
      // The worker scheduler builds a blob: Worker, which a strict CSP forbids.
      useWorkerScheduler: false,
    });
    // GWS sessions are cookie based; CometD's long-polling XHRs already send credentials.
    cometd.addListener('/meta/handshake', (m) => this.#onHandshake(m));
    cometd.addListener('/meta/connect', (m) => this.#onConnect(m));
    cometd.addListener('/meta/unsuccessful', (m) => this.#onUnsuccessful(m));
    cometd.onRetryChange = () => this.#reportAll();
    for (const [type, fn] of this.#windowListeners) globalThis.addEventListener?.(type, fn);
    globalThis.document?.addEventListener('visibilitychange', this.#onVisible);
    // Page Lifecycle: a frozen (suspended) tab is resumed.
    globalThis.document?.addEventListener('resume', this.#onVisible);
    cometd.handshake();
  }

  reconnectNow(): void {
    if (this.#closed) return;
    // After the server said "do not reconnect", only a new handshake can bring it back.
    if (this.#cometd.isDisconnected()) this.#cometd.handshake();
    else this.#cometd.retryNow(true);
  }

  readonly #onVisible = () => {
    if (globalThis.document?.visibilityState !== 'hidden') this.#wake();
  };

  /** A tab coming back to the front: retry at once if we are waiting to. */
  #wake(): void {
    if (!this.#closed && !this.#connected) this.#cometd.retryNow(false);
  }

  subscribe(topic: string, observer: TopicObserver): () => void {
    let set = this.#observers.get(topic);
    if (!set) {
      set = new Set();
      this.#observers.set(topic, set);
      if (this.#handshaken) this.#subscribeTopic(topic);
    }
    set.add(observer);
    this.#report(observer, topic);
    return () => this.#unsubscribe(topic, observer);
  }

  #unsubscribe(topic: string, observer: TopicObserver): void {
    const set = this.#observers.get(topic);
    if (!set?.delete(observer)) return;
    this.#reported.delete(observer);
    if (set.size > 0) return;
    this.#observers.delete(topic);
    this.#ready.delete(topic);
    const handle = this.#handles.get(topic);
    this.#handles.delete(topic);
    clearTimeout(this.#resubscribeTimers.get(topic));
    this.#resubscribeTimers.delete(topic);
    if (this.#observers.size === 0) {
      this.#close();
    } else if (handle) {
      // CometD refuses to unsubscribe while disconnected; the subscription is gone then anyway.
      safely(() => this.#cometd.unsubscribe(handle));
    }
  }

  #close(): void {
    this.#closed = true;
    for (const timer of this.#resubscribeTimers.values()) clearTimeout(timer);
    this.#resubscribeTimers.clear();
    for (const [type, fn] of this.#windowListeners) globalThis.removeEventListener?.(type, fn);
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisible);
    globalThis.document?.removeEventListener('resume', this.#onVisible);
    this.#cometd.onRetryChange = null;
    this.onEmpty();
    safely(() => this.#cometd.disconnect());
  }

  #subscribeTopic(topic: string): void {
    const handle = this.#cometd.subscribe(
      topic,
      (m) => this.#deliver(topic, m),
      (reply) => {
        if (this.#handles.get(topic) !== handle) return;
        if (reply.successful) {
          this.#ready.add(topic);
          this.#subscribeFailures.delete(topic);
        } else {
          this.#broadcastError(topic, `Could not subscribe to ${topic}: ${String(reply.error ?? 'refused')}`);
          // Try again with backoff while the session lasts (a new handshake subscribes anew).
          const failures = (this.#subscribeFailures.get(topic) ?? 0) + 1;
          this.#subscribeFailures.set(topic, failures);
          this.#handles.delete(topic);
          this.#resubscribeTimers.set(topic, setTimeout(() => {
            this.#resubscribeTimers.delete(topic);
            if (!this.#closed && this.#handshaken && this.#observers.has(topic) && !this.#handles.has(topic)) {
              this.#subscribeTopic(topic);
            }
          }, reconnectDelay(failures)));
        }
        this.#reportAll();
      },
    );
    this.#handles.set(topic, handle);
  }

  #deliver(topic: string, message: Message): void {
    for (const observer of [...(this.#observers.get(topic) ?? [])]) {
      safely(() => observer.notification(message));
    }
  }

  #onHandshake(m: Message): void {
    if (this.#closed) return;
    this.#handshaken = m.successful === true;
    // CometD drops its subscriptions on every new handshake: subscribe again.
    this.#handles.clear();
    this.#ready.clear();
    for (const timer of this.#resubscribeTimers.values()) clearTimeout(timer);
    this.#resubscribeTimers.clear();
    if (this.#handshaken) {
      this.#cometd.batch(() => {
        for (const topic of this.#observers.keys()) this.#subscribeTopic(topic);
      });
    } else {
      this.#connected = false;
    }
    this.#reportAll();
  }

  #onConnect(m: Message): void {
    if (this.#closed) return;
    this.#connected = m.successful === true;
    this.#reportAll();
  }

  #onUnsuccessful(m: Message): void {
    if (this.#closed) return;
    if (m.advice?.reconnect === 'none') {
      this.#connected = false;
      this.#handshaken = false;
      for (const topic of this.#observers.keys()) {
        this.#broadcastError(topic, 'The server closed the notification connection.');
      }
    }
    this.#reportAll();
  }

  #stateFor(topic: string, observer: TopicObserver): ConnectionState {
    if (this.#closed || this.#cometd.isDisconnected()) return 'disconnected';
    if (this.#connected && this.#ready.has(topic)) return 'connected';
    return this.#wasConnected.has(observer) ? 'reconnecting' : 'connecting';
  }

  #report(observer: TopicObserver, topic: string): void {
    const state = this.#stateFor(topic, observer);
    if (state === 'connected') this.#wasConnected.add(observer);
    const retryAt = state === 'connected' || state === 'disconnected' ? null : this.#cometd.retryAt;
    const key = `${state}@${retryAt ?? ''}`;
    if (this.#reported.get(observer) === key) return;
    this.#reported.set(observer, key);
    safely(() => observer.state(state, retryAt));
  }

  #reportAll(): void {
    for (const [topic, set] of this.#observers) {
      for (const observer of [...set]) this.#report(observer, topic);
    }
  }

  #broadcastError(topic: string, message: string): void {
    for (const observer of [...(this.#observers.get(topic) ?? [])]) safely(() => observer.error(message));
  }
}

/** Runs a callback of ours so that nothing it throws escapes into CometD. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error('[gws-chat]', e);
  }
}

const connections = new Map<string, CometdConnection>();

/** The absolute form of an endpoint URL, the key connections are shared under. */
export function endpointKey(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}

/**
 * The page's shared connection to a CometD endpoint. Created on first use; disconnected
 * when its last subscriber leaves.
 */
export function sharedConnection(url: string): NotificationSource {
  const key = endpointKey(url);
  return {
    reconnectNow() {
      connections.get(key)?.reconnectNow();
    },
    subscribe(topic, observer) {
      let connection = connections.get(key);
      if (!connection) {
        const created = new CometdConnection(key, () => {
          if (connections.get(key) === created) connections.delete(key);
        });
        connections.set(key, created);
        connection = created;
      }
      return connection.subscribe(topic, observer);
    },
  };
}

/** How many endpoint connections this page holds (for tests and diagnostics). */
export function openConnectionCount(): number {
  return connections.size;
}
