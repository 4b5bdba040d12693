/**
 * One CometD connection per browser: the tabs of a site that follow the same endpoint
 * elect one leader (Web Locks); the leader holds the connection (`sharedConnection`) and
 * relays every notification, state change and error over a `BroadcastChannel`; the other
 * tabs follow. When the leader's tab closes, freezes or stops needing it, the lock passes
 * to another tab, which connects, subscribes and reports `connected` (whereupon every tab
 * catches up). Where Web Locks or BroadcastChannel are missing, or exist but refuse (a
 * sandboxed or cross-origin iframe: `SecurityError`), each tab connects alone.
 */
import { LINGER_MS, sharedConnection } from './connection.js';
import { endpointKey, perEndpoint } from './endpoints.js';
import type { ConnectionState, NotificationSource, TopicObserver } from './source.js';
import type { ConnectionProblem } from './cross-origin.js';

/** A message on a group's channel. */
type Relay =
  /** The leader's notification of a topic. */
  | { readonly t: 'n'; readonly topic: string; readonly message: unknown }
  /** The leader's connection state for a topic (and the likely cause of no answer, if known). */
  | {
    readonly t: 's'; readonly topic: string; readonly state: ConnectionState; readonly retryAt: number | null;
    readonly problem?: ConnectionProblem | null;
  }
  /** The leader's transport error for a topic. */
  | { readonly t: 'e'; readonly topic: string; readonly message: string }
  /** A tab's topics (the leader subscribes to every tab's). */
  | { readonly t: 'want'; readonly tab: string; readonly topics: readonly string[] }
  /** A new leader asks every tab for its topics. */
  | { readonly t: 'hello'; readonly tab: string }
  /** The leader stops leading (its tab closes, freezes, or needs nothing any more). */
  | { readonly t: 'bye'; readonly tab: string }
  /** A follower asks the leader to reconnect at once. */
  | { readonly t: 'now' };

/**
 * How this tab takes part: not at all (no subscriber); with the other tabs over a channel;
 * or on its own, where Web Locks or BroadcastChannel refuse (it leads without a lock).
 */
type Link =
  | { readonly kind: 'none' }
  | { readonly kind: 'shared'; readonly channel: BroadcastChannel }
  | { readonly kind: 'solo' };

/** This tab's part in a group. */
type Role =
  | { readonly kind: 'alone' }
  /** Waiting for the lock: another tab leads (or nobody yet). */
  | { readonly kind: 'candidate'; readonly abort: AbortController }
  /** Holding the lock and the connection. */
  | { readonly kind: 'leader'; readonly release: () => void; readonly stops: Map<string, () => void> };

const TAB_ID = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);

/** Whether tabs can share a connection here. */
export function canShareTabs(): boolean {
  return typeof globalThis.BroadcastChannel === 'function'
    && typeof globalThis.navigator?.locks?.request === 'function';
}

/** The tabs of this browser that follow one endpoint, as this tab takes part. */
class TabGroup implements NotificationSource {
  readonly #key: string;
  readonly #observers = new Map<string, Set<TopicObserver>>();
  /** What this tab's observers were last told per topic (followers replay it to newcomers). */
  readonly #last = new Map<string, { state: ConnectionState; retryAt: number | null; problem: ConnectionProblem | null }>();
  /** The leader's view: every tab's topics. */
  readonly #wants = new Map<string, readonly string[]>();
  #link: Link = { kind: 'none' };
  #role: Role = { kind: 'alone' };
  /** Frozen or in the back/forward cache: stands for nothing until resumed or shown again. */
  #frozen = false;
  /**
   * The last subscriber left: the group closes when this fires (`LINGER_MS`), so that an
   * element added back at once finds this tab leading (or following) as before.
   */
  #linger: ReturnType<typeof setTimeout> | null = null;

  constructor(key: string, private readonly onEmpty: () => void) {
    this.#key = key;
  }

