/**
 * What the widget keeps itself (never anything the visitor said):
 *
 * - `gws-chat-widget:open:<endpoint>` and `gws-chat-widget:unread:<endpoint>` in the tab's
 *   `sessionStorage`: whether the panel is open, and how many of the agent's messages were
 *   not seen, so that both survive the next page of the site and a reload, in this tab only
 *   (another tab starts closed);
 * - `gws-chat-widget:visit` in `sessionStorage`: when this visit began (epoch ms), so an
 *   invitation counts the seconds spent on the site, not on one page;
 * - `gws-chat-widget:invited` in `localStorage`: when the visitor was last invited (epoch
 *   ms): at most one invitation a day;
 * - `gws-chat-widget:seen:<endpoint>` in `localStorage`: the chat's id and the log index of
 *   the last entry the visitor saw, in any tab, so that another tab reading the chat's
 *   history does not count what was already seen as unread.
 *
 * Storage that refuses (a sandboxed frame, a full quota) is treated as empty; nothing throws.
 */
import { endpointKey } from '../transport/endpoints.js';

const P = 'gws-chat-widget:';

/** The tab's storage or the site's. */
type Area = 'sessionStorage' | 'localStorage';

function read(area: Area, key: string): unknown {
  try {
    return JSON.parse(globalThis[area].getItem(P + key) ?? 'null');
  } catch {
    return null;
  }
}

function write(area: Area, key: string, value: unknown): void {
  try {
    globalThis[area].setItem(P + key, JSON.stringify(value));
  } catch {
    // Not kept: the widget still works on this page.
  }
}

/** Whether the panel was left open in this tab, for the chat of `url`. */
export const wasOpen = (url: string): boolean => read('sessionStorage', `open:${endpointKey(url)}`) === true;

/** Keeps whether the panel is open in this tab, for the chat of `url`. */
export const keepOpen = (url: string, open: boolean): void => write('sessionStorage', `open:${endpointKey(url)}`, open);

/** The agent's messages not yet seen in this tab, for the chat of `url`. */
export const unreadCount = (url: string): number =>
  Math.max(0, Math.floor(Number(read('sessionStorage', `unread:${endpointKey(url)}`))) || 0);

/** Keeps the count of unseen messages in this tab, for the chat of `url`. */
export const keepUnread = (url: string, count: number): void => write('sessionStorage', `unread:${endpointKey(url)}`, count);

/** The log index of the last entry of chat `id` (on `url`) the visitor saw, in any tab; -1: none. */
export function seenIndex(url: string, id: string): number {
  const seen = read('localStorage', `seen:${endpointKey(url)}`) as { id?: unknown; index?: unknown } | null;
  return seen?.id === id && typeof seen.index === 'number' ? seen.index : -1;
}

/** Keeps that the visitor saw chat `id` (on `url`) up to log index `index`. */
export const keepSeen = (url: string, id: string, index: number): void => write('localStorage', `seen:${endpointKey(url)}`, { id, index });

/** When this visit began (the first page of the site in this tab); recorded on the first call. */
export function visitStart(now = Date.now()): number {
  const at = read('sessionStorage', 'visit');
  if (typeof at === 'number' && at <= now) return at;
  write('sessionStorage', 'visit', now);
  return now;
}

/** A day: the least time between two invitations of one visitor. */
export const INVITE_INTERVAL = 24 * 60 * 60 * 1000;

/** Whether the visitor may be invited now (not invited within the last day). */
export function mayInvite(now = Date.now()): boolean {
  const at = read('localStorage', 'invited');
  return !(typeof at === 'number' && at <= now && now - at < INVITE_INTERVAL);
}

/** Records that the visitor was invited now. */
export const markInvited = (now = Date.now()): void => write('localStorage', 'invited', now);
