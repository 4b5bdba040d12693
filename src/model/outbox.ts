import type { ChatMessage } from './transcript.js';

/**
 * Why a message failed, as a code the elements show in the customer's language: `ended`
 * (the chat ended before it went out), `transport` (the server did not answer), `server`
 * (the server refused it or failed), `unconfirmed` (whether the server has it cannot be
 * checked: the chat's log cannot be read).
 */
export type OutgoingFailure = 'ended' | 'transport' | 'server' | 'unconfirmed';

/**
 * Where a message the customer wrote stands, one state at a time (times in epoch ms):
 *
 * - `queued`: waits its turn (offline, or behind an earlier message);
 * - `sending`: its request is out, answered by `deadline` at the latest;
 * - `accepted`: the server accepted it `at` (`statusCode` 0); its echo has not arrived yet;
 * - `unconfirmed`: a request for it got no answer (the network failed, the deadline passed,
 *   the page was left) `since`: the server may have it. It is sent again only once a
 *   catch-up that began after `since` and after `deadline` (the latest request's, kept
 *   across page loads; `null`: not known) shows that its echo is not in the log;
 * - `retrying`: not taken (the server turned it away for now; or no answer came, where the
 *   log cannot be read to settle that) (`reason`, and `error` in plain English words for
 *   developers); it is sent again automatically `at`;
 * - `failed`: not sent (`reason`, `error`); sent again only by hand (`retry(key)`).
 */
export type OutgoingDelivery =
  | { readonly state: 'queued' }
  | { readonly state: 'sending'; readonly deadline: number }
  | { readonly state: 'accepted'; readonly at: number }
  | { readonly state: 'unconfirmed'; readonly since: number; readonly deadline: number | null }
  | { readonly state: 'retrying'; readonly at: number; readonly reason: OutgoingFailure; readonly error: string }
  | { readonly state: 'failed'; readonly reason: OutgoingFailure; readonly error: string };

/**
 * Where a message stands in three words, derived from its `delivery` (the elements' parts
 * `message-waiting`, `message-sending`, `message-failed`): `waiting` (`queued`,
 * `unconfirmed`), `sending` (`sending`, `accepted`), `failed` (`retrying`, `failed`).
 */
export type OutgoingStatus = 'waiting' | 'sending' | 'failed';

/** A message waiting its turn (one value, shared: deliveries are never changed in place). */
export const QUEUED: OutgoingDelivery = Object.freeze({ state: 'queued' });

/** The one place `status` is derived from `delivery`. */
const STATUS = {
  queued: 'waiting', sending: 'sending', accepted: 'sending', unconfirmed: 'waiting', retrying: 'failed', failed: 'failed',
} as const satisfies Record<OutgoingDelivery['state'], OutgoingStatus>;

/** A message the customer sent that the server's log does not show yet. */
export interface OutgoingMessage {
  /** Unique among outgoing messages; use it as a rendering key. */
  readonly key: string;
  readonly text: string;
  /** Where it stands. */
  readonly delivery: OutgoingDelivery;
  /** Where it stands in three words (derived from `delivery`). */
  readonly status: OutgoingStatus;
  /** When the customer sent it (epoch ms). */
  readonly time: number;
  /** The highest log index when it was sent: its echo comes at or after it. */
  readonly afterIndex: number;
  /** Failed attempts so far. */
  readonly attempts: number;
}

