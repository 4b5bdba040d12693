import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { OutgoingMessage } from '../model/outbox.js';
import type { ChatMessage } from '../model/transcript.js';
import { DEFAULT_TYPING_TIMEOUT } from '../model/typing.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import type { InteractionState, Participant } from '../protocol/types.js';
import { chatStyles } from '../styles/chat-styles.js';
import type { ConnectionState } from '../transport/connection.js';
import { AutoscrollController } from './autoscroll-controller.js';
import { ClockController } from './clock-controller.js';
import { ComposerController } from './composer-controller.js';
import { renderOutgoing } from './composer-view.js';
import { InteractionController } from './interaction-controller.js';
import { OperationsController, type StartChatOptions } from './operations-controller.js';
import { SessionController } from './session-controller.js';
import { RECONNECTED_NOTICE, renderStatus } from './status-view.js';
import { HistoryWindow } from './history-window.js';
import { isolate, renderLog } from './message-view.js';
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
 * @fires gws-before-send - Cancelable, before every send. `detail.text` may be changed by a handler.
 * @fires gws-send - The server accepted a message of the customer's. `detail.text`.
 * @fires gws-chat-started - A chat requested with `startChat()` exists and is followed. `detail.interactionId`.
 *
 * @csspart status - The connection / chat-ended banner (`role="status"`): connecting,
 *   reconnecting (with the next attempt's countdown), offline, reconnected, waiting for an
 *   agent, ended.
 * @csspart reconnect-button - In the status banner while reconnecting: tries again at once.
 * @csspart error - The non-blocking notice of a server error, with its dismiss button.
 * @csspart log - The scrolling transcript (`role="log"`).
 * @csspart message - Every transcript entry.
 * @csspart message-text - A text message.
 * @csspart message-own - A text message the customer sent.
 * @csspart message-joined - A participant joined.
 * @csspart message-left - A participant left.
 * @csspart message-notice - A notice, nickname change or pushed URL.
 * @csspart message-sending - A message of the customer's on its way (shown at once, before the server's echo).
 * @csspart message-waiting - A message of the customer's queued while offline or behind an earlier one.
 * @csspart message-failed - A message that could not be sent, with its retry button (and the
 *   countdown to its automatic retry when the failure was the network's).
 * @csspart retry-button - Sends a failed message again.
 * @csspart typing - The "… is typing" line.
 * @csspart composer - The form with the input and the buttons.
 * @csspart input - The multi-line message input (Enter sends, Shift+Enter starts a new line).
 * @csspart send-button - Sends the draft.
 * @csspart end-button - Ends the chat, after a confirmation.
 * @csspart confirm - The "End this chat?" confirmation.
 * @csspart confirm-button - Confirms ending the chat.
 * @csspart cancel-button - Keeps chatting.
 * @csspart start-button - Starts a chat (shown when there is none and one can be started).
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

  /** Milliseconds after which a "typing" indicator without a stop is cleared (default 15 s). */
  @property({ attribute: 'typing-timeout', type: Number }) typingTimeout = DEFAULT_TYPING_TIMEOUT;

  /** The REST API root; by default `url` without its last path segment (`.../api/v2`). */
  @property({ attribute: 'api-url' }) apiUrl = '';

  /** Sent as the `ContactCenterId` header of every request, when set. */
  @property({ attribute: 'contact-center-id' }) contactCenterId = '';

  /** The customer's display name for `startChat()`. */
  @property() nickname = '';

  /** The subject for `startChat()`. */
  @property() subject = '';

  /** Longest message the customer may send, in characters. */
  @property({ attribute: 'max-length', type: Number }) maxLength = 4096;

  /** Hides the composer and the chat controls (a read-only transcript). */
  @property({ attribute: 'no-composer', type: Boolean }) noComposer = false;

  /** Overrides of the texts the element shows (any subset of `GwsChatStrings`). */
  @property({ attribute: false }) strings: Partial<GwsChatStrings> = {};

  @query('[part="log"]') private logElement?: HTMLElement | null;
  @query('.entries') private entriesElement?: HTMLElement | null;

  /** @internal */
  protected readonly controller = new InteractionController(
    this,
    (this.constructor as typeof GwsInteractionElement).medium,
  );

  /** @internal */
  protected readonly operations = new OperationsController(
    this,
    (this.constructor as typeof GwsInteractionElement).medium,
    this.controller,
  );

  #composer = new ComposerController(this, (this.constructor as typeof GwsInteractionElement).medium, this.operations, this.controller);
  #session = new SessionController(this, (this.constructor as typeof GwsInteractionElement).medium, this.controller);
  #history = new HistoryWindow(this, () => this.messages.length);
  #text: GwsChatStrings = DEFAULT_STRINGS;

  constructor() {
    super();
    new AutoscrollController(this, () => this.logElement, () => this.entriesElement);
    new ClockController(this, () => (this.connectionState === 'reconnecting' && this.controller.retryAt !== null)
      || this.pendingMessages.some((m) => m.retryAt !== null)
      || this.#justReconnected());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener('online', this.#onNetworkChange);
    globalThis.addEventListener('offline', this.#onNetworkChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener('online', this.#onNetworkChange);
    globalThis.removeEventListener('offline', this.#onNetworkChange);
  }

  readonly #onNetworkChange = () => this.requestUpdate();

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
    return this.controller.model.ended;
  }

  /** The customer's messages on their way or failed, not yet in the server's log. */
  get pendingMessages(): readonly OutgoingMessage[] {
    return this.operations.sender.outbox.items;
  }

  /**
   * Sends a message as the customer. Fires the cancelable `gws-before-send` first; shows
   * the message at once as sending; resolves when the server accepted it. Rejects with a
   * `GwsChatError` (`reason`: `empty`, `too-long`, `canceled`, `not-allowed`,
   * `no-interaction`, `server`, `transport`); a message that failed stays shown with a
   * retry action.
   */
  send(text: string): Promise<void> {
    return this.operations.send(text);
  }

  /** Ends the chat (`Complete`); resolves when the server accepted it. */
  endChat(): Promise<void> {
    return this.operations.endChat();
  }

  /**
   * Starts a chat (`RequestChat`) when the element follows none, then follows it.
   * Options default to the `nickname` and `subject` properties. Resolves with the new id.
   */
  startChat(options: StartChatOptions = {}): Promise<string> {
    return this.operations.startChat({ nickname: this.nickname, subject: this.subject, ...options });
  }

  /** @internal Follows a chat the element just started, and remembers it for a reload. */
  followStartedChat(id: string): void {
    this.#session.remember(id);
    this.resume(id);
  }

  /** @internal Follows an interaction (a started or a remembered one). */
  resume(id: string): void {
    this.interactionId = id;
    this.controller.target(this.url.trim(), id);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('typingTimeout')) {
      const ms = Number.isFinite(this.typingTimeout) && this.typingTimeout > 0 ? this.typingTimeout : DEFAULT_TYPING_TIMEOUT;
      this.controller.model.typing.timeoutMs = ms;
    }
    if (changed.has('url') || changed.has('interactionId')) {
      // A `url` set after the element was added may have a remembered chat to resume.
      if (changed.has('url') && !this.interactionId) this.#session.tryResume();
      this.controller.target(this.url.trim(), this.interactionId.trim());
    }
    if (changed.has('strings')) this.#text = { ...DEFAULT_STRINGS, ...this.strings };
  }

  #justReconnected(): boolean {
    const at = this.controller.reconnectedAt;
    return at !== null && Date.now() - at < RECONNECTED_NOTICE;
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
    const typing = this.typingParticipants.map((p) => isolate(p.nickname || s.system));
    return html`
      <div part="status" class="status" role="status">${renderStatus({
        connectionState: this.connectionState,
        retryAt: this.controller.retryAt,
        offline: globalThis.navigator?.onLine === false,
        following: Boolean(this.url && this.interactionId),
        ended: this.ended,
        starting: this.operations.busy === 'starting',
        waitingForAgent: this.state?.toLowerCase() === 'waitingforagent',
        justReconnected: this.#justReconnected(),
      }, s, () => this.controller.reconnectNow())}</div>
      ${error
        ? html`<div part="error" class="error" role="alert">
            <p>${error.message}</p>
            <button type="button" @click=${() => this.controller.dismissError()}>${s.dismiss}</button>
          </div>`
        : nothing}
      <div part="log" class="log" role="log" aria-label=${s.transcriptLabel} tabindex="0"
        aria-busy=${this.#history.from > 0 ? 'true' : 'false'}>
        ${messages.length === 0 && this.pendingMessages.length === 0
          ? html`<p class="empty">${s.empty}</p>`
          : html`<div class="entries">${renderLog(messages, this.#history.from, s, locale)}</div>`}
        ${renderOutgoing(this.pendingMessages, s, (key) => this.#composer.retry(key))}
      </div>
      <div part="typing" class="typing" aria-live="polite">${typing.length ? s.typing(typing) : ''}</div>
      ${this.noComposer ? nothing : this.#composer.render(s)}
    `;
  }
}
