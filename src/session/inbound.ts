/**
 * What the server says about the followed interaction, checked and applied to its model:
 * live notifications (a gap in the log's indices is found and reported; a long one is
 * parsed and applied in parts, a task each, newest part first), reads of the log (merged
 * in slices, a task each; a read of the whole log replaces what was shown),
 * and reads of the interaction's resource (its state). Malformed input is ignored and
 * told; over-limit input is cut and told once per reason and chat. No DOM, no storage.
 */
import type { InteractionModel } from '../model/interaction.js';
import { nextTask, type Scheduler } from '../model/scheduler.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import {
  concernsInteraction, interactionIdOf, olderReaches, parseMessages, parseNotification, parseOlder, type OlderMessages,
} from '../protocol/parse.js';
import { parseChatResource } from '../protocol/chat-resource.js';
import type { InteractionResource, WireMessage } from '../protocol/types.js';
import { OperationError } from '../transport/rest.js';

/** A read of the server's log: for which chat, from which index, what had arrived before it, the valid messages. */
export interface LogRead {
  readonly id: string;
  readonly from: number;
  readonly arrivals: number;
  readonly messages: readonly WireMessage[];
}

/** A read of the interaction's resource: for which chat, after how many state notifications. */
export interface StateRead {
  readonly id: string;
  readonly notifications: number;
  readonly resource: InteractionResource;
}

/** What a live notification needs next. */
export type Arrival =
  /** Nothing (applied, or not this chat's, or of a kind this medium does not use). */
  | { readonly kind: 'done' }
  /** Applied, but the log's indices skip: something was lost, read the log from `from`. */
  | { readonly kind: 'gap'; readonly from: number }
  /** Malformed but this chat's: something of ours was lost with it, read the log again. */
  | { readonly kind: 'lost' };

/** How reading the server's answers is done (a `SessionRequests`). */
export interface InboundReader {
  readLog(from: number, signal: AbortSignal): Promise<unknown>;
  readResource(signal: AbortSignal): Promise<unknown>;
}

/** What an `Inbound` reports, as events. */
export interface InboundEventMap {
  /** Input was malformed (ignored) or over the size limits (cut): `detail` says what, in plain English. */
  problem: CustomEvent<string>;
  /** A history merged in parts is complete (or dropped): the transcript is no longer `filling`. */
  filled: Event;
}

// Typed listeners (declaration merging with the class below).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Inbound {
  addEventListener<K extends keyof InboundEventMap>(type: K, listener: (event: InboundEventMap[K]) => unknown): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

/** Catch-up answers are merged in slices of this many messages, a task each. */
const MERGE_SLICE = 500;
/**
 * The messages of a live notification applied at once: more than a screen shows. A longer
 * one (a history) is applied in parts: these newest ones first, painted at once.
 */
const FIRST_PART = 100;
/** Older messages of a long notification applied per task after that. */
const OLDER_PART = 250;
/** The older parts start after this many ms: time for the browser to paint the newest one. */
const PAINT_FIRST = 16;

export class Inbound extends EventTarget {
  /** State notifications applied so far: a state read asked for before the latest is stale. */
  #stateNotifications = 0;
  /** The last over-limit reason told, with its interaction: told once, not on every repeat. */
  #trimmedTold = '';

  constructor(
    private readonly medium: MediumDescriptor,
    private readonly model: InteractionModel,
    private readonly reader: InboundReader,
    private readonly scheduler: Scheduler,
  ) {
    super();
  }

  /** A notification from the topic, while chat `id` is followed. */
  notification(raw: unknown, id: string): Arrival {
    const concerns = concernsInteraction(raw, this.medium, id);
    if (concerns === false) return { kind: 'done' };
    const result = parseNotification(raw, this.medium, FIRST_PART);
    if (!result.ok) {
      if (!result.unsupported) this.#malformed(result.reason);
      return concerns && !result.unsupported ? { kind: 'lost' } : { kind: 'done' };
    }
    const notification = result.notification;
    if (interactionIdOf(notification) !== id) return { kind: 'done' };
    for (const rejection of result.rejected) this.#malformed(rejection.reason);
    if (result.trimmed) this.#trimmed(id, result.trimmed);
    const highest = this.model.transcript.highestIndex;
    if (notification.kind === 'state') this.#stateNotifications++;
    this.model.apply(notification);
    const older = result.older;
    if (older && notification.kind === 'log') void this.#applyOlder(older, id, notification.resourceUri);
    // A gap in the indices: something was lost on the way. Ask from the highest index
    // seen (another message may share it) and let de-duplication do the rest.
    if (notification.kind === 'log' && highest >= 0 && (notification.messages.length > 0 || older)) {
      let lowest = Infinity;
      for (const m of notification.messages) lowest = Math.min(lowest, m.index);
      if (lowest > highest + 1 && !(older && olderReaches(older, highest + 1))) return { kind: 'gap', from: highest };
    }
    return { kind: 'done' };
  }

