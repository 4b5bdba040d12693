/**
 * The topics of one CometD connection: one subscription per topic in the current session,
 * fanned out to the topic's observers, and the state each observer has been told.
 */
import type { CometD, Message, SubscriptionHandle } from 'cometd';
import { reconnectDelay } from './backoff.js';
import type { ConnectionState, TopicObserver } from './source.js';
import type { ConnectionProblem } from './cross-origin.js';

/** What the topics need of their connection. */
export interface TopicsHost {
  readonly cometd: Pick<CometD, 'subscribe' | 'unsubscribe' | 'batch'>;
  /** Random numbers in [0, 1) for the jitter of subscription retries. */
  readonly random: () => number;
  /**
   * Where the connection is: `session` (topics can be subscribed), `connected` (and its
   * last /meta/connect succeeded), `closed`, or `none` (no session).
   */
  phase(): 'none' | 'session' | 'connected' | 'closed';
  /** When the next attempt to reconnect runs (epoch ms), if one is scheduled. */
  retryAt(): number | null;
  /** The likely cause of the server not answering, if one can be told. */
  problem(): ConnectionProblem | null;
}

/** A topic's subscription in the current session. */
type Subscription =
  /** Not subscribed: no session yet. */
  | { readonly kind: 'none' }
  /** Asked for; refused `failures` times before in this session. */
  | { readonly kind: 'pending'; readonly handle: SubscriptionHandle; readonly failures: number }
  | { readonly kind: 'ready'; readonly handle: SubscriptionHandle }
  /** Refused: asked again when `timer` fires. */
  | { readonly kind: 'refused'; readonly failures: number; readonly timer: ReturnType<typeof setTimeout> };

interface Topic {
  subscription: Subscription;
  /** Each observer, with what it has been told. */
  readonly observers: Map<TopicObserver, Told>;
}

interface Told {
  /** `state@retryAt@problem` last reported, so that nothing is reported twice. */
  last: string | null;
  /** Has been told `connected`: later gaps are reconnects. */
  connected: boolean;
}

export class Topics {
  readonly #topics = new Map<string, Topic>();

  constructor(private readonly host: TopicsHost) {}

  /** How many topics have observers. */
  get size(): number {
    return this.#topics.size;
  }

  /** Adds an observer of a topic; a new topic is subscribed at once if there is a session. */
  add(topic: string, observer: TopicObserver): void {
    let entry = this.#topics.get(topic);
    if (!entry) {
      entry = { subscription: { kind: 'none' }, observers: new Map() };
      this.#topics.set(topic, entry);
      if (this.#inSession()) this.#subscribe(topic, entry, 0);
    }
    if (!entry.observers.has(observer)) entry.observers.set(observer, { last: null, connected: false });
    this.#report(entry, observer);
  }

  /**
   * Removes an observer. A topic's last observer ends its subscription (left to the
   * disconnect when it was the last topic). Returns whether the observer was there.
   */
  remove(topic: string, observer: TopicObserver): boolean {
    const entry = this.#topics.get(topic);
    if (!entry?.observers.delete(observer)) return false;
    if (entry.observers.size > 0) return true;
    this.#topics.delete(topic);
    const subscription = entry.subscription;
    if (subscription.kind === 'refused') clearTimeout(subscription.timer);
    if (this.#topics.size > 0 && (subscription.kind === 'pending' || subscription.kind === 'ready')) {
      // CometD refuses to unsubscribe while disconnected; the subscription is gone then anyway.
      safely(() => this.host.cometd.unsubscribe(subscription.handle));
    }
    return true;
  }

  /** Subscribes every topic in a new session, in one request. */
  subscribeAll(): void {
    this.host.cometd.batch(() => {
      for (const [topic, entry] of this.#topics) this.#subscribe(topic, entry, 0);
    });
  }

  /** Forgets the subscriptions: CometD drops them on every new handshake. */
  forget(): void {
    for (const entry of this.#topics.values()) {
      if (entry.subscription.kind === 'refused') clearTimeout(entry.subscription.timer);
      entry.subscription = { kind: 'none' };
    }
  }

  /** Tells every observer whatever changed for it. */
  reportAll(): void {
    for (const entry of this.#topics.values()) {
      for (const observer of [...entry.observers.keys()]) this.#report(entry, observer);
    }
  }

  /** Tells every observer of every topic about a transport failure. */
  broadcastError(message: string): void {
    for (const entry of this.#topics.values()) this.#error(entry, message);
  }

  #inSession(): boolean {
    const phase = this.host.phase();
    return phase === 'session' || phase === 'connected';
  }

  #subscribe(topic: string, entry: Topic, failures: number): void {
    const handle = this.host.cometd.subscribe(topic, (m: Message) => this.#deliver(entry, m), (reply) => {
      const subscription = entry.subscription;
      if (subscription.kind !== 'pending' || subscription.handle !== handle) return;
      if (reply.successful) {
        entry.subscription = { kind: 'ready', handle };
      } else {
        this.#error(entry, `Could not subscribe to ${topic}: ${String(reply.error ?? 'refused')}`);
        // Try again with backoff while the session lasts (a new handshake subscribes anew).
        const refused = failures + 1;
        const timer = setTimeout(() => {
          const current = entry.subscription;
          if (current.kind === 'refused' && current.timer === timer && this.#inSession()) {
            this.#subscribe(topic, entry, refused);
          }
        }, reconnectDelay(refused, this.host.random()));
        entry.subscription = { kind: 'refused', failures: refused, timer };
      }
      this.reportAll();
    });
    entry.subscription = { kind: 'pending', handle, failures };
  }

  #deliver(entry: Topic, message: Message): void {
    for (const observer of [...entry.observers.keys()]) safely(() => observer.notification(message));
  }

  #error(entry: Topic, message: string): void {
    for (const observer of [...entry.observers.keys()]) safely(() => observer.error(message));
  }

  #report(entry: Topic, observer: TopicObserver): void {
    const told = entry.observers.get(observer);
    if (!told) return;
    const phase = this.host.phase();
    const state: ConnectionState = phase === 'closed' ? 'disconnected'
      : phase === 'connected' && entry.subscription.kind === 'ready' ? 'connected'
      : told.connected ? 'reconnecting' : 'connecting';
    if (state === 'connected') told.connected = true;
    const waiting = state !== 'connected' && state !== 'disconnected';
    const retryAt = waiting ? this.host.retryAt() : null;
    const problem = waiting ? this.host.problem() : null;
    const key = `${state}@${retryAt ?? ''}@${problem?.message ?? ''}`;
    if (told.last === key) return;
    told.last = key;
    safely(() => observer.state(state, retryAt, problem));
  }
}

/** Runs a callback of ours so that nothing it throws escapes into CometD. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    console.error('[gws-chat]', e);
  }
}
