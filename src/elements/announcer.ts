/**
 * What a screen reader hears of the log. The log itself is not a live region (it would
 * re-read entries, or read a whole history): every new entry is spoken once, by a separate,
 * visually hidden polite live region (part `announcer`), as "sender: text" or as the
 * sentence the log shows ("Marat joined the chat").
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../model/transcript.js';
import { globalScheduler, type Scheduler } from '../model/scheduler.js';
import { isolate, shorten } from '../model/text.js';
import type { GwsChatStrings } from '../i18n/strings.js';

/** Entries arriving within this many ms of the first one are spoken together. */
export const BURST_WINDOW = 300;
/** Entries spoken in full per announcement; the rest are counted ("and 7 more messages"). */
export const SPOKEN_PER_BURST = 3;
/**
 * Past `SPOKEN_PER_BURST`, who joined or left (and notices) is still said, up to this many
 * lines in all: only text messages are summed up as "and N more messages".
 */
const MOST_LINES_PER_BURST = 12;
/** Code points of one entry's text spoken at most (the log keeps it all). */
export const SPOKEN_LENGTH = 500;
/** An announcement is removed after this many ms (it is not found later among the content). */
export const CLEAR_AFTER = 7000;

/** What is said for one entry, or `null` for an entry that is not spoken. */
export function spokenEntry(m: ChatMessage, s: GwsChatStrings): string | null {
  const name = isolate(m.own ? s.you : m.from?.nickname || s.system);
  switch (m.type) {
    case 'Text':
      return s.announceMessage(name, shorten(m.text, SPOKEN_LENGTH));
    case 'ParticipantJoined':
      return s.joined(name);
    case 'ParticipantLeft':
      return s.left(name);
    case 'NicknameUpdated':
      return m.text ? shorten(m.text, SPOKEN_LENGTH) : s.renamed(name);
    case 'PushUrl':
      return `${s.sharedLink(name)} ${shorten(m.url, SPOKEN_LENGTH)}`;
    default:
      return m.text ? shorten(m.text, SPOKEN_LENGTH) : null;
  }
}

/**
 * Where entries come from: the session, a `gws-message` per new entry (`detail.live` is
 * `false` for history read from the server's log, which is not spoken).
 */
export type AnnouncedSource = EventTarget;

export interface AnnouncerOptions {
  /** The live region the announcements are written into. */
  readonly region: () => HTMLElement | null | undefined;
  /** The texts in use. */
  readonly strings: () => GwsChatStrings;
  /** Whether the entry told now is older than one told before it, in a long history's later part (not spoken). */
  readonly older?: () => boolean;
  readonly scheduler?: Scheduler;
}

/**
 * Speaks each new log entry once, through the element's polite live region. Not spoken:
 * entries restored or read from the server's log (a reload, a catch-up: old news that would
 * flood the reader), entries before the element's first render, and the customer's own
 * messages (their echo: they just wrote them, and the composer says when one fails).
 * Bursts are spoken together, in one announcement: the first few entries in full, each its
 * own paragraph (screen readers pause between them), then how many more. A burst costs the
 * same whatever its size (a live notification may carry thousands).
 */
export class MessageAnnouncer implements ReactiveController {
  /** What the announcement being gathered says so far. */
  #lines: string[] = [];
  /** Entries of it beyond `SPOKEN_PER_BURST`. */
  #more = 0;
  #timer: unknown;
  #clearTimer: unknown;
  #rendered = false;
  readonly #scheduler: Scheduler;
  readonly #onMessage = (e: Event) => {
    const { message, live } = (e as CustomEvent<{ message: ChatMessage; live: boolean }>).detail;
    if (live) this.arrived(message);
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly source: AnnouncedSource,
    private readonly options: AnnouncerOptions,
  ) {
    this.#scheduler = options.scheduler ?? globalScheduler;
    host.addController(this);
  }

  hostConnected(): void {
    this.source.addEventListener('gws-message', this.#onMessage);
  }

  hostUpdated(): void {
    this.#rendered = true;
  }

  hostDisconnected(): void {
    this.source.removeEventListener('gws-message', this.#onMessage);
    this.#cancel();
    this.#lines = [];
    this.#more = 0;
    this.#rendered = false;
    this.options.region()?.replaceChildren();
  }

  /** A new entry became visible in the log. */
  arrived(message: ChatMessage): void {
    if (!this.#rendered || message.own) return;
    if (this.options.older?.()) return;
    const summed = this.#lines.length >= SPOKEN_PER_BURST
      && (message.type === 'Text' || this.#lines.length >= MOST_LINES_PER_BURST);
    if (summed) {
      this.#more++;
    } else {
      const line = spokenEntry(message, this.options.strings());
      if (line === null) return;
      this.#lines.push(line);
    }
    this.#timer ??= this.#scheduler.setTimeout(() => this.#flush(), BURST_WINDOW);
  }

  /**
   * Says `lines` through the live region, a paragraph each: new nodes each time, so that
   * the same words twice are spoken twice; removed after `CLEAR_AFTER` ms.
   */
  say(lines: readonly string[]): void {
    const region = this.options.region();
    if (!region || lines.length === 0) return;
    region.replaceChildren(...lines.map((text) => {
      const line = document.createElement('p');
      line.textContent = text;
      return line;
    }));
    if (this.#clearTimer !== undefined) this.#scheduler.clearTimeout(this.#clearTimer);
    this.#clearTimer = this.#scheduler.setTimeout(() => {
      this.#clearTimer = undefined;
      region.replaceChildren();
    }, CLEAR_AFTER);
  }

  #flush(): void {
    this.#timer = undefined;
    const lines = this.#lines;
    if (this.#more > 0) lines.push(this.options.strings().andMore(this.#more));
    this.#lines = [];
    this.#more = 0;
    this.say(lines);
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    if (this.#clearTimer !== undefined) this.#scheduler.clearTimeout(this.#clearTimer);
    this.#timer = undefined;
    this.#clearTimer = undefined;
  }
}
