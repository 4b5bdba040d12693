import type { LogMessageType, Participant, WireMessage } from '../protocol/types.js';
import { isCustomer } from './participants.js';

/** Message types that appear as entries of the visible log. */
export const LOG_TYPES: ReadonlySet<string> = new Set<LogMessageType>([
  'Text', 'ParticipantJoined', 'ParticipantLeft', 'Notice', 'CustomNotice', 'NicknameUpdated', 'PushUrl',
]);

/** One entry of the visible transcript. */
export interface ChatMessage {
  /** Unique and stable within one transcript; use it as a rendering key. */
  readonly key: string;
  /** The server's log index (not unique). */
  readonly index: number;
  readonly type: LogMessageType;
  /** Sender, or `null` for system notices. */
  readonly from: Participant | null;
  /** Message or notice text (untrusted: render as text). */
  readonly text: string;
  /** URL of a `PushUrl` message (untrusted: only `http(s)` may become a link). */
  readonly url: string;
  /** Epoch milliseconds, or `null` when unknown. */
  readonly time: number | null;
  /** Whether the customer sent it. */
  readonly own: boolean;
}

/**
 * A customer-visible message seen for the first time, with the log entry it became
 * (`null` for typing notifications and unknown types, which are not log entries).
 */
export interface FreshMessage {
  readonly message: WireMessage;
  readonly entry: ChatMessage | null;
}

/** Whether two wire messages are the same message (a replay), field by field. */
function sameMessage(a: WireMessage, b: WireMessage): boolean {
  return a.index === b.index && a.type === b.type && a.text === b.text && a.url === b.url
    && a.visibility === b.visibility && a.time === b.time
    && a.from?.participantId === b.from?.participantId && a.from?.nickname === b.from?.nickname
    && a.from?.type === b.from?.type;
}

/** What a view of the log reads: the entries, and what changed since it last looked. */
export interface TranscriptView {
  /** The visible log, ordered. */
  readonly entries: readonly ChatMessage[];
  /**
   * Changes so far other than entries added at the end (entries inserted before others,
   * removed, or all cleared): while it stays the same, what a view showed is still the
   * start of `entries`.
   */
  readonly edits: number;
  /** Whether messages are still on their way into it (a long history merged in parts). */
  readonly filling: boolean;
}

/** A message seen, in the order of arrival (`arrival`), with the entry it became. */
interface Seen {
  readonly message: WireMessage;
  readonly arrival: number;
  readonly entry: ChatMessage | null;
}

/**
 * The ordered, de-duplicated log of one interaction. Entries are ordered by `index`, then
 * by arrival; an exact replay is dropped, while distinct messages sharing an index are all
 * kept. Messages not visible to the customer are accounted for but never stored.
 */
export class Transcript implements TranscriptView {
  #entries: ChatMessage[] = [];
  #edits = 0;
  #fills = 0;
  #resets = 0;
  /** Every message seen (visible or not), by index, to recognise replays. */
  #seen = new Map<number, Seen[]>();
  #seq = 0;
  #arrivals = 0;
  #highestIndex = -1;

  /** The visible log, ordered. */
  get entries(): readonly ChatMessage[] {
    return this.#entries;
  }

  get edits(): number {
    return this.#edits;
  }

  get filling(): boolean {
    return this.#fills > 0;
  }

  /** How many times it was cleared: a part of a history read before is stale when this changed. */
  get resets(): number {
    return this.#resets;
  }

  /** A history merged in parts started (`filling` until each that started has ended). */
  fillStarted(): void {
    this.#fills++;
  }

