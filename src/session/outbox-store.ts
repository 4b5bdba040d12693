/**
 * The customer's unsent messages as stored, and who delivers them: one key per session
 * (`<page>/<session>`), so that two sessions, elements or tabs never both send one message.
 * A session writes only its own key; messages change hands only when their owner is gone
 * (its page closed: its Web Lock is free), under a Web Lock, leaving a tombstone in the
 * old key. A tab duplicated from this one ("Duplicate tab", `window.open`) never takes over
 * this page's messages while this page lives. Hand-overs are told as `handover` events.
 */
import type { StoredOutgoing } from '../model/outbox.js';
import { canShareTabs } from '../transport/tab-connection.js';
import { CLOSED_KEY, keysStartingWith, load, newId, pageLock, PREFIX, save } from './storage.js';

/** Most closed page ids remembered. */
const MAX_CLOSED = 20;
/** A page this young may not hold its own lock yet: its messages are left alone. */
const OWNER_GRACE = 3_000;

/** Removes every owner's unsent messages of an interaction (it ended). */
export function forgetOutbox(key: string): void {
  for (const k of keysStartingWith(`${key}|`)) save(k, undefined);
}

/** This page load's id: the owner of what its sessions store. */
export const PAGE_ID = newId();

/** Owners (`page/session`) of this page that are live now. */
const liveOwners = new Set<string>();
/**
 * Told when stored messages may have changed hands: this page came back from the
 * back/forward cache (others may have taken ours), or a session of this page left (its
 * messages may be taken).
 */
const handovers = new EventTarget();
const handover = () => {
  handovers.dispatchEvent(new Event('handover'));
};
let pageListening = false;
/** This page holds its lock: what it writes says so, and others need no grace for it. */
let pageLocked = false;

function closedPages(): string[] {
  const v = load(CLOSED_KEY);
  return Array.isArray(v) ? v.slice(-MAX_CLOSED).filter((x): x is string => typeof x === 'string') : [];
}

function listenToPage(): void {
  if (pageListening || typeof globalThis.addEventListener !== 'function') return;
  pageListening = true;
  if (canShareTabs()) {
    void navigator.locks.request(pageLock(PAGE_ID), () => {
      pageLocked = true;
      return new Promise<void>(() => {});
    }).catch(() => {});
  }
  // Leaving the page (reload, navigation, closing): the next page of this tab may take
  // over our unsent messages. This page still writes what happens until it is gone.
  globalThis.addEventListener('pagehide', () => {
    if (!canShareTabs()) save(CLOSED_KEY, [...closedPages().filter((p) => p !== PAGE_ID), PAGE_ID].slice(-MAX_CLOSED));
  });
  // Another tab stored messages of its own: whose they are, and when that tab goes, matters here.
  globalThis.addEventListener('storage', (e) => {
    if (e.key?.startsWith(`${PREFIX}:outbox:`) && e.newValue !== null) handover();
  });
  globalThis.addEventListener('pageshow', (e) => {
    if (!(e as PageTransitionEvent).persisted) return;
    save(CLOSED_KEY, closedPages().filter((p) => p !== PAGE_ID));
    handover();
  });
}

/** One message as stored, with the session that delivers it. */
export type OwnedOutgoing = StoredOutgoing & {
  /** `page/session` of the session that delivers it. */
  readonly owner: string;
};

function validItem(v: unknown): v is StoredOutgoing {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s['id'] === 'string' && typeof s['text'] === 'string'
    && typeof s['time'] === 'number' && typeof s['afterIndex'] === 'number'
    && typeof s['accepted'] === 'boolean' && typeof s['attempted'] === 'boolean'
    && (s['refused'] === undefined || typeof s['refused'] === 'string');
}

/** One owner's key: its messages, or the tombstone left when another took them over. */
type OwnerRecord =
  | { readonly v: 3; readonly at: number; readonly locked?: boolean; readonly items: readonly StoredOutgoing[] }
  | { readonly v: 3; readonly at: number; readonly takenBy: string; readonly ids: readonly string[] };

function readRecord(key: string): OwnerRecord | null {
  const v = load(key);
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  // A time from the future (a wrong clock, a tampered store) is taken as now.
  const at = typeof r['at'] === 'number' && Number.isFinite(r['at']) ? Math.min(r['at'], Date.now()) : 0;
  if (typeof r['takenBy'] === 'string') {
    const ids = Array.isArray(r['ids']) ? r['ids'].filter((x): x is string => typeof x === 'string') : [];
    return { v: 3, at, takenBy: r['takenBy'], ids };
  }
  return { v: 3, at, locked: r['locked'] === true, items: Array.isArray(r['items']) ? r['items'].filter(validItem) : [] };
}

/**
 * The stored outbox of one interaction as one session sees it: it writes only its own
 * key, and takes over only messages whose owner is gone (a session of this page that
 * left, or a page that was closed).
 */
export class OutboxStore {
  /** `page/session`. */
  readonly owner: string;
  readonly #key: string;

  constructor(private readonly key: string, sessionId: string) {
    this.owner = `${PAGE_ID}/${sessionId}`;
    this.#key = `${key}|${this.owner}`;
    listenToPage();
  }

