import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MediumDescriptor } from '../protocol/medium.js';
import { isInteractionId, parseMessages, parseNotification } from '../protocol/parse.js';
import { load, outboxKey, save, sessionKey, transcriptKey } from '../transport/session-store.js';
import type { InteractionController } from './interaction-controller.js';

/** Most transcript entries kept for showing at once after a reload. */
const STORED_ENTRIES = 500;
/** Transcript writes are gathered for this long (ms), so a burst of messages is one write. */
const SAVE_DELAY = 300;

/** The element side the session needs. */
export interface SessionHost extends ReactiveControllerHost {
  readonly url: string;
  readonly interactionId: string;
  /** Follows a stored interaction again. */
  resume(interactionId: string): void;
}

/**
 * Makes a chat the element started survive a page reload or a move to another page of the
 * site (same tab): remembers it per endpoint and medium, keeps its recent transcript and
 * last known state (capabilities included) to show and use at once, and forgets
 * everything when the chat ends.
 */
export class SessionController implements ReactiveController {
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The followed interaction when it is the remembered one, else `null` (read once per target). */
  #rememberedId: string | null = null;

  constructor(
    private readonly host: SessionHost,
    private readonly medium: MediumDescriptor,
    private readonly interaction: InteractionController,
  ) {
    host.addController(this);
    interaction.listeners.retarget.push((id) => this.#restoreTranscript(id));
    interaction.listeners.change.push(() => this.#changed());
  }

  hostConnected(): void {
    this.tryResume();
  }

  /** Follows the chat remembered for this endpoint, if the element follows none. */
  tryResume(): void {
    if (this.host.interactionId || !this.host.url || !this.medium.canStart) return;
    const id = this.#storedId();
    if (id) this.host.resume(id);
  }

  #storedId(): string | null {
    const stored = load(sessionKey(this.host.url, this.medium.name));
    const id = typeof stored === 'object' && stored !== null ? (stored as { interactionId?: unknown }).interactionId : undefined;
    return isInteractionId(id) ? id : null;
  }

  hostDisconnected(): void {
    if (this.#saveTimer !== undefined) this.#saveTranscript();
  }

  /** Remembers a chat the element just started. */
  remember(interactionId: string): void {
    save(sessionKey(this.host.url, this.medium.name), { interactionId });
    this.#rememberedId = interactionId;
  }

  /** Whether the followed interaction is the one remembered for this endpoint. */
  get #remembered(): boolean {
    return this.#rememberedId !== null && this.#rememberedId === this.host.interactionId;
  }

  #restoreTranscript(interactionId: string): void {
    this.#cancelSave();
    this.#rememberedId = interactionId && this.host.url && this.#storedId() === interactionId ? interactionId : null;
    if (!this.#rememberedId) return;
    const stored = load(transcriptKey(this.host.url, interactionId));
    const { messages, resource } = typeof stored === 'object' && stored !== null
      ? stored as { messages?: unknown; resource?: unknown }
      : { messages: undefined, resource: undefined };
    // The last known state and capabilities, so the composer works before any notification;
    // read back through the parser like anything from outside.
    if (typeof resource === 'object' && resource !== null) {
      const state = parseNotification({
        data: {
          messageType: this.medium.stateMessageType,
          notificationType: 'StatusChange',
          [this.medium.resourceKey]: { ...resource, id: interactionId },
        },
      }, this.medium);
      if (state.ok) this.interaction.model.apply(state.notification);
    }
    const parsed = parseMessages(messages, 'stored transcript');
    if (parsed.ok) this.interaction.model.applyHistory(parsed.messages);
  }

  #changed(): void {
    if (!this.#remembered) return;
    if (this.interaction.model.ended) {
      this.#forget();
      return;
    }
    if (this.#saveTimer === undefined) this.#saveTimer = setTimeout(() => this.#saveTranscript(), SAVE_DELAY);
  }

  #saveTranscript(): void {
    this.#cancelSave();
    const id = this.host.interactionId;
    if (!id || !this.#remembered) return;
    const model = this.interaction.model;
    const entries = model.transcript.entries.slice(-STORED_ENTRIES);
    save(transcriptKey(this.host.url, id), {
      resource: {
        uri: model.uri ?? undefined,
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
  #forget(): void {
    this.#cancelSave();
    const { url, interactionId } = this.host;
    save(sessionKey(url, this.medium.name), undefined);
    save(transcriptKey(url, interactionId), undefined);
    save(outboxKey(url, interactionId), undefined);
    this.#rememberedId = null;
  }

  #cancelSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
  }
}
