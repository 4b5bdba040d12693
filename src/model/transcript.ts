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

/**
 * The ordered, de-duplicated log of one interaction. Entries are ordered by `index`, then
 * by arrival; an exact replay is dropped, while distinct messages sharing an index are all
 * kept. Messages not visible to the customer are accounted for but never stored.
 */
export class Transcript {
  #entries: ChatMessage[] = [];
  /** Every message seen (visible or not), by index, to recognise replays. */
  #seen = new Map<number, WireMessage[]>();
  #seq = 0;
  #highestIndex = -1;

  /** The visible log, ordered. */
  get entries(): readonly ChatMessage[] {
    return this.#entries;
  }

  /** Highest index seen in any message (visible or not), or -1. */
  get highestIndex(): number {
    return this.#highestIndex;
  }

  /** Adds a batch of wire messages; returns the visible ones that were new, in log order. */
  add(messages: readonly WireMessage[]): FreshMessage[] {
    const batch = [...messages].sort((a, b) => a.index - b.index);
    const fresh: FreshMessage[] = [];
    for (const m of batch) {
      // A hidden message is remembered without its words: it is never shown, and its
      // text need not stay in memory (a replay of it changes nothing anyway).
      const key = m.visibility === 'All' ? m : { ...m, text: '', url: '' };
      const sameIndex = this.#seen.get(m.index);
      if (sameIndex?.some((seen) => sameMessage(seen, key))) continue;
      if (sameIndex) sameIndex.push(key);
      else this.#seen.set(m.index, [key]);
      if (m.index > this.#highestIndex) this.#highestIndex = m.index;
      if (m.visibility !== 'All') continue;
      if (!LOG_TYPES.has(m.type)) {
        fresh.push({ message: m, entry: null });
        continue;
      }
      const entry: ChatMessage = {
        key: `m${++this.#seq}`,
        index: m.index,
        type: m.type as LogMessageType,
        from: m.from,
        text: m.text,
        url: m.url,
        time: m.time,
        own: isCustomer(m.from),
      };
      this.#insert(entry);
      fresh.push({ message: m, entry });
    }
    return fresh;
  }

  /** Forgets everything (used when the element follows another interaction). */
  clear(): void {
    this.#entries = [];
    this.#seen.clear();
    this.#highestIndex = -1;
  }

  #insert(entry: ChatMessage): void {
    const list = this.#entries;
    // Appends are the common case: check the end before searching.
    if (list.length === 0 || list[list.length - 1]!.index <= entry.index) {
      list.push(entry);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.index <= entry.index) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
  }
}
