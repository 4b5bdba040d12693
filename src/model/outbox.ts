import type { ChatMessage } from './transcript.js';

/** Where a message the customer wrote stands. */
export type OutgoingStatus = 'sending' | 'failed';

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
}

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
      key: `o${++this.#seq}`, text, status: 'sending', error: null, time, accepted: false, afterIndex,
    };
    this.#items = [...this.#items, item];
    return item;
  }

  get(key: string): OutgoingMessage | undefined {
    return this.#items.find((i) => i.key === key);
  }

  /** Updates one message; returns it, or `undefined` when it is gone (echo matched). */
  update(key: string, change: Partial<Pick<OutgoingMessage, 'status' | 'error' | 'accepted'>>): OutgoingMessage | undefined {
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
