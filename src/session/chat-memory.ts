/**
 * What one session keeps across page loads: the chat it started (so another page of the
 * site, or a reload, follows it again), that chat's recent transcript and last known
 * state (shown and usable at once), and its unsent messages (see `outbox-store.ts`); kept
 * under the keys of `storage.ts`. A chat that ended is forgotten. A session talks to what is
 * stored only through this module.
 */
import type { InteractionModel } from '../model/interaction.js';
import type { Outbox, StoredOutgoing } from '../model/outbox.js';
import type { Scheduler } from '../model/scheduler.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { isInteractionId, parseMessages, parseNotification } from '../protocol/parse.js';
import { forgetOutbox, OutboxStore } from './outbox-store.js';
import { load, newId, outboxKey, save, sessionKey, startLock, transcriptKey } from './storage.js';

export { newId, startLock };

/** Most transcript entries kept for showing at once after a reload. */
export const STORED_ENTRIES = 500;

/**
 * A remembered chat without any activity (a message, a state change) for this long is
 * forgotten, transcript and unsent messages included: 2 hours.
 */
export const IDLE_LIMIT = 2 * 60 * 60 * 1000;

/** The chat remembered for this endpoint and medium, or `null` (an idle one is forgotten). */
export function rememberedChat(url: string, medium: MediumDescriptor, now = Date.now()): string | null {
  if (!url || !medium.canStart) return null;
  const stored = load(sessionKey(url, medium.name));
  const { interactionId: id, at } = typeof stored === 'object' && stored !== null
    ? stored as { interactionId?: unknown; at?: unknown }
    : { interactionId: undefined, at: undefined };
  if (!isInteractionId(id)) return null;
  if (typeof at === 'number' && now - at > IDLE_LIMIT) {
    forgetChat(url, medium, id);
    return null;
  }
  return id;
}

/** Remembers a chat the customer started here (and, later, that it is still active). */
export function rememberChat(url: string, medium: MediumDescriptor, interactionId: string): void {
  save(sessionKey(url, medium.name), { interactionId, at: Date.now() });
}

/**
 * Restores the stored state and transcript of a remembered chat into an empty model, read
 * back through the parser like anything from outside.
 */
export function restoreTranscript(
  url: string, medium: MediumDescriptor, interactionId: string, model: InteractionModel,
): number | null {
  const stored = load(transcriptKey(url, interactionId));
  const { messages, resource, missingFrom } = typeof stored === 'object' && stored !== null
    ? stored as { messages?: unknown; resource?: unknown; missingFrom?: unknown }
    : { messages: undefined, resource: undefined, missingFrom: undefined };
  applyStoredState(medium, interactionId, model, resource);
  const parsed = parseMessages(messages, 'stored transcript');
  if (parsed.ok) model.applyHistory(parsed.messages);
  // A catch-up that was filling a gap when the page was left: still to be fetched.
  return typeof missingFrom === 'number' && Number.isSafeInteger(missingFrom) && missingFrom >= 0 ? missingFrom : null;
}

/** The last known state stored for an interaction (its `resource`), or `undefined`. */
export function readStoredState(url: string, interactionId: string): unknown {
  const stored = load(transcriptKey(url, interactionId));
  return typeof stored === 'object' && stored !== null ? (stored as { resource?: unknown }).resource : undefined;
}

/**
 * Applies a last known state (`{state, capabilities, participants, userData}`) to an empty
 * model, read back through the parser like anything from outside.
 */
export function applyStoredState(medium: MediumDescriptor, interactionId: string, model: InteractionModel, resource: unknown): void {
  if (typeof resource === 'object' && resource !== null) {
    // A stored uri is dropped: where operations go is the host's configuration (`url`,
    // `api-url`), never a value read from storage or from a notification.
    const { uri: _uri, ...rest } = resource as Record<string, unknown>;
    const state = parseNotification({
      data: {
        messageType: medium.stateMessageType,
        notificationType: 'StatusChange',
        [medium.resourceKey]: { ...rest, id: interactionId },
      },
    }, medium);
    if (state.ok) model.apply(state.notification);
  }
}

