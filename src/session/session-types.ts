/**
 * What a `ChatSession` is given and what it tells: its options, its lifecycle, the errors
 * it shows and the events it fires. Types only, and the choice of medium.
 */
import type { GwsEventMap } from '../events.js';
import { CHAT, FACEBOOK_SESSION, type MediumDescriptor } from '../protocol/medium.js';
import type { Scheduler } from '../model/typing.js';
import type { NotificationSource } from '../transport/source.js';
import type { SenderFactory } from './requests.js';

/** What a customer may ask for when starting a chat. */
export interface StartChatOptions {
  /** The customer's display name. */
  readonly nickname?: string;
  /** What the chat is about. */
  readonly subject?: string;
  /** Data attached to the new interaction. */
  readonly userData?: Readonly<Record<string, unknown>>;
}

/** How a `ChatSession` is set up. Everything but `url` may be left out. */
export interface ChatSessionOptions {
  /** The CometD endpoint, e.g. `https://gws.example.com/api/v2/notifications`. */
  readonly url?: string;
  /** `'chat'` (default) or `'facebooksession'`, or a medium descriptor. */
  readonly medium?: 'chat' | 'facebooksession' | MediumDescriptor;
  /** The interaction to follow; without it, the chat remembered for `url` (if any). */
  readonly interactionId?: string;
  /** The REST API root; by default `url` without its last path segment. */
  readonly apiUrl?: string;
  /** Sent as the `ContactCenterId` header of every request, when set. */
  readonly contactCenterId?: string;
  /** Milliseconds after which a "typing" indicator without a stop is cleared (default 15 s). */
  readonly typingTimeout?: number;
  /** Longest message the customer may send, in characters (default 4096). */
  readonly maxLength?: number;
  /**
   * Deadline of every request (catch-up, sending, starting, ending), in ms (default 15 s).
   * A request without an answer by then counts as failed, with its outcome unknown.
   */
  readonly requestTimeout?: number;
  /** Where notifications come from (default: the page's shared CometD connection). */
  readonly source?: (url: string) => NotificationSource;
  /** How operations are sent (default: a `RestClient`). */
  readonly sender?: SenderFactory;
  /** Timers (tests pass a fake clock). */
  readonly scheduler?: Scheduler;
  /** Random numbers in [0, 1) for the retry jitter. */
  readonly random?: () => number;
}

/**
 * The session's lifecycle: following nothing, starting a chat, following one, or
 * following one that has ended.
 */
export type SessionStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'following'; readonly interactionId: string }
  | { readonly kind: 'ended'; readonly interactionId: string };

/**
 * A server error to show. `message` is plain English for developers; `reason` is what the
 * elements show, in the customer's language: `server` (the server reported an error about
 * the chat), `not-found` (it does not know the chat: a wrong interaction id),
 * `log-unreadable` (the chat's log cannot be read).
 */
export interface ServerError {
  readonly message: string;
  readonly reason: 'server' | 'not-found' | 'log-unreadable';
}

/** The events a `ChatSession` fires: the elements' `gws-*` events, and `change`. */
export interface ChatSessionEventMap extends GwsEventMap {
  /** Anything shown may have changed (messages, pending messages, state, connection, ...). */
  change: Event;
}

/** The medium of a session's options. */
export function mediumOf(medium: ChatSessionOptions['medium']): MediumDescriptor {
  if (medium === undefined || medium === 'chat') return CHAT;
  if (medium === 'facebooksession') return FACEBOOK_SESSION;
  if (typeof medium === 'object' && medium !== null && typeof medium.topic === 'string') return medium;
  throw new TypeError(`Unknown medium ${JSON.stringify(medium)}: use 'chat' or 'facebooksession'.`);
}
