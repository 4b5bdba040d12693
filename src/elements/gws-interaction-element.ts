import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { isEndedState } from '../model/interaction.js';
import type { ChatMessage } from '../model/transcript.js';
import { DEFAULT_TYPING_TIMEOUT } from '../model/typing.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import type { InteractionState, Participant } from '../protocol/types.js';
import { chatStyles } from '../styles/chat-styles.js';
import type { ConnectionState } from '../transport/connection.js';
import { AutoscrollController } from './autoscroll-controller.js';
import { InteractionController } from './interaction-controller.js';
import { HistoryWindow } from './history-window.js';
import { renderLog } from './message-view.js';
import { DEFAULT_STRINGS, type GwsChatStrings } from './strings.js';

/**
 * The shared implementation of the interaction elements. Subclasses only name their
 * medium (`static medium`).
 *
 * @fires gws-message - A new entry became visible in the log. `detail.message`.
 * @fires gws-typing - Another participant started or stopped typing. `detail.participant`, `detail.typing`.
 * @fires gws-state-change - The interaction's state changed. `detail.state`, `detail.previousState`.
 * @fires gws-participants-change - The participant list changed. `detail.participants`.
 * @fires gws-properties-change - The interaction's user data changed. `detail.userData`.
 * @fires gws-capabilities-change - The operations allowed now changed. `detail.capabilities`.
 * @fires gws-connection-change - The notification connection changed state. `detail.state`.
 * @fires gws-error - A `server`, `protocol` or `transport` error. `detail.kind`, `detail.message`.
 *
 * @csspart status - The connection / chat-ended banner (`role="status"`).
 * @csspart error - The non-blocking notice of a server error, with its dismiss button.
 * @csspart log - The scrolling transcript (`role="log"`).
 * @csspart message - Every transcript entry.
 * @csspart message-text - A text message.
 * @csspart message-own - A text message the customer sent.
 * @csspart message-joined - A participant joined.
 * @csspart message-left - A participant left.
 * @csspart message-notice - A notice, nickname change or pushed URL.
 * @csspart typing - The "… is typing" line.
 *
 * @cssprop --gws-chat-font-family - Font of the whole element.
 * @cssprop --gws-chat-background - Background of the element.
 * @cssprop --gws-chat-text-color - Main text colour.
 * @cssprop --gws-chat-muted-color - Colour of system lines, times and typing.
 * @cssprop --gws-chat-border-color - Border colour.
 * @cssprop --gws-chat-bubble-background - Background of other participants' messages.
 * @cssprop --gws-chat-bubble-text-color - Text colour of other participants' messages.
 * @cssprop --gws-chat-own-bubble-background - Background of the customer's messages.
 * @cssprop --gws-chat-own-bubble-text-color - Text colour of the customer's messages.
 * @cssprop --gws-chat-radius - Corner radius of the element and bubbles.
 * @cssprop --gws-chat-spacing - Base spacing.
 * @cssprop --gws-chat-status-background - Background of the status banner.
 * @cssprop --gws-chat-error-background - Background of the error notice.
 * @cssprop --gws-chat-error-text-color - Text colour of the error notice.
 */
export abstract class GwsInteractionElement extends LitElement {
  static override styles = chatStyles;

  /** The medium this element follows; set by each subclass. */
  static medium: MediumDescriptor;

  /** The CometD endpoint, e.g. `https://gws.example.com/api/v2/notifications`. */
  @property() url = '';

  /** The id of the interaction to follow. Changing it follows another interaction. */
  @property({ attribute: 'interaction-id' }) interactionId = '';

  /** Milliseconds after which a "typing" indicator without a stop is cleared. */
  @property({ attribute: 'typing-timeout', type: Number }) typingTimeout = DEFAULT_TYPING_TIMEOUT;

  /** Overrides of the texts the element shows (any subset of `GwsChatStrings`). */
  @property({ attribute: false }) strings: Partial<GwsChatStrings> = {};

  @query('[part="log"]') private logElement?: HTMLElement | null;
  @query('.entries') private entriesElement?: HTMLElement | null;

  /** @internal */
  protected readonly controller = new InteractionController(
    this,
    (this.constructor as typeof GwsInteractionElement).medium,
  );

  #history = new HistoryWindow(this, () => this.messages.length);
  #text: GwsChatStrings = DEFAULT_STRINGS;

  constructor() {
    super();
    new AutoscrollController(this, () => this.logElement, () => this.entriesElement);
  }

  /** The visible log, ordered by index. */
  get messages(): readonly ChatMessage[] {
    return this.controller.model.transcript.entries;
  }

  /** The participants of the interaction, as last reported by the server. */
  get participants(): readonly Participant[] {
    return this.controller.model.participants;
  }

  /** The interaction's state (`Chatting`, `Completed`, ...), or `null` before the server said. */
  get state(): InteractionState | null {
    return this.controller.model.state;
  }

  /** The operations the server allows now. */
  get capabilities(): readonly string[] {
    return this.controller.model.capabilities;
  }

  /** The interaction's user data. */
  get userData(): Readonly<Record<string, unknown>> {
    return this.controller.model.userData;
  }

  /** `connecting`, `connected`, `reconnecting` or `disconnected`. */
  get connectionState(): ConnectionState {
    return this.controller.connectionState;
  }

  /** Other participants typing now. */
  get typingParticipants(): readonly Participant[] {
    return this.controller.model.typing.typing;
  }

  /** Whether the chat has ended for the customer. */
  get ended(): boolean {
    return isEndedState(this.state);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('typingTimeout')) {
      const ms = Number.isFinite(this.typingTimeout) && this.typingTimeout > 0 ? this.typingTimeout : DEFAULT_TYPING_TIMEOUT;
      this.controller.model.typing.timeoutMs = ms;
    }
    if (changed.has('url') || changed.has('interactionId')) {
      this.controller.target(this.url.trim(), this.interactionId.trim());
    }
    if (changed.has('strings')) this.#text = { ...DEFAULT_STRINGS, ...this.strings };
  }

  /** The texts in use: defaults with the host's overrides. */
  protected get text(): GwsChatStrings {
    return this.#text;
  }

  protected override render() {
    const s = this.text;
    const locale = this.lang || undefined;
    const messages = this.messages;
    const error = this.controller.serverError;
    const typing = this.typingParticipants.map((p) => p.nickname || s.system);
    return html`
      <div part="status" class="status" role="status">${this.#statusText(s)}</div>
      ${error
        ? html`<div part="error" class="error" role="alert">
            <p>${error.message}</p>
            <button type="button" @click=${() => this.controller.dismissError()}>${s.dismiss}</button>
          </div>`
        : nothing}
      <div part="log" class="log" role="log" aria-label=${s.transcriptLabel} tabindex="0">
        ${messages.length === 0
          ? html`<p class="empty">${s.empty}</p>`
          : html`<div class="entries">${renderLog(messages, this.#history.from, s, locale)}</div>`}
      </div>
      <div part="typing" class="typing" aria-live="polite">${typing.length ? s.typing(typing) : ''}</div>
    `;
  }

  #statusText(s: GwsChatStrings): string {
    switch (this.connectionState) {
      case 'connecting':
        return s.connecting;
      case 'reconnecting':
        return s.reconnecting;
      case 'disconnected':
        return this.url && this.interactionId ? s.disconnected : '';
    }
    if (this.ended) return s.ended;
    if (this.state?.toLowerCase() === 'waitingforagent') return s.waitingForAgent;
    return '';
  }
}
