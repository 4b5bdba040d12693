import type { ChatMessage } from './transcript.js';

/**
 * Where a message the customer wrote stands: `waiting` (queued: offline, or behind an
 * earlier message), `sending` (on its way, or accepted and awaiting the server's echo),
 * `failed` (not sent; retried automatically when `retryAt` is set, else by hand).
 */
export type OutgoingStatus = 'waiting' | 'sending' | 'failed';

/** A message the customer sent that the server's log does not show yet. */
export interface OutgoingMessage {
  /** Unique among outgoing messages; use it as a rendering key. */
  readonly key: string;
  readonly text: string;
  readonly status: OutgoingStatus;
  /** Why it failed, in plain words (`failed` only). */
  readonly error: string | null;
  /** When the customer sent it (epoch ms). */
  readonly time: number;
  /** The server accepted it (`statusCode` 0); its echo has not arrived yet. */
  readonly accepted: boolean;
  /** The highest log index when it was sent: its echo must come after. */
  readonly afterIndex: number;
  /** Failed attempts so far. */
  readonly attempts: number;
  /** When a failed message is tried again automatically (epoch ms), or `null`. */
  readonly retryAt: number | null;
}

/** The part of an outgoing message kept across page loads. */
export type StoredOutgoing = Pick<OutgoingMessage, 'text' | 'accepted' | 'afterIndex' | 'time'>;

/** Whitespace-insensitive comparison: servers may trim what they echo. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The customer's messages between "sent" and "in the server's log". Each is matched, once,
 * with the server's echo of it, so it is never shown twice and never lost silently.
 */
export class Outbox {
  #items: OutgoingMessage[] = [];
  #seq = 0;

  /** Outgoing messages, oldest first. */
  get items(): readonly OutgoingMessage[] {
    return this.#items;
  }

  add(text: string, afterIndex: number, time: number = Date.now()): OutgoingMessage {
    const item: OutgoingMessage = {
      key: `o${++this.#seq}`, text, status: 'waiting', error: null, time, accepted: false, afterIndex,
      attempts: 0, retryAt: null,
    };
    this.#items = [...this.#items, item];
    return item;
  }

  /**
   * The next message to send, or `null`: messages go out one at a time and in order, so
   * nothing is sent while one is on its way or waits for its automatic retry. A message
   * that failed for good (awaiting a manual retry) does not hold up the ones after it.
   */
  next(): OutgoingMessage | null {
    for (const item of this.#items) {
      if (item.status === 'sending' && !item.accepted) return null;
      if (item.status === 'failed' && item.retryAt !== null) return null;
      if (item.status === 'waiting') return item;
    }
    return null;
  }

  /** What to keep across a page load: the text and whether the server already has it. */
  toStored(): StoredOutgoing[] {
    return this.#items.map(({ text, accepted, afterIndex, time }) => ({ text, accepted, afterIndex, time }));
  }

  /** Restores stored messages: accepted ones await their echo, the others are queued. */
  restore(stored: readonly StoredOutgoing[]): void {
    this.#items = stored.map((s) => ({
      key: `o${++this.#seq}`, text: s.text, time: s.time, afterIndex: s.afterIndex, accepted: s.accepted,
      status: s.accepted ? 'sending' : 'waiting', error: null, attempts: 0, retryAt: null,
    }));
  }

  get(key: string): OutgoingMessage | undefined {
    return this.#items.find((i) => i.key === key);
  }

  /** Updates one message; returns it, or `undefined` when it is gone (echo matched). */
  update(
    key: string,
    change: Partial<Pick<OutgoingMessage, 'status' | 'error' | 'accepted' | 'attempts' | 'retryAt'>>,
  ): OutgoingMessage | undefined {
    let updated: OutgoingMessage | undefined;
    this.#items = this.#items.map((i) => (i.key === key ? (updated = { ...i, ...change }) : i));
    return updated;
  }

  /**
   * Takes the oldest outgoing message that a new log entry is the echo of: the customer's
   * own text, the same words, logged after the message was sent. Returns it, or `null`.
   */
  matchEcho(entry: ChatMessage): OutgoingMessage | null {
    if (!entry.own || entry.type !== 'Text') return null;
    const text = normalise(entry.text);
    const match = this.#items.find((i) => i.status !== 'failed' && entry.index > i.afterIndex && normalise(i.text) === text)
      ?? this.#items.find((i) => entry.index > i.afterIndex && normalise(i.text) === text);
    if (!match) return null;
    this.#items = this.#items.filter((i) => i !== match);
    return match;
  }

  clear(): void {
    this.#items = [];
  }
}
