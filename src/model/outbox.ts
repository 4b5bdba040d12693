import type { ChatMessage } from './transcript.js';

/**
 * Where a message the customer wrote stands: `waiting` (queued: offline, or behind an
 * earlier message), `sending` (on its way, or accepted and awaiting the server's echo),
 * `failed` (not sent; retried automatically when `retryAt` is set, else by hand).
 */
export type OutgoingStatus = 'waiting' | 'sending' | 'failed';

/**
 * Why a message failed, as a code the elements show in the customer's language: `ended`
 * (the chat ended before it went out), `transport` (the server did not answer), `server`
 * (the server refused it or failed), `unconfirmed` (whether the server has it cannot be
 * checked: the chat's log cannot be read).
 */
export type OutgoingFailure = 'ended' | 'transport' | 'server' | 'unconfirmed';

/** A message the customer sent that the server's log does not show yet. */
export interface OutgoingMessage {
  /** Unique among outgoing messages; use it as a rendering key. */
  readonly key: string;
  readonly text: string;
  readonly status: OutgoingStatus;
  /** Why it failed, in plain (English) words for developers (`failed` only). */
  readonly error: string | null;
  /** Why it failed, as a code (`failed` only). */
  readonly failure: OutgoingFailure | null;
  /** When the customer sent it (epoch ms). */
  readonly time: number;
  /** The server accepted it (`statusCode` 0); its echo has not arrived yet. */
  readonly accepted: boolean;
  /** When the server accepted it (epoch ms), or `null`. */
  readonly acceptedAt: number | null;
  /**
   * A request for it got no answer (the network failed, the deadline passed, the page was
   * left): the server may have it. It is not sent again until a catch-up that started
   * after `unconfirmedSince` has shown that its echo is not in the log.
   */
  readonly unconfirmed: boolean;
  /** When it became unconfirmed (epoch ms), or `null`. */
  readonly unconfirmedSince: number | null;
  /**
   * The deadline of the latest request for it (epoch ms), or `null` before any: until then
   * the server may still log it. An unconfirmed message is sent again only after a
   * catch-up that started after both `unconfirmedSince` and this (kept across page loads).
   */
  readonly deadline: number | null;
  /** The highest log index when it was sent: its echo comes at or after it. */
  readonly afterIndex: number;
  /** Failed attempts so far. */
  readonly attempts: number;
  /** When a failed message is tried again automatically (epoch ms), or `null`. */
  readonly retryAt: number | null;
}

/** The part of an outgoing message kept across page loads. */
export type StoredOutgoing = Pick<OutgoingMessage, 'text' | 'accepted' | 'afterIndex' | 'time'> & {
  /** The deadline of the request out for it, when one was (see `OutgoingMessage.deadline`). */
  readonly deadline?: number;
  /** Its key, kept so the same message keeps one identity across pages. */
  readonly id: string;
  /** A request for it had been sent (its outcome unknown unless `accepted`). */
  readonly attempted: boolean;
  /** Why the server refused it, when it did (it is then sent again only by hand). */
  readonly refused?: string;
};

/** The latest a stored request deadline may lie ahead (a wrong clock, a tampered store). */
const MAX_DEADLINE = 5 * 60_000;

/** Whitespace-insensitive comparison: servers may trim what they echo. */
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The customer's messages between "sent" and "in the server's log". Each is matched, once,
 * with the server's echo of it, so it is never shown twice and never lost silently.
 */
export class Outbox {
  #items: OutgoingMessage[] = [];
  #seq = 0;

  /** `prefix` makes keys unique beyond this outbox (they are stored and shared). */
  constructor(private readonly prefix = 'o') {}

  /** Outgoing messages, oldest first. */
  get items(): readonly OutgoingMessage[] {
    return this.#items;
  }

  add(text: string, afterIndex: number, time: number = Date.now()): OutgoingMessage {
    const item: OutgoingMessage = {
      key: `${this.prefix}${++this.#seq}`, text, status: 'waiting', error: null, failure: null, time, accepted: false, acceptedAt: null,
      unconfirmed: false, unconfirmedSince: null, deadline: null, afterIndex, attempts: 0, retryAt: null,
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
      if (item.unconfirmed) return null;
      if (item.status === 'sending' && !item.accepted) return null;
      if (item.status === 'failed' && item.retryAt !== null) return null;
      if (item.status === 'waiting') return item;
    }
    return null;
  }