/**
 * Stores the recent transcript and last known state of a remembered chat, and the lowest
 * index a catch-up had still to fetch (a gap that must not outlive a reload).
 */
export function saveTranscript(url: string, interactionId: string, model: InteractionModel, missingFrom: number | null): void {
  const entries = model.transcript.entries.slice(-STORED_ENTRIES);
  // A session that does not know the state yet (a tab just opened) keeps what another stored.
  const stored = model.state === null ? load(transcriptKey(url, interactionId)) : undefined;
  const kept = typeof stored === 'object' && stored !== null ? (stored as { resource?: unknown }).resource : undefined;
  save(transcriptKey(url, interactionId), {
    missingFrom: missingFrom ?? undefined,
    resource: kept ?? {
      state: model.state ?? undefined,
      capabilities: model.capabilities,
      participants: model.participants,
      userData: model.userData,
    },
    messages: entries.map((m) => ({
      index: m.index, type: m.type, from: m.from, text: m.text, url: m.url, visibility: 'All', timestampSeconds: m.time,
    })),
  });
}

/** The chat is over: nothing of it is resumed. */
export function forgetChat(url: string, medium: MediumDescriptor, interactionId: string): void {
  const stored = load(sessionKey(url, medium.name));
  if (typeof stored === 'object' && stored !== null && (stored as { interactionId?: unknown }).interactionId === interactionId) {
    save(sessionKey(url, medium.name), undefined);
  }
  save(transcriptKey(url, interactionId), undefined);
  forgetOutbox(outboxKey(url, interactionId));
}

/** What another tab changed of what a session keeps (see `ChatMemory.changedElsewhere`). */
export type OtherTabChange =
  | { readonly kind: 'state'; readonly stored: unknown }
  | { readonly kind: 'chat'; readonly id: string | null };

/** Transcript writes are gathered for this long (ms), so a burst of messages is one write. */
const SAVE_DELAY = 300;

/**
 * What one session keeps of the interaction it follows: the stored outbox (its own
 * messages, and those it takes over), and, for a chat started here, the transcript and
 * state, written shortly after each change and forgotten when the chat ends.
 */
export class ChatMemory {
  #url = '';
  #interactionId = '';
  #store: OutboxStore | null = null;
  #stopHandover: (() => void) | null = null;
  /** Whether the followed interaction is the chat remembered for the endpoint. */
  #remembered = false;
  #open = false;
  #forgotten = false;
  #saveTimer: unknown = null;
  /** The last known state of interactions followed before (a few, the newest last). */
  readonly #states = new Map<string, unknown>();

  constructor(
    private readonly medium: MediumDescriptor,
    private readonly sessionId: string,
    private readonly scheduler: Scheduler,
    /** Called when stored messages may have changed hands (see `OutboxStore.onHandover`). */
    private readonly onHandover: () => void,
    /** The lowest index a catch-up has still to fetch, or `null`. */
    private readonly missingFrom: () => number | null,
  ) {}

  /** Whether the followed interaction is the chat remembered for the endpoint (its transcript is stored). */
  get remembered(): boolean {
    return this.#remembered;
  }

