/**
 * Starting a chat: what `RequestChat` is asked for, one start at a time among the
 * customer's tabs (a Web Lock), and the chat another tab started meanwhile followed instead
 * of a second one.
 */
import type { MediumDescriptor } from '../protocol/medium.js';
import { canShareTabs } from '../transport/tab-connection.js';
import { startLock } from './chat-memory.js';
import type { StartChatOptions } from './session-types.js';

/** A started chat: its id, and whether another tab had started it (then it is only followed). */
export interface StartedChat {
  readonly id: string;
  readonly existing: boolean;
}

/** What starting needs from the session. */
export interface ChatStartParts {
  /** The chat remembered for the endpoint now (another tab's), if any. */
  remembered(): string | null;
  /** Sends `RequestChat`; resolves with the new chat's id. */
  request(body: Record<string, unknown>): Promise<string>;
  /** Remembers the new chat for the endpoint (so other tabs and pages follow it). */
  remember(id: string): void;
}

/** The body of `RequestChat` for `options` (a nickname is required: `Customer` by default). */
export function requestChatBody(options: StartChatOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { nickname: options.nickname?.trim() || 'Customer' };
  if (options.subject) body['subject'] = options.subject;
  if (options.userData) body['userData'] = options.userData;
  return body;
}

/**
 * Starts a chat on `url` unless one is remembered there by the time this tab's turn comes:
 * a tab that started one meanwhile wins, and this one follows that chat.
 */
export function startChatOnce(
  url: string, medium: MediumDescriptor, options: StartChatOptions, parts: ChatStartParts,
): Promise<StartedChat> {
  return alone(url, medium, async () => {
    const already = parts.remembered();
    if (already) return { id: already, existing: true };
    const id = await parts.request(requestChatBody(options));
    parts.remember(id);
    return { id, existing: false };
  });
}

/** Runs a chat's start alone among the customer's tabs (a Web Lock), where tabs share. */
function alone<T>(url: string, medium: MediumDescriptor, start: () => Promise<T>): Promise<T> {
  if (!canShareTabs()) return start();
  let started = false;
  const run = () => {
    started = true;
    return start();
  };
  // Web Locks that exist but refuse (a sandboxed or cross-origin iframe): this tab starts alone.
  return (navigator.locks.request(startLock(url, medium.name), run) as Promise<T>)
    .catch((e: unknown) => (started ? Promise.reject(e) : start()));
}