  /** What to keep across a page load: the text and whether the server already has it. */
  toStored(): StoredOutgoing[] {
    return this.#items.map(({ key, text, accepted, afterIndex, time, status, unconfirmed, error, retryAt, deadline }) => {
      const attempted = unconfirmed || (status === 'sending' && !accepted);
      return {
        id: key, text, accepted, afterIndex, time, attempted,
        ...(attempted && deadline !== null ? { deadline } : {}),
        ...(status === 'failed' && retryAt === null ? { refused: error ?? '' } : {}),
      };
    });
  }

  /**
   * Restores stored messages: accepted ones await their echo; ones whose request was out
   * wait, unconfirmed, for a catch-up that began after their request's deadline to tell
   * whether the server has them; the others are queued.
   */
  restore(stored: readonly StoredOutgoing[], now: number = Date.now()): void {
    this.#items = stored.map((s) => {
      const refused = !s.accepted && typeof s.refused === 'string';
      const unconfirmed = !s.accepted && !refused && s.attempted;
      // Whatever a store holds: a number, and never later than a request could have run.
      const deadline = unconfirmed && typeof s.deadline === 'number' && Number.isFinite(s.deadline)
        ? Math.min(s.deadline, now + MAX_DEADLINE) : null;
      return {
        // A time from the future (a wrong clock, a tampered store) is taken as now.
        key: s.id, text: s.text, time: Math.min(s.time, now), afterIndex: s.afterIndex, accepted: s.accepted,
        acceptedAt: s.accepted ? Math.min(s.time, now) : null, unconfirmed, unconfirmedSince: unconfirmed ? now : null, deadline,
        status: s.accepted ? 'sending' : refused ? 'failed' : 'waiting', error: refused ? s.refused || null : null,
        failure: refused ? 'server' : null,
        attempts: refused ? 1 : 0, retryAt: null,
      };
    });
  }

  /** Adds messages taken over from elsewhere (another session's, a previous page's). */
  adopt(stored: readonly StoredOutgoing[], now: number = Date.now()): void {
    const known = new Set(this.#items.map((i) => i.key));
    const fresh = stored.filter((s) => !known.has(s.id));
    if (fresh.length === 0) return;
    const before = this.#items;
    this.restore(fresh, now);
    this.#items = [...before, ...this.#items].sort((a, b) => a.time - b.time);
  }

  /** Drops messages that are no longer ours to deliver (taken over elsewhere). */
  keepOnly(keys: ReadonlySet<string>): boolean {
    const kept = this.#items.filter((i) => keys.has(i.key));
    const changed = kept.length !== this.#items.length;
    this.#items = kept;
    return changed;
  }

  /**
   * A catch-up that started at `startedAt` (epoch ms) has merged the server's log, and
   * echo matching has taken out every message it contained. What the server accepted
   * before that is in the log, if under other words (a server may rewrite text): its
   * optimistic copy goes. An unconfirmed message whose request's deadline had passed when
   * the catch-up started is now known not to be there: it is queued to be sent (one whose
   * request might still be logged waits for a later catch-up). Returns whether anything
   * changed.
   */
  settleAfterCatchUp(startedAt: number): boolean {
    let changed = false;
    this.#items = this.#items.flatMap((i) => {
      if (i.accepted && i.acceptedAt !== null && i.acceptedAt <= startedAt) {
        changed = true;
        return [];
      }
      if (i.unconfirmed && i.unconfirmedSince !== null && i.unconfirmedSince <= startedAt
        && (i.deadline === null || i.deadline <= startedAt)) {
        changed = true;
        return [{ ...i, unconfirmed: false, unconfirmedSince: null, status: 'waiting' as const, error: null, failure: null, retryAt: null }];
      }
      return [i];
    });
    return changed;
  }

  /**
   * The earliest deadline after `time` of an unconfirmed message (the time a catch-up can
   * settle it), or `null`.
   */
  deadlineAfter(time: number): number | null {
    let earliest: number | null = null;
    for (const i of this.#items) {
      if (i.unconfirmed && i.deadline !== null && i.deadline > time && (earliest === null || i.deadline < earliest)) earliest = i.deadline;
    }
    return earliest;
  }

  get(key: string): OutgoingMessage | undefined {
    return this.#items.find((i) => i.key === key);
  }

  /** Updates one message; returns it, or `undefined` when it is gone (echo matched). */
  update(
    key: string,
    change: Partial<Pick<OutgoingMessage,
      'status' | 'error' | 'failure' | 'accepted' | 'acceptedAt' | 'attempts' | 'retryAt' | 'unconfirmed' | 'unconfirmedSince'
      | 'deadline'>>,
  ): OutgoingMessage | undefined {
    let updated: OutgoingMessage | undefined;
    this.#items = this.#items.map((i) => (i.key === key ? (updated = { ...i, ...change }) : i));
    return updated;
  }

  /**
   * Takes the oldest outgoing message that a new log entry is the echo of: the customer's
   * own text, the same words, logged at or after the index the log had when it was sent.
   * Returns it, or `null`. `strictlyAfter`: only an entry logged after that index (for
   * entries already in the log, which an earlier message of the same words may own).
   */
  matchEcho(entry: ChatMessage, strictlyAfter = false): OutgoingMessage | null {
    if (!entry.own || entry.type !== 'Text') return null;
    const text = normalise(entry.text);
    // Only a message that went out can have an echo: one still waiting its turn is not it
    // (another tab or element of the same customer may have sent the same words).
    const sent = (i: OutgoingMessage) => i.status !== 'waiting' || i.unconfirmed;
    // `>=`: a server may give the echo the index of the last message before it.
    const after = (i: OutgoingMessage) => (strictlyAfter ? entry.index > i.afterIndex : entry.index >= i.afterIndex);
    const match = this.#items.find((i) => sent(i) && i.status !== 'failed' && after(i) && normalise(i.text) === text)
      ?? this.#items.find((i) => sent(i) && after(i) && normalise(i.text) === text);
    if (!match) return null;
    this.#items = this.#items.filter((i) => i !== match);
    return match;
  }

  clear(): void {
    this.#items = [];
  }
}