  /**
   * Follows another interaction (`''`: none). Restores the stored transcript and state of
   * a remembered chat into `model` (empty at this point), else the last known state of one
   * followed before (see `leave`); returns the lowest index a
   * catch-up had still to fetch there, or `null`.
   */
  follow(url: string, interactionId: string, model: InteractionModel): number | null {
    this.#store?.close();
    this.#stopHandover?.();
    this.#store = null;
    this.#stopHandover = null;
    this.#cancelSave();
    this.#url = url;
    this.#interactionId = interactionId;
    this.#remembered = false;
    this.#forgotten = false;
    if (!url || !interactionId) return null;
    this.#store = new OutboxStore(outboxKey(url, interactionId), this.sessionId);
    if (this.#open) this.#openStore();
    this.#remembered = rememberedChat(url, this.medium) === interactionId;
    const missingFrom = this.#remembered ? restoreTranscript(url, this.medium, interactionId, model) : null;
    // Followed before by this session: its last known state, until the server tells.
    if (model.state === null) applyStoredState(this.medium, interactionId, model, this.#states.get(interactionId));
    return missingFrom;
  }

  /** The followed interaction is left: its last known state is kept (in this page only) for a return to it. */
  leave(model: InteractionModel): void {
    const id = this.#interactionId;
    if (!id || model.state === null) return;
    this.#states.delete(id);
    this.#states.set(id, { state: model.state, capabilities: model.capabilities, participants: model.participants, userData: model.userData });
    for (const old of this.#states.keys()) {
      if (this.#states.size <= 8) break;
      this.#states.delete(old);
    }
  }

  /**
   * What another tab changed in storage (the `key` of a `storage` event): `state` when it
   * stored the followed chat's state (`stored`), `chat` when the chat remembered for the
   * endpoint changed (`id`, `null` when forgotten); `null` when nothing of ours.
   */
  changedElsewhere(key: string | null): OtherTabChange | null {
    const url = this.#url;
    if (!key || !url) return null;
    if (this.#interactionId && key === transcriptKey(url, this.#interactionId)) {
      const stored = readStoredState(url, this.#interactionId);
      return stored === undefined ? null : { kind: 'state', stored };
    }
    return key === sessionKey(url, this.medium.name) ? { kind: 'chat', id: rememberedChat(url, this.medium) } : null;
  }

  /** A chat started here: remembered for the endpoint (followed next with `follow`). */
  remember(url: string, interactionId: string): void {
    rememberChat(url, this.medium, interactionId);
  }

  /** The session is live (connected): its messages are its own to deliver. */
  open(): void {
    if (this.#open) return;
    this.#open = true;
    this.#openStore();
  }

  /**
   * The session is gone for now: others may take over its messages. It is told of no
   * handover until opened again (nothing of the page holds it meanwhile).
   */
  close(): void {
    this.#open = false;
    this.#stopHandover?.();
    this.#stopHandover = null;
    this.#store?.close();
  }

  /** Opens the followed interaction's store and listens for handovers while open. */
  #openStore(): void {
    if (!this.#store) return;
    this.#stopHandover ??= this.#store.onHandover(this.onHandover);
    this.#store.open();
  }

  /** Drops from `outbox` the messages another session took over; returns whether any. */
  dropTaken(outbox: Outbox): boolean {
    const store = this.#store;
    if (!store || !this.#open) return false;
    const taken = store.takenByOthers();
    return outbox.keepOnly(new Set(outbox.items.filter((i) => !taken.has(i.key)).map((i) => i.key)));
  }

  /** Takes over the stored messages nobody delivers; returns every stored message of ours. */
  async claim(): Promise<StoredOutgoing[]> {
    return this.#store && this.#open ? this.#store.claim() : [];
  }

  /** Stores the outbox as it is now. */
  saveOutbox(outbox: Outbox): void {
    // Nothing of an ended chat is stored again (its failed messages stay on screen only).
    this.#store?.write(this.#forgotten ? [] : outbox.toStored());
  }

  /** The model changed: store it soon, or forget everything when the chat ended. */
  modelChanged(model: InteractionModel): void {
    if (model.ended) {
      // Nothing of an ended chat is kept: its transcript, its unsent messages, its id.
      if (this.#interactionId && !this.#forgotten) forgetChat(this.#url, this.medium, this.#interactionId);
      this.#forgotten = true;
      this.#cancelSave();
      this.#remembered = false;
      return;
    }
    if (!this.#remembered) return;
    this.#saveTimer ??= this.scheduler.setTimeout(() => this.flush(model), SAVE_DELAY);
  }

  /** Stores a pending transcript write now. */
  flush(model: InteractionModel): void {
    if (this.#saveTimer === null) return;
    this.#cancelSave();
    // Only while it is still the remembered chat: one forgotten meanwhile (ended in another
    // tab, cleared) is not brought back.
    if (this.#remembered && !model.ended && rememberedChat(this.#url, this.medium) === this.#interactionId) {
      saveTranscript(this.#url, this.#interactionId, model, this.missingFrom());
      rememberChat(this.#url, this.medium, this.#interactionId); // still active
    }
  }

  #cancelSave(): void {
    if (this.#saveTimer !== null) this.scheduler.clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
  }
}