/** The part of an outgoing message kept across page loads (the form stays readable by every version). */
export interface StoredOutgoing {
  /** Its key, kept so the same message keeps one identity across pages. */
  readonly id: string;
  readonly text: string;
  readonly time: number;
  readonly afterIndex: number;
  /** The server accepted it; its echo had not arrived. */
  readonly accepted: boolean;
  /** A request for it had been sent (its outcome unknown unless `accepted`). */
  readonly attempted: boolean;
  /** The deadline of the request out for it, when one was (epoch ms). */
  readonly deadline?: number;
  /** Why the server refused it, when it did (it is then sent again only by hand). */
  readonly refused?: string;
}

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
    const item = withDelivery({ key: `${this.prefix}${++this.#seq}`, text, time, afterIndex, attempts: 0 }, QUEUED);
    this.#items = [...this.#items, item];
    return item;
  }

  /**
   * The next message to send, or `null`: messages go out one at a time and in order, so
   * nothing is sent while one is on its way (or of unknown outcome) or waits for its
   * automatic retry. A message that failed for good (awaiting a manual retry) does not
   * hold up the ones after it.
   */
  next(): OutgoingMessage | null {
    for (const item of this.#items) {
      const { state } = item.delivery;
      if (state === 'queued') return item;
      // On its way, of unknown outcome, or waiting for its automatic retry: the rest waits.
      if (state !== 'accepted' && state !== 'failed') return null;
    }
    return null;
  }

  /** What to keep across a page load: the text and whether the server already has it. */
  toStored(): StoredOutgoing[] {
    return this.#items.map(({ key, text, afterIndex, time, delivery: d }) => {
      // A request for it went out (`sending`, `unconfirmed`: the states with a deadline).
      const attempted = 'deadline' in d;
      return {
        id: key, text, accepted: d.state === 'accepted', afterIndex, time, attempted,
        ...(attempted && d.deadline !== null ? { deadline: d.deadline } : {}),
        ...(d.state === 'failed' ? { refused: d.error } : {}),
      };
    });
  }

  /**
   * Restores stored messages: accepted ones await their echo; ones whose request was out
   * wait, unconfirmed, for a catch-up that began after their request's deadline to tell
   * whether the server has them; refused ones stay failed; the others are queued.
   */
  restore(stored: readonly StoredOutgoing[], now: number = Date.now()): void {
    this.#items = stored.map((s) => {
      // A time from the future (a wrong clock, a tampered store) is taken as now.
      const time = Math.min(s.time, now);
      // Whatever a store holds: a number, and never later than a request could have run.
      const deadline = typeof s.deadline === 'number' && Number.isFinite(s.deadline) ? Math.min(s.deadline, now + MAX_DEADLINE) : null;
      const refused = typeof s.refused === 'string';
      const delivery: OutgoingDelivery = s.accepted ? { state: 'accepted', at: time }
        : refused ? { state: 'failed', reason: 'server', error: s.refused ?? '' }
        : s.attempted ? { state: 'unconfirmed', since: now, deadline }
        : QUEUED;
      return withDelivery({ key: s.id, text: s.text, time, afterIndex: s.afterIndex, attempts: refused && !s.accepted ? 1 : 0 }, delivery);
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
      const d = i.delivery;
      if (d.state === 'accepted' && d.at <= startedAt) {
        changed = true;
        return [];
      }
      if (d.state === 'unconfirmed' && d.since <= startedAt && (d.deadline === null || d.deadline <= startedAt)) {
        changed = true;
        return [withDelivery(i, QUEUED)];
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
    for (const { delivery: d } of this.#items) {
      if (d.state === 'unconfirmed' && d.deadline !== null && d.deadline > time && (earliest === null || d.deadline < earliest)) earliest = d.deadline;
    }
    return earliest;
  }

  get(key: string): OutgoingMessage | undefined {
    return this.#items.find((i) => i.key === key);
  }

  /**
   * Moves one message to `delivery` (and sets its failed `attempts`, when given); returns
   * it, or `undefined` when it is gone (echo matched).
   */
  update(key: string, delivery: OutgoingDelivery, attempts?: number): OutgoingMessage | undefined {
    let updated: OutgoingMessage | undefined;
    this.#items = this.#items.map((i) => (i.key === key ? (updated = withDelivery(attempts === undefined ? i : { ...i, attempts }, delivery)) : i));
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
    const sent = (i: OutgoingMessage) => i.delivery.state !== 'queued';
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

/** A message in `delivery`, with its `status` derived (the one place it is). */
function withDelivery(item: Omit<OutgoingMessage, 'delivery' | 'status'>, delivery: OutgoingDelivery): OutgoingMessage {
  return { ...item, delivery, status: STATUS[delivery.state] };
}