  /** Lets the page run between two parts of a long history (see `nextTask`). */
  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => nextTask(resolve, ms, this.scheduler));
  }

  /**
   * Applies the older part of a long notification, newest part first, a task each, while
   * the transcript is not cleared (another chat followed): the transcript is `filling`
   * meanwhile. Each part's messages are told in log order (`gws-message`), part by part.
   */
  async #applyOlder(older: OlderMessages, id: string, resourceUri: string): Promise<void> {
    const transcript = this.model.transcript;
    const resets = transcript.resets;
    transcript.fillStarted();
    let rest: OlderMessages | undefined = older;
    for (let wait = PAINT_FIRST; rest; wait = 0) {
      await this.#pause(wait);
      if (transcript.resets !== resets) break;
      const part = parseOlder(rest, OLDER_PART);
      for (const rejection of part.rejected) this.#malformed(rejection.reason);
      if (part.trimmed) this.#trimmed(id, part.trimmed);
      rest = part.rest;
      // Told while still filling, the last part too: a view knows these are older entries.
      this.model.apply({ kind: 'log', resourceUri, messages: part.messages });
    }
    if (transcript.resets === resets) transcript.fillEnded();
    this.dispatchEvent(new Event('filled'));
  }

  /**
   * Reads chat `id`'s log from `from`: the valid messages of the answer. An answer that is
   * no log at all fails like a request, so a catch-up tries again rather than count it as done.
   */
  async readLog(id: string, from: number, signal: AbortSignal): Promise<LogRead> {
    // What arrived before the request is what a whole log (from 0) may prove wrong.
    const arrivals = this.model.transcript.arrivals;
    const answer = await this.reader.readLog(from, signal);
    const list = typeof answer === 'object' && answer !== null ? (answer as { messages?: unknown }).messages : undefined;
    const parsed = parseMessages(list, 'catch-up messages');
    if (!parsed.ok) {
      this.#malformed(parsed.reason);
      throw new OperationError(`The server's log is not a list of messages (${parsed.reason}).`, 'invalid');
    }
    for (const rejection of parsed.rejected) this.#malformed(rejection.reason);
    if (parsed.trimmed) this.#trimmed(id, parsed.trimmed);
    return { id, from, arrivals, messages: parsed.messages };
  }

  /**
   * Merges a log read while `followed()` is still its chat: `stale` when another one is
   * followed by the end, `pruned` when entries the server's whole log does not hold were
   * removed (restored from storage, or relayed), else `merged`.
   */
  async mergeLog({ id, from, arrivals, messages }: LogRead, followed: () => string): Promise<'stale' | 'merged' | 'pruned'> {
    // A long log is merged in slices, a task each, so the page stays responsive.
    const transcript = this.model.transcript;
    const sliced = messages.length > MERGE_SLICE;
    if (sliced) transcript.fillStarted();
    for (let i = 0; i < messages.length; i += MERGE_SLICE) {
      if (i > 0) await this.#pause(0);
      // Another chat followed: the transcript was cleared (and is not filling any more).
      if (followed() !== id) return 'stale';
      if (sliced && i + MERGE_SLICE >= messages.length) transcript.fillEnded();
      this.model.applyHistory(messages.slice(i, i + MERGE_SLICE));
    }
    if (followed() !== id) return 'stale';
    // The whole log was read: it is the truth. What was shown before the read and is not in
    // it goes; what arrived live meanwhile stays.
    return from === 0 && this.model.transcript.retainOnly(messages, arrivals).length > 0 ? 'pruned' : 'merged';
  }

  /**
   * Reads chat `id`'s resource. An answer that is not one is told and fails like a request
   * (tried again).
   */
  async readState(id: string, signal: AbortSignal): Promise<StateRead> {
    const notifications = this.#stateNotifications;
    const answer = await this.reader.readResource(signal);
    const parsed = parseChatResource(answer, this.medium, id);
    if (!parsed.ok) {
      this.#malformed(parsed.reason);
      throw new OperationError(`The server's ${this.medium.name} resource is unusable (${parsed.reason}).`, 'invalid');
    }
    return { id, notifications, resource: parsed.resource };
  }

  /** Applies a state read to chat `followed`, unless a state notification arrived since it was asked for (newer). */
  applyState({ id, notifications, resource }: StateRead, followed: string): void {
    if (id !== followed || notifications !== this.#stateNotifications) return;
    this.model.apply({ kind: 'state', notificationType: 'StatusChange', resource, referenceId: null, errorMessage: null });
  }

  #malformed(reason: string): void {
    this.#tell(`Ignored a malformed ${this.medium.name} notification: ${reason}`);
  }

  /** Says what was cut from over-limit input (the rest was kept), once per reason and chat. */
  #trimmed(id: string, reason: string): void {
    const told = `${id}\n${reason}`;
    if (told === this.#trimmedTold) return;
    this.#trimmedTold = told;
    this.#tell(`Kept part of a ${this.medium.name} notification over the size limits: ${reason}`);
  }

  #tell(message: string): void {
    this.dispatchEvent(new CustomEvent('problem', { detail: message }));
  }
}
