/**
 * Everything gws-chat keeps across page loads, in the tab's `sessionStorage`, written by
 * this module only:
 *
 * - `gws-chat:session:<medium>:<endpoint>`: the chat the customer started here (its id);
 * - `gws-chat:transcript:<endpoint>:<id>`: its last 500 entries and last known state;
 * - `gws-chat:outbox:<endpoint>:<id>`: the customer's messages not yet in the server's log,
 *   each owned by one session of one page, so two elements never send one message;
 * - `gws-chat:closed-pages`: the pages of this tab that were left (their messages may be
 *   taken over by the next page of the tab, and only by it).
 *
 * A tab duplicated from this one ("Duplicate tab", `window.open`) starts with a copy of the
 * storage while this page is still alive: it never takes over this page's messages.
 * Storage that is unavailable or full is treated as empty; nothing here ever throws.
 */
import type { StoredOutgoing } from '../model/outbox.js';
import { endpointKey } from '../transport/connection.js';

const PREFIX = 'gws-chat';
const CLOSED_KEY = `${PREFIX}:closed-pages`;
/** Most closed page ids remembered. */
const MAX_CLOSED = 20;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // disabled storage throws on access
  }
}

/** Reads a stored JSON value, or `undefined`. */
export function load(key: string): unknown {
  try {
    const raw = storage()?.getItem(key);
    return raw == null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Stores a JSON value (or removes it when `value` is `undefined`). */
export function save(key: string, value: unknown): void {
  try {
    const s = storage();
    if (!s) return;
    if (value === undefined) s.removeItem(key);
    else s.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the chat still works, it just won't resume.
  }
}

/** The key of the chat a customer started on this endpoint, for this medium. */
export const sessionKey = (url: string, medium: string) => `${PREFIX}:session:${medium}:${endpointKey(url)}`;
/** The key of an interaction's stored transcript. */
export const transcriptKey = (url: string, id: string) => `${PREFIX}:transcript:${endpointKey(url)}:${id}`;
/** The key of an interaction's unsent messages. */
export const outboxKey = (url: string, id: string) => `${PREFIX}:outbox:${endpointKey(url)}:${id}`;

const randomId = () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36);

/** This page load's id: the owner of what its sessions store. */
export const PAGE_ID = randomId();

/** Owners (`page/session`) of this page that are live now. */
const liveOwners = new Set<string>();
/**
 * Told when stored messages may have changed hands: this page came back from the
 * back/forward cache (others may have taken ours), or a session of this page left (its
 * messages may be taken).
 */
const handoverListeners = new Set<() => void>();
const handover = () => {
  for (const fn of [...handoverListeners]) fn();
};
let pageListening = false;

function closedPages(): string[] {
  const v = load(CLOSED_KEY);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function listenToPage(): void {
  if (pageListening || typeof globalThis.addEventListener !== 'function') return;
  pageListening = true;
  // Leaving the page (reload, navigation, closing): the next page of this tab may take
  // over our unsent messages. This page still writes what happens until it is gone.
  globalThis.addEventListener('pagehide', () => {
    save(CLOSED_KEY, [...closedPages().filter((p) => p !== PAGE_ID), PAGE_ID].slice(-MAX_CLOSED));
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

function validItem(v: unknown): v is OwnedOutgoing {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return typeof s['id'] === 'string' && typeof s['owner'] === 'string' && typeof s['text'] === 'string'
    && typeof s['time'] === 'number' && typeof s['afterIndex'] === 'number'
    && typeof s['accepted'] === 'boolean' && typeof s['attempted'] === 'boolean'
    && (s['refused'] === undefined || typeof s['refused'] === 'string');
}

/**
 * The stored outbox of one interaction as one session sees it: it writes only its own
 * messages, and takes over only messages whose owner is gone (a session of this page that
 * left, or an earlier page of this tab that was left).
 */
export class OutboxStore {
  /** `page/session`. */
  readonly owner: string;

  constructor(private readonly key: string, sessionId: string) {
    this.owner = `${PAGE_ID}/${sessionId}`;
    listenToPage();
  }

  /** This session is live: others on the page leave its messages alone. */
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
    handoverListeners.add(fn);
    return () => handoverListeners.delete(fn);
  }

  #read(): OwnedOutgoing[] {
    const v = load(this.key);
    const items = typeof v === 'object' && v !== null ? (v as { items?: unknown }).items : undefined;
    return Array.isArray(items) ? items.filter(validItem) : [];
  }

  #write(items: readonly OwnedOutgoing[]): void {
    save(this.key, items.length ? { v: 2, items } : undefined);
  }

  /** Whether a message's owner is gone, so that this session may deliver it. */
  #orphaned(owner: string): boolean {
    if (owner === this.owner) return true;
    const [page] = owner.split('/');
    if (page === PAGE_ID) return !liveOwners.has(owner);
    return closedPages().includes(page ?? '');
  }

  /** Takes over the orphaned messages (now ours) and returns every message of ours, oldest first. */
  claim(): OwnedOutgoing[] {
    const items = this.#read();
    let changed = false;
    const next = items.map((i) => {
      if (i.owner === this.owner || !this.#orphaned(i.owner)) return i;
      changed = true;
      return { ...i, owner: this.owner };
    });
    if (changed) this.#write(next);
    return next.filter((i) => i.owner === this.owner).sort((a, b) => a.time - b.time);
  }

  /** The ids of stored messages that another session delivers (it may have taken some of ours over). */
  takenByOthers(): Set<string> {
    return new Set(this.#read().filter((i) => i.owner !== this.owner).map((i) => i.id));
  }

  /** Replaces our messages with `mine`, leaving everybody else's as they are. */
  write(mine: readonly StoredOutgoing[]): void {
    const others = this.#read().filter((i) => i.owner !== this.owner);
    // A message another session has taken over is its to store now.
    const taken = new Set(others.map((i) => i.id));
    this.#write([...others, ...mine.filter((m) => !taken.has(m.id)).map((m) => ({ ...m, owner: this.owner }))]);
  }
}

/** A fresh id for a session or a message. */
export const newId = randomId;