  subscribe(topic: string, observer: TopicObserver): () => void {
    let set = this.#observers.get(topic);
    const fresh = !set;
    if (!set) {
      set = new Set();
      this.#observers.set(topic, set);
    }
    set.add(observer);
    if (this.#linger !== null) clearTimeout(this.#linger);
    this.#linger = null;
    this.#join();
    const last = this.#last.get(topic);
    observer.state(last?.state ?? 'connecting', last?.retryAt ?? null, last?.problem ?? null);
    if (fresh) this.#topicsChanged();
    return () => this.#leave(topic, observer);
  }

  reconnectNow(): void {
    if (this.#role.kind === 'leader') sharedConnection(this.#key).reconnectNow();
    else this.#post({ t: 'now' });
  }

  #leave(topic: string, observer: TopicObserver): void {
    const set = this.#observers.get(topic);
    if (!set?.delete(observer)) return;
    if (set.size > 0) return;
    this.#observers.delete(topic);
    this.#last.delete(topic);
    this.#topicsChanged();
    if (this.#observers.size > 0) return;
    // Kept a moment: an element added back at once (a re-render) finds the group as it was.
    if (this.#linger !== null) clearTimeout(this.#linger);
    this.#linger = setTimeout(() => {
      this.#linger = null;
      if (this.#observers.size === 0) this.#close();
    }, LINGER_MS);
  }

  /** Takes part: opens the channel and stands for leader. */
  #join(): void {
    if (this.#link.kind !== 'none') return;
    try {
      const channel = new BroadcastChannel(`gws-chat:${this.#key}`);
      channel.onmessage = (e: MessageEvent) => this.#onRelay(e.data as Relay);
      this.#link = { kind: 'shared', channel };
    } catch {
      // Refused (an opaque origin may throw): this tab works alone.
      this.#link = { kind: 'solo' };
    }
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    globalThis.addEventListener?.('pageshow', this.#onPageShow);
    globalThis.document?.addEventListener('freeze', this.#onFreeze);
    globalThis.document?.addEventListener('resume', this.#wake);
    this.#stand();
  }

  #close(): void {
    this.#abdicate();
    this.#post({ t: 'want', tab: TAB_ID, topics: [] });
    if (this.#link.kind === 'shared') this.#link.channel.close();
    this.#link = { kind: 'none' };
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    globalThis.removeEventListener?.('pageshow', this.#onPageShow);
    globalThis.document?.removeEventListener('freeze', this.#onFreeze);
    globalThis.document?.removeEventListener('resume', this.#wake);
    this.onEmpty();
  }

  /** Asks for the leader's lock; it is granted when no other tab holds it. Alone, leads at once. */
  #stand(): void {
    if (this.#role.kind !== 'alone' || this.#frozen) return;
    if (this.#link.kind === 'solo') return this.#lead(() => {});
    if (this.#link.kind !== 'shared') return;
    const abort = new AbortController();
    this.#role = { kind: 'candidate', abort };
    navigator.locks.request(`gws-chat:leader:${this.#key}`, { signal: abort.signal }, () => new Promise<void>((release) => {
      if (this.#role.kind !== 'candidate' || this.#role.abort !== abort) return release();
      this.#lead(release);
    })).catch(() => {
      if (abort.signal.aborted) return; // this tab no longer stands
      // Web Locks that exist but refuse (a sandboxed or cross-origin iframe: SecurityError):
      // nobody can lead this group; this tab connects on its own.
      if (this.#role.kind !== 'candidate' || this.#role.abort !== abort) return;
      this.#role = { kind: 'alone' };
      if (this.#link.kind === 'shared') this.#link.channel.close();
      this.#link = { kind: 'solo' };
      this.#stand();
    });
  }

  #lead(release: () => void): void {
    const stops = new Map<string, () => void>();
    this.#role = { kind: 'leader', release, stops };
    this.#wants.clear();
    this.#post({ t: 'hello', tab: TAB_ID });
    this.#subscribeAll();
  }

  /** Stops leading (or standing): the connection goes, another tab takes over. */
  #abdicate(): void {
    const role = this.#role;
    this.#role = { kind: 'alone' };
    if (role.kind === 'candidate') role.abort.abort();
    if (role.kind === 'leader') {
      for (const stop of role.stops.values()) stop();
      this.#post({ t: 'bye', tab: TAB_ID });
      role.release();
    }
  }

  /** The leader subscribes to every topic any tab wants, and leaves the others. */
  #subscribeAll(): void {
    const role = this.#role;
    if (role.kind !== 'leader') return;
    const wanted = new Set<string>(this.#observers.keys());
    for (const topics of this.#wants.values()) for (const topic of topics) wanted.add(topic);
    const connection = sharedConnection(this.#key);
    for (const topic of wanted) {
      if (role.stops.has(topic)) continue;
      role.stops.set(topic, connection.subscribe(topic, {
        notification: (message) => {
          // Copied to the channel only for a tab that follows the topic: a copy of a long
          // history costs tens of milliseconds, for nobody when this tab is alone.
          if (this.#othersWant(topic)) this.#post({ t: 'n', topic, message });
          this.#deliver(topic, (o) => o.notification(message));
        },
        state: (state, retryAt, problem = null) => {
          this.#post({ t: 's', topic, state, retryAt, problem });
          this.#setState(topic, state, retryAt, problem);
        },
        error: (message) => {
          this.#post({ t: 'e', topic, message });
          this.#deliver(topic, (o) => o.error(message));
        },
      }));
    }
    for (const [topic, stop] of [...role.stops]) {
      if (wanted.has(topic)) continue;
      role.stops.delete(topic);
      stop();
    }
  }

  /** Whether another tab has said it follows `topic` (and not taken it back since). */
  #othersWant(topic: string): boolean {
    for (const topics of this.#wants.values()) if (topics.includes(topic)) return true;
    return false;
  }

  #topicsChanged(): void {
    if (this.#role.kind === 'leader') this.#subscribeAll();
    else this.#post({ t: 'want', tab: TAB_ID, topics: [...this.#observers.keys()] });
  }

  #onRelay(m: Relay): void {
    const leader = this.#role.kind === 'leader';
    switch (m.t) {
      case 'n':
        if (!leader) this.#deliver(m.topic, (o) => o.notification(m.message));
        return;
      case 's':
        if (!leader) this.#setState(m.topic, m.state, m.retryAt, relayedProblem(m.problem));
        return;
      case 'e':
        if (!leader) this.#deliver(m.topic, (o) => o.error(m.message));
        return;
      case 'want':
        if (!leader) return;
        if (m.topics.length) this.#wants.set(m.tab, m.topics);
        else this.#wants.delete(m.tab);
        this.#subscribeAll();
        // A newcomer learns where the connection stands.
        for (const topic of m.topics) {
          const last = this.#last.get(topic);
          if (last) this.#post({ t: 's', topic, state: last.state, retryAt: last.retryAt, problem: last.problem });
        }
        return;
      case 'hello':
        if (!leader && this.#observers.size) this.#post({ t: 'want', tab: TAB_ID, topics: [...this.#observers.keys()] });
        return;
      case 'bye':
        // The leader is gone: until another takes over, what was connected is reconnecting.
        if (leader) return;
        for (const [topic, last] of this.#last) {
          if (last.state === 'connected') this.#setState(topic, 'reconnecting', null, null);
        }
        return;
      case 'now':
        if (leader) sharedConnection(this.#key).reconnectNow();
    }
  }

  #setState(topic: string, state: ConnectionState, retryAt: number | null, problem: ConnectionProblem | null): void {
    // A tab that was connected and sees the connection come back says "reconnecting", not "connecting".
    const previous = this.#last.get(topic)?.state;
    const shown = state === 'connecting' && (previous === 'connected' || previous === 'reconnecting') ? 'reconnecting' : state;
    this.#last.set(topic, { state: shown, retryAt, problem });
    this.#deliver(topic, (o) => o.state(shown, retryAt, problem));
  }

  #deliver(topic: string, fn: (observer: TopicObserver) => void): void {
    for (const observer of [...(this.#observers.get(topic) ?? [])]) {
      try {
        fn(observer);
      } catch (e) {
        console.error('[gws-chat]', e);
      }
    }
  }

  #post(m: Relay): void {
    try {
      if (this.#link.kind === 'shared') this.#link.channel.postMessage(m);
    } catch {
      // A closed channel: this tab is leaving.
    }
  }

  readonly #onPageHide = (e: Event) => {
    // Back/forward cache or leaving: let another tab lead at once; a follower's topics go.
    if (this.#role.kind === 'leader') this.#abdicate();
    else this.#post({ t: 'want', tab: TAB_ID, topics: [] });
    if ((e as PageTransitionEvent).persisted) this.#onFreeze();
  };

  readonly #onFreeze = () => {
    if (this.#frozen) return;
    this.#frozen = true;
    this.#abdicate();
    // What comes while frozen is missed: shown again, this tab is reconnecting (and catches up).
    for (const [topic, last] of this.#last) {
      if (last.state === 'connected') this.#setState(topic, 'reconnecting', null, null);
    }
  };

  /**
   * Back from the back/forward cache: Firefox and Safari fire `pageshow` (persisted) and no
   * `resume`; Chromium fires both.
   */
  readonly #onPageShow = (e: Event) => {
    if ((e as PageTransitionEvent).persisted) this.#wake();
  };

  /** Resumed or shown again: takes part again (once, whichever event comes first). */
  readonly #wake = () => {
    if (!this.#frozen) return;
    this.#frozen = false;
    // The leader dropped our topics when the page was hidden: ask for them again.
    if (this.#observers.size) this.#post({ t: 'want', tab: TAB_ID, topics: [...this.#observers.keys()] });
    this.#stand();
  };
}

/**
 * A problem relayed by another tab (of this site, maybe of an older version of this code):
 * kept only when it has the expected shape.
 */
function relayedProblem(p: unknown): ConnectionProblem | null {
  if (typeof p !== 'object' || p === null) return null;
  const { kind, serverOrigin, pageOrigin, message } = p as Record<string, unknown>;
  if (kind !== 'cross-origin' || typeof serverOrigin !== 'string' || typeof pageOrigin !== 'string' || typeof message !== 'string') {
    return null;
  }
  return { kind, serverOrigin, pageOrigin, message };
}

const groups = new Map<string, TabGroup>();

/**
 * The browser's shared connection to a CometD endpoint: this tab's own when it leads (or
 * when tabs cannot share one), else the leader's, relayed.
 */
export function tabConnection(url: string): NotificationSource {
  if (!canShareTabs()) return sharedConnection(url);
  return perEndpoint(groups, endpointKey(url), (key, onEmpty) => new TabGroup(key, onEmpty));
}
