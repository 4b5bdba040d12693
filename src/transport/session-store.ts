/**
 * What survives a page reload, in the tab's sessionStorage: the chat an element started
 * (per endpoint and medium), its recent transcript, and the customer's unsent messages.
 * Storage that is unavailable or full is treated as empty; nothing here ever throws.
 */
import { endpointKey } from './connection.js';

const PREFIX = 'gws-chat';

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

/** The key of the chat an element started on this endpoint, for this medium. */
export const sessionKey = (url: string, medium: string) => `${PREFIX}:session:${medium}:${endpointKey(url)}`;
/** The key of an interaction's stored transcript. */
export const transcriptKey = (url: string, id: string) => `${PREFIX}:transcript:${endpointKey(url)}:${id}`;
/** The key of an interaction's unsent messages. */
export const outboxKey = (url: string, id: string) => `${PREFIX}:outbox:${endpointKey(url)}:${id}`;