  /** This session is live: others leave its messages alone. */
  open(): void {
    liveOwners.add(this.owner);
  }

  /** This session is gone: its messages may be taken over (the page's other sessions are told). */
  close(): void {
    if (liveOwners.delete(this.owner)) queueMicrotask(handover);
  }

  /**
   * Calls `fn` whenever stored messages may have changed hands (see `claim()`); returns
   * the way to stop.
   */
  onHandover(fn: () => void): () => void {
    handovers.addEventListener('handover', fn);
    return () => handovers.removeEventListener('handover', fn);
  }

  /** The ids of our messages another session took over (they are its to deliver now). */
  takenByOthers(): Set<string> {
    const record = readRecord(this.#key);
    return new Set(record && 'takenBy' in record ? record.ids : []);
  }

  /** Replaces our stored messages with `mine`. */
  write(mine: readonly StoredOutgoing[]): boolean {
    return save(this.#key, mine.length ? { v: 3, at: Date.now(), locked: pageLocked, items: mine } : undefined);
  }

  /**
   * Takes over the messages whose owner is gone (now ours) and resolves with every
   * message of ours, oldest first. Between tabs the browser's Web Locks decide, not the
   * storage (which tabs see late): a page's messages are taken only by the tab that holds
   * that page's lock once the page has let it go, and that tab keeps holding it.
   */
  async claim(): Promise<OwnedOutgoing[]> {
    if (!canShareTabs()) {
      const closed = new Set(closedPages());
      return this.#claim((page) => closed.has(page));
    }
    try {
      return await navigator.locks.request(`${PREFIX}:claim:${this.key}`, async () => {
        for (const [page, { at, locked }] of this.#otherPages()) {
          if (inherited.has(page)) continue;
          // A page that did not hold its lock when it wrote may be about to: wait a little.
          if (!locked && Date.now() - at < OWNER_GRACE) {
            setTimeout(handover, OWNER_GRACE - (Date.now() - at) + 50);
            continue;
          }
          if (!(await inherit(page))) watch(page);
        }
        return this.#claim((page) => inherited.has(page));
      });
    } catch {
      return this.#claim(() => false);
    }
  }

  /** Other pages with messages of this interaction: when they last wrote, and whether they held their lock then. */
  #otherPages(): Map<string, { at: number; locked: boolean }> {
    const pages = new Map<string, { at: number; locked: boolean }>();
    for (const key of keysStartingWith(`${this.key}|`)) {
      const page = key.slice(this.key.length + 1).split('/')[0] ?? '';
      if (page === PAGE_ID) continue;
      const record = readRecord(key);
      if (!record) continue;
      const known = pages.get(page);
      const locked = 'items' in record && record.locked === true;
      pages.set(page, { at: Math.max(known?.at ?? 0, record.at), locked: (known?.locked ?? true) && locked });
    }
    return pages;
  }

  #claim(pageGone: (page: string) => boolean): OwnedOutgoing[] {
    const mine = readRecord(this.#key);
    const items = mine && 'items' in mine ? [...mine.items] : [];
    const known = new Set(items.map((i) => i.id));
    for (const key of keysStartingWith(`${this.key}|`)) {
      const owner = key.slice(this.key.length + 1);
      if (owner === this.owner) continue;
      const page = owner.split('/')[0] ?? '';
      const samePage = page === PAGE_ID;
      if (samePage ? liveOwners.has(owner) : !pageGone(page)) continue;
      const record = readRecord(key);
      if (!record) continue;
      if ('takenBy' in record) {
        // Another page's tombstone is nobody's now; this page's stays: its session may come back.
        if (!samePage) save(key, undefined);
        continue;
      }
      const fresh = record.items.filter((i) => !known.has(i.id));
      for (const i of fresh) known.add(i.id);
      items.push(...fresh);
      save(key, samePage ? { v: 3, at: Date.now(), takenBy: this.owner, ids: record.items.map((i) => i.id) } : undefined);
    }
    items.sort((a, b) => a.time - b.time);
    this.write(items);
    return items.map((i) => ({ ...i, owner: this.owner }));
  }
}

/** Pages of other tabs that are gone and whose lock this page holds: their messages are ours. */
const inherited = new Set<string>();
/** Pages of other tabs this page waits for (their lock). */
const watched = new Set<string>();

/** Takes a gone page's lock, if free, and holds it for as long as this page lives. */
function inherit(page: string): Promise<boolean> {
  return new Promise((resolve) => {
    navigator.locks.request(pageLock(page), { ifAvailable: true }, (lock) => {
      if (!lock) return resolve(false);
      inherited.add(page);
      resolve(true);
      return new Promise<void>(() => {});
    }).catch(() => resolve(false));
  });
}

/**
 * A page of another tab owns messages: when it goes (its lock is freed: closed, crashed,
 * discarded) this page takes its lock, and the sessions here look again.
 */
function watch(page: string): void {
  if (watched.has(page) || inherited.has(page)) return;
  watched.add(page);
  navigator.locks.request(pageLock(page), () => {
    watched.delete(page);
    inherited.add(page);
    queueMicrotask(handover);
    return new Promise<void>(() => {});
  }).catch(() => watched.delete(page));
}

