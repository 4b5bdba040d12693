/**
 * What gws-chat keeps across page loads, and where: safe access to the storage (never
 * throws: storage that is unavailable or full is treated as empty) and the one schema of
 * its keys. Where tabs can share a chat (Web Locks and BroadcastChannel work), it lives in
 * the site's `localStorage`, shared by the customer's tabs; elsewhere in the tab's
 * `sessionStorage`. Values are JSON.
 *
 * - `gws-chat:session:<medium>:<endpoint>`: the chat the customer started on that
 *   endpoint (`<endpoint>` is the absolute CometD URL, `<medium>` `chat` or
 *   `facebooksession`): `{ "id": string, "at": epoch ms of its last activity }`; forgotten
 *   after two hours without activity (`IDLE_LIMIT`). A page can tell whether a chat is
 *   remembered by reading this key alone (the widget's loader does, without the engine).
 * - `gws-chat:transcript:<endpoint>:<id>`: its last 500 entries and last known state;
 * - `gws-chat:outbox:<endpoint>:<id>|<page>/<session>`: the customer's messages not yet in
 *   the server's log, one key per session that delivers them (see `outbox-store.ts`);
 * - `gws-chat:closed-pages` (sessionStorage only, where Web Locks are missing): the pages
 *   of this tab that were left.
 *
 * Web Locks: `gws-chat:page:<page>` (held by a page for its lifetime),
 * `gws-chat:claim:<outbox key>` (taking over messages), `gws-chat:start:<medium>:<endpoint>`
 * (one chat start at a time).
 */
import { endpointKey } from '../transport/endpoints.js';
import { canShareTabs } from '../transport/tab-connection.js';

export const PREFIX = 'gws-chat';
/** Pages of this tab that were left (sessionStorage only). */
export const CLOSED_KEY = `${PREFIX}:closed-pages`;

/** Where what is kept lives: shared by the tabs when they can share a chat. */
export function storageArea(): Storage | null {
  try {
    return (canShareTabs() ? globalThis.localStorage : globalThis.sessionStorage) ?? null;
  } catch {
    return null; // disabled storage throws on access
  }
}

/** Reads a stored JSON value, or `undefined`. */
export function load(key: string): unknown {
  try {
    const raw = storageArea()?.getItem(key);
    return raw == null ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Stores a JSON value (or removes it when `value` is `undefined`); returns whether it did. */
export function save(key: string, value: unknown): boolean {
  try {
    const s = storageArea();
    if (!s) return false;
    if (value === undefined) s.removeItem(key);
    else s.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    // Quota exceeded or storage disabled: the chat still works, it just won't resume.
    return false;
  }
}

/** The stored keys that start with `prefix`. */
export function keysStartingWith(prefix: string): string[] {
  const keys: string[] = [];
  try {
    const s = storageArea();
    if (!s) return keys;
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // Unavailable storage holds nothing.
  }
  return keys;
}

/** The key of the chat a customer started on this endpoint, for this medium. */
export const sessionKey = (url: string, medium: string) => `${PREFIX}:session:${medium}:${endpointKey(url)}`;
/** The key of an interaction's stored transcript. */
export const transcriptKey = (url: string, id: string) => `${PREFIX}:transcript:${endpointKey(url)}:${id}`;
/** The key of an interaction's unsent messages (the prefix of every owner's key). */
export const outboxKey = (url: string, id: string) => `${PREFIX}:outbox:${endpointKey(url)}:${id}`;

/** The Web Lock a page holds for its lifetime: others know it is alive. */
export const pageLock = (page: string) => `${PREFIX}:page:${page}`;
/** The Web Lock under which one chat is started on an endpoint, for a medium. */
export const startLock = (url: string, medium: string) => `${PREFIX}:start:${medium}:${endpointKey(url)}`;

/** A fresh id for a page, a session or a message. */
export const newId = () => Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