  /** A history merged in parts ended (or was dropped). */
  fillEnded(): void {
    if (this.#fills > 0) this.#fills--;
  }

  /** Highest index seen in any message (visible or not), or -1. */
  get highestIndex(): number {
    return this.#highestIndex;
  }

  /** How many messages have arrived so far: `retainOnly` keeps those that arrive after it. */
  get arrivals(): number {
    return this.#arrivals;
  }

  /** Adds a batch of wire messages; returns the visible ones that were new, in log order. */
  add(messages: readonly WireMessage[]): FreshMessage[] {
    const batch = [...messages].sort((a, b) => a.index - b.index);
    const fresh: FreshMessage[] = [];
    const added: ChatMessage[] = [];
    for (const m of batch) {
      // A hidden message is remembered without its words: it is never shown, and its
      // text need not stay in memory (a replay of it changes nothing anyway).
      const key = m.visibility === 'All' ? m : { ...m, text: '', url: '' };
      const sameIndex = this.#seen.get(m.index);
      if (sameIndex?.some((seen) => sameMessage(seen.message, key))) continue;
      const visible = m.visibility === 'All';
      const entry: ChatMessage | null = !visible || !LOG_TYPES.has(m.type) ? null : {
        key: `m${++this.#seq}`,
        index: m.index,
        type: m.type as LogMessageType,
        from: m.from,
        text: m.text,
        url: m.url,
        time: m.time,
        own: isCustomer(m.from),
      };
      const seen: Seen = { message: key, arrival: ++this.#arrivals, entry };
      if (sameIndex) sameIndex.push(seen);
      else this.#seen.set(m.index, [seen]);
      if (m.index > this.#highestIndex) this.#highestIndex = m.index;
      if (!visible) continue;
      if (entry) added.push(entry);
      fresh.push({ message: m, entry });
    }
    this.#insert(added);
    return fresh;
  }

  /**
   * The server's whole log was read (`log`, from index 0): it is the truth. Every message
   * that arrived before `arrivals` (see the getter: restored from storage, or earlier) and
   * is not in `log` is dropped; later arrivals (live, while the log was read) stay. Returns
   * the entries removed from the visible log.
   */
  retainOnly(log: readonly WireMessage[], arrivals: number): ChatMessage[] {
    const truth = new Map<number, WireMessage[]>();
    for (const m of log) {
      const key = m.visibility === 'All' ? m : { ...m, text: '', url: '' };
      const list = truth.get(m.index);
      if (list) list.push(key);
      else truth.set(m.index, [key]);
    }
    const removed = new Set<ChatMessage>();
    let highest = -1;
    for (const [index, list] of this.#seen) {
      const inLog = truth.get(index);
      const kept = list.filter((seen) => seen.arrival > arrivals || inLog?.some((m) => sameMessage(m, seen.message)));
      if (kept.length < list.length) {
        for (const seen of list) if (seen.entry && !kept.includes(seen)) removed.add(seen.entry);
      }
      if (kept.length === 0) this.#seen.delete(index);
      else {
        if (kept.length < list.length) this.#seen.set(index, kept);
        if (index > highest) highest = index;
      }
    }
    this.#highestIndex = highest;
    if (removed.size > 0) {
      this.#entries = this.#entries.filter((e) => !removed.has(e));
      this.#edits++;
    }
    return [...removed];
  }

  /** Forgets everything (used when the element follows another interaction). */
  clear(): void {
    this.#entries = [];
    this.#seen.clear();
    this.#highestIndex = -1;
    this.#edits++;
    this.#fills = 0;
    this.#resets++;
  }

  /** Inserts new entries, ordered by index, each after the entries of its index already there. */
  #insert(added: readonly ChatMessage[]): void {
    const list = this.#entries;
    let i = 0;
    // Appends are the common case: check the end before searching.
    while (i < added.length && (list.length === 0 || list[list.length - 1]!.index <= added[i]!.index)) list.push(added[i++]!);
    if (i === added.length) return;
    this.#edits++;
    while (i < added.length) {
      const at = this.#after(added[i]!.index);
      // Every entry that goes at the same place is inserted at once (a part of a history).
      let end = i + 1;
      while (end < added.length && (at === list.length || added[end]!.index < list[at]!.index)) end++;
      list.splice(at, 0, ...added.slice(i, end));
      i = end;
    }
  }

  /** The position after the last entry of an index at most `index`. */
  #after(index: number): number {
    const list = this.#entries;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.index <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
