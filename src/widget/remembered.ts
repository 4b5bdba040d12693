/**
 * Whether a chat is remembered for an endpoint, read the way the engine stores it (see
 * `session/storage.ts` and `session/chat-memory.ts`) without loading the engine: the loader
 * must stay free of lit and cometd. Only `endpointKey` is shared (a small pure module); the
 * rest of the schema is restated here, and `test/widget/remembered.test.ts` checks that
 * both agree on what the engine really writes.
 */
import { endpointKey } from '../transport/endpoints.js';

/** A remembered chat without activity for this long is forgotten (`IDLE_LIMIT` of the engine). */
const IDLE_LIMIT = 2 * 60 * 60 * 1000;

/** The key under which the engine remembers the chat a customer started on `url`. */
export const rememberedChatKey = (url: string): string => `gws-chat:session:chat:${endpointKey(url)}`;

/**
 * Where the engine keeps it: the site's `localStorage` where tabs can share a chat (Web
 * Locks and BroadcastChannel), else the tab's `sessionStorage` (`storageArea()`).
 */
function area(): Storage | null {
  return typeof BroadcastChannel === 'function' && typeof navigator.locks?.request === 'function'
    ? localStorage : sessionStorage;
}

/** Whether a chat started on `url` is remembered and recent enough to be resumed. */
export function hasRememberedChat(url: string, now = Date.now()): boolean {
  if (!url) return false;
  try {
    const stored = JSON.parse(area()?.getItem(rememberedChatKey(url)) ?? 'null') as { interactionId?: unknown; at?: unknown } | null;
    return typeof stored?.interactionId === 'string' && stored.interactionId !== ''
      && !(typeof stored.at === 'number' && now - stored.at > IDLE_LIMIT);
  } catch {
    return false; // storage refused (a sandboxed frame) or not JSON: nothing to resume
  }
}
