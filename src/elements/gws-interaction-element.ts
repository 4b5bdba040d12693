// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { OutgoingMessage } from '../model/outbox.js';
import type { ChatMessage } from '../model/transcript.js';
import { DEFAULT_TYPING_TIMEOUT } from '../model/typing.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import type { InteractionState, Participant } from '../protocol/types.js';
import { ChatSession, type ServerError } from '../session/chat-session.js';
import { chatStyles } from '../styles/chat-styles.js';
import type { ConnectionState } from '../transport/source.js';
import { MessageAnnouncer } from './announcer.js';
import { AutoscrollController } from './autoscroll-controller.js';
import { chatClock } from './clock-controller.js';
import { ComposerController } from './composer-controller.js';
import { renderChat } from './chat-view.js';
import { FocusKeeper } from './focus-keeper.js';
import { LogRenderer } from './log-renderer.js';
import { LanguageController } from './language-controller.js';
import { isolate } from '../model/text.js';
import { SessionAdapter } from './session-adapter.js';
import { RECONNECTED_NOTICE } from './status-view.js';
import { DEFAULT_STRINGS, type GwsChatStrings } from '../i18n/languages.js';

/** The error notice for each server error the session reports. */
const SERVER_ERROR_NOTICES = {
  server: 'serverError', 'not-found': 'chatNotFound', 'log-unreadable': 'logUnavailable',
} as const satisfies Record<ServerError['reason'], keyof GwsChatStrings>;

/** The colour schemes of the `theme` attribute. */
export type GwsChatTheme = 'light' | 'dark' | 'auto';

/**
 * The shared implementation of the interaction elements: a thin view over a `ChatSession`
 * (`el.session`). Subclasses name their medium (`static medium`).
 *
 * @fires gws-message - A new entry became visible in the log. `detail.message`; `detail.live` is `false` for history read from the server's log (a first read, a catch-up). One per entry, in log order, except that a notification of more than 200 messages is applied in parts, a task each: its newest 100 or so first, then older parts of 250; each part in log order.
 * @fires gws-typing - Another participant started or stopped typing. `detail.participant`, `detail.typing`.
 * @fires gws-state-change - The interaction's state changed. `detail.state`, `detail.previousState`.
 * @fires gws-participants-change - The participant list changed. `detail.participants`.
 * @fires gws-properties-change - The interaction's user data changed. `detail.userData`.
 * @fires gws-capabilities-change - The operations allowed now changed. `detail.capabilities`.
 * @fires gws-connection-change - The notification connection changed state. `detail.state`.
 * @fires gws-error - A `server`, `protocol` or `transport` error. `detail.kind`, `detail.message`.
 * @fires gws-before-send - Cancelable, before every send. `detail.text` may be changed by a handler.
 * @fires gws-send - The server accepted a message of the customer's. `detail.text`.
 *
 * @slot header - Content above the status banner and the log (a title, an agent's photo, a close button); the `header` part is hidden while it is empty.
 * @slot empty - Shown in the log before the first message, instead of the built-in "No messages yet." (part `empty`).
 * @slot composer-actions - Extra controls in the composer, after the Send button (an attachment or emoji button).
 *
 * @csspart header - The box around the `header` slot (hidden while the slot is empty).
 * @csspart status - The connection / chat-ended banner (`role="status"`): connecting,
 *   reconnecting (with the next attempt's countdown), the likely cause when a server on
 *   another origin does not answer (CORS), offline, reconnected, waiting for an agent, ended.
 * @csspart reconnect-button - In the status banner while reconnecting (or connecting to a server that
 *   does not answer, with the likely cause): tries again at once.
 * @csspart error - The non-blocking notice of a server error, with its dismiss button.
 * @csspart dismiss-button - Closes the error notice.
 * @csspart log - The scrolling transcript (`role="log"`, focusable to scroll by keyboard). Not a
 *   live region (`aria-live="off"`): new entries are announced once by the `announcer`.
 * @csspart new-messages-button - Shown while the reader looks at older messages and new ones
 *   arrived: says how many, and jumps to the first of them.
 * @csspart announcer - The visually hidden polite live region (`role="status"`) that speaks each
 *   new entry once ("Marat: Hello"); not the history, not the customer's own messages.
 * @csspart message - Every transcript entry.
 * @csspart message-text - A text message.
 * @csspart message-own - A text message the customer sent.
 * @csspart sender - The sender's name on a text message.
 * @csspart time - The time of an entry.
 * @csspart empty - The built-in text of an empty log ("No messages yet.").
 * @csspart note - The note under the composer: why it is disabled, or what is wrong with the draft.
 * @csspart typing-dots - The animated dots before the "… is typing" text (still with reduced motion).
 * @csspart message-joined - A participant joined.
 * @csspart message-left - A participant left.
 * @csspart message-notice - A notice, nickname change or pushed URL.
 * @csspart message-sending - A message of the customer's on its way (shown at once, before the server's echo).
 * @csspart message-waiting - A message of the customer's queued while offline or behind an earlier one.
 * @csspart message-failed - A message that could not be sent, with its retry button (and the
 *   countdown to its automatic retry when the failure was the network's).
 * @csspart retry-button - Sends a failed message again.
 * @csspart typing - The "… is typing" line (`role="status"`).
 * @csspart composer - The form with the input and the buttons.
 * @csspart input - The multi-line message input (Enter sends, Shift+Enter starts a new line).
 * @csspart send-button - Sends the draft.
 * @csspart end-button - Ends the chat, after a confirmation.
 * @csspart confirm - The "End this chat?" confirmation.
 * @csspart confirm-button - Confirms ending the chat.
 * @csspart cancel-button - Keeps chatting.
 *
 * @cssprop --gws-chat-font-family - Font of the whole element.
 * @cssprop --gws-chat-font-size - Base font size (default 0.9375rem).
 * @cssprop --gws-chat-line-height - Line height (default 1.4).
 * @cssprop --gws-chat-background - Background of the element.
 * @cssprop --gws-chat-text-color - Main text colour.
 * @cssprop --gws-chat-muted-color - Colour of system lines, times and typing.
 * @cssprop --gws-chat-border-color - Colour of the lines between the element's areas.
 * @cssprop --gws-chat-control-border-color - Edge of the input and the buttons (3:1 against the background by default, WCAG 1.4.11).
 * @cssprop --gws-chat-accent-color - Brand colour: the Send and Start buttons, the customer's bubbles, pending outlines.
 * @cssprop --gws-chat-accent-text-color - Text on the accent colour.
 * @cssprop --gws-chat-focus-ring-color - Keyboard focus outline.
 * @cssprop --gws-chat-bubble-background - Background of other participants' messages.
 * @cssprop --gws-chat-bubble-text-color - Text colour of other participants' messages.
 * @cssprop --gws-chat-own-bubble-background - Background of the customer's messages (default: the accent).
 * @cssprop --gws-chat-own-bubble-text-color - Text colour of the customer's messages (default: the accent text).
 * @cssprop --gws-chat-radius - Corner radius of the element, buttons and input.
 * @cssprop --gws-chat-bubble-radius - Corner radius of the message bubbles (default: the radius).
 * @cssprop --gws-chat-spacing - Base spacing; smaller and larger steps are derived from it.
 * @cssprop --gws-chat-shadow - Shadow of the element (default none).
 * @cssprop --gws-chat-status-background - Background of the status banner.
 * @cssprop --gws-chat-status-text-color - Text colour of the status banner.
 * @cssprop --gws-chat-error-background - Background of the error notice and failed messages.
 * @cssprop --gws-chat-error-text-color - Text colour of the error notice and failed messages.
 */
export abstract class GwsInteractionElement extends LitElement {
  static override styles = chatStyles;

  // The reactive properties, declared here rather than by decorators (which cost the
  // bundles their own code): each is documented on its field below.
  static override properties: PropertyDeclarations = {
    url: {},
    interactionId: { attribute: 'interaction-id' },
    typingTimeout: { attribute: 'typing-timeout', type: Number },
    apiUrl: { attribute: 'api-url' },
    contactCenterId: { attribute: 'contact-center-id' },
    maxLength: { attribute: 'max-length', type: Number },
    noComposer: { attribute: 'no-composer', type: Boolean },
    strings: { attribute: false },
    theme: { reflect: true },
    hasHeader: { state: true, attribute: false },
  };

  /** The medium this element follows; set by each subclass. */
  static medium: MediumDescriptor;

  /** The CometD endpoint, e.g. `https://gws.example.com/api/v2/notifications`. */
  url = '';

  /** The id of the interaction to follow. Changing it follows another interaction. */
  interactionId = '';

  /** Milliseconds after which a "typing" indicator without a stop is cleared (default 15 s). */
  typingTimeout = DEFAULT_TYPING_TIMEOUT;

  /** The REST API root; by default `url` without its last path segment (`.../api/v2`). */
  apiUrl = '';

  /** Sent as the `ContactCenterId` header of every request, when set. */
  contactCenterId = '';

  /** Longest message the customer may send, in characters. */
  maxLength = 4096;

  /** Hides the composer and the chat controls (a read-only transcript). */
  noComposer = false;

  /**
   * Overrides of the texts the element shows (any subset of `GwsChatStrings`), on top of
   * its language's. The language is the element's `lang`, else the nearest ancestor's, else
   * the document's, else the browser's (English until the language's file has arrived).
   */
  strings: Partial<GwsChatStrings> = {};

  /**
   * The colour scheme: `light`, `dark`, or `auto` (the default: the visitor's
   * `prefers-color-scheme`). Form controls inside follow it (`color-scheme`).
   */
  theme: GwsChatTheme = 'auto';

  /** Whether the host put something in the `header` slot (the header is hidden otherwise). */
  private hasHeader = false;

  private get logElement(): HTMLElement | null { return this.#find('[part="log"]'); }
  private get entriesElement(): HTMLElement | null { return this.#find('.entries'); }
  private get announcerElement(): HTMLElement | null { return this.#find('[part="announcer"]'); }

  /** Elements of the rendered view found before, by selector. */
  readonly #found = new Map<string, HTMLElement>();

  /**
   * An element of the rendered view, or `null` before the first render. The one found
   * before while it is on the page: the announcer comes after the log, and a query for it
   * walks every entry (a few each message).
   */
  #find(selector: string): HTMLElement | null {
    const known = this.#found.get(selector);
    if (known?.isConnected) return known;
    const el = this.renderRoot?.querySelector<HTMLElement>(selector) ?? null;
    if (el) this.#found.set(selector, el);
    return el;
  }

  /**
   * The engine under the element: follows the interaction, sends, keeps what is stored.
   * Hosts and frameworks may use it directly (see `ChatSession`).
   */
  readonly session: ChatSession = new ChatSession({
    medium: (this.constructor as typeof GwsInteractionElement).medium,
  });

  /** @internal */
  protected readonly composer = new ComposerController(this, this.session);
  #log = new LogRenderer(this, {
    container: () => this.entriesElement,
    transcript: () => this.session.transcript,
    strings: () => this.text,
    locale: () => this.#language.language.locale,
    keepPlace: (change) => this.#scroll.keepPlace(change),
  });
  readonly #scroll: AutoscrollController;
  #language = new LanguageController(this, () => this.strings);
  /** A failure of the element's own controls (start, end) to show until dismissed. */
  #notice: 'startFailed' | 'endFailed' | null = null;
  /** The `interactionId` the element took from its session (a resumed or started chat). */
  #mirroredId: string | null = null;

  constructor() {
    super();
    new SessionAdapter(this, this.session, () => {
      // The session followed a chat of its own accord (resumed or started): say so. That
      // id is the session's choice, not the host's: it is not handed back as a request.
      const id = this.session.interactionId;
      if (this.session.status.kind === 'starting' || id === this.interactionId) return;
      if (id) {
        this.#mirroredId = id;
        this.interactionId = id;
      } else if (this.interactionId === this.#mirroredId) {
        // It stopped following the chat it had chosen (another url): so does the element.
        this.#mirroredId = null;
        this.interactionId = '';
      }
    });
    this.#scroll = new AutoscrollController(this, {
      container: () => this.logElement,
      content: () => this.entriesElement,
      locate: (keys) => {
        const at = this.messages.findIndex((m) => keys.has(m.key));
        return at < 0 ? null : this.#log.element(at);
      },
    });
    // The composer's news: the customer's message is shown at the bottom (where they look
    // now); ending the chat failed, or succeeded after a failure.
    this.composer.addEventListener('queued', () => this.#scroll.toBottom());
    this.composer.addEventListener('end-failed', () => this.showNotice('endFailed'));
    this.composer.addEventListener('ended', () => this.showNotice(null));
    // Unread while the reader looks at older messages: what others wrote. An older part of a
    // long history (added above newer entries, in later tasks) is not news: not spoken, and
    // unread only when the newer ones were (the reader was away when it came).
    let last = -1;
    let older = false;
    /** Whether the reader was away when the long history came (a live entry while it fills does not change it). */
    let away = false;
    this.session.addEventListener('gws-message', ({ detail: { message } }) => {
      const { filling } = this.session.transcript;
      older = filling && message.index < last;
      if (!older) last = message.index;
      if (!filling) away = !this.#scroll.pinned;
      if (!message.own && (!older || away)) this.#scroll.arrived(message.key);
      else if (older) this.#scroll.insertedAbove();
    });
    new MessageAnnouncer(this, this.session, { region: () => this.announcerElement, strings: () => this.text, older: () => older });
    new FocusKeeper(this, () => this.logElement);
    chatClock(this, {
      countdowns: () => this.#countdowns(),
      expiries: () => {
        const at = this.session.reconnectedAt;
        return at === null ? [] : [at + RECONNECTED_NOTICE];
      },
    });
  }

  override connectedCallback(): void {
    this.syncSession();
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
  get messages(): readonly ChatMessage[] { return this.session.messages; }

  /** The participants of the interaction, as last reported by the server. */
  get participants(): readonly Participant[] { return this.session.participants; }

  /** The interaction's state (`Chatting`, `Completed`, ...), or `null` before the server said. */
  get state(): InteractionState | null { return this.session.state; }

  /** The operations the server allows now. */
  get capabilities(): readonly string[] { return this.session.capabilities; }

  /** The interaction's user data. */
  get userData(): Readonly<Record<string, unknown>> { return this.session.userData; }

  /** `connecting`, `connected`, `reconnecting` or `disconnected`. */
  get connectionState(): ConnectionState { return this.session.connectionState; }

  /** Other participants typing now. */
  get typingParticipants(): readonly Participant[] { return this.session.typingParticipants; }

  /** Whether the chat has ended for the customer. */
  get ended(): boolean { return this.session.ended; }

  /** The customer's messages on their way or failed, not yet in the server's log. */
  get pendingMessages(): readonly OutgoingMessage[] { return this.session.pendingMessages; }

  /**
   * Sends a message as the customer. Fires the cancelable `gws-before-send` first; shows
   * the message at once as sending; resolves when the server accepted it. Rejects with a
   * `GwsChatError` (`reason`: `empty`, `too-long`, `canceled`, `not-allowed`,
   * `no-interaction`, `server`, `transport`); a message that failed stays shown with a
   * retry action.
   */
  send(text: string): Promise<void> {
    this.syncSession();
    const before = this.pendingMessages.length;
    const sending = this.session.send(text);
    // The customer's own message is shown at the bottom: that is where they look now.
    if (this.pendingMessages.length > before) this.#scroll.toBottom();
    return sending;
  }

  /** Ends the chat (`Complete`); resolves when the server accepted it. */
  endChat(): Promise<void> {
    this.syncSession();
    return this.session.endChat();
  }

  /** @internal Shows a failure of the element's own controls until dismissed (`null` clears it). */
  showNotice(notice: 'startFailed' | 'endFailed' | null): void {
    this.#notice = notice;
    this.requestUpdate();
  }

  /** @internal Passes the element's settings to its session (at once, not only at the next render). */
  protected syncSession(): void {
    const ms = Number.isFinite(this.typingTimeout) && this.typingTimeout > 0 ? this.typingTimeout : DEFAULT_TYPING_TIMEOUT;
    this.session.configure({
      url: this.url,
      interactionId: this.interactionId === this.#mirroredId ? '' : this.interactionId,
      apiUrl: this.apiUrl,
      contactCenterId: this.contactCenterId,
      typingTimeout: ms,
      maxLength: this.maxLength,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.syncSession();
    if (changed.has('interactionId') || changed.has('url')) {
      this.#notice = null;
      // Another chat: nothing of it is unread yet, and it is shown from its newest entry.
      this.#scroll.toBottom();
    }
  }

  /** The moments the countdowns on screen count down to (epoch ms). */
  #countdowns(): number[] {
    const at: number[] = [];
    const retrying = this.connectionState === 'reconnecting' || this.session.connectionProblem !== null;
    if (retrying && this.session.retryAt !== null) at.push(this.session.retryAt);
    for (const { delivery: d } of this.pendingMessages) if (d.state === 'retrying') at.push(d.at);
    return at;
  }

  #justReconnected(): boolean {
    const at = this.session.reconnectedAt;
    return at !== null && Date.now() - at < RECONNECTED_NOTICE;
  }

  /** The texts in use: the language's with the host's overrides. */
  protected get text(): GwsChatStrings { return this.#language.text; }

  /** @internal The start control, for media that can start an interaction. */
  protected renderStart(_s: GwsChatStrings): unknown {
    return nothing;
  }

  protected override render() {
    const s = this.text;
    const { locale, direction } = this.#language.language;
    const session = this.session;
    const error = session.serverError;
    const start = this.noComposer || this.interactionId ? nothing : this.renderStart(s);
    return renderChat({
      s,
      locale,
      // A right-to-left language lays the content out from the right, unless the host set
      // `dir`; not while its texts are English (not shipped, still loading, or failed to load).
      rtl: direction === 'rtl' && this.#language.table !== DEFAULT_STRINGS && !this.hasAttribute('dir'),
      hasHeader: this.hasHeader,
      headerChanged: (has) => { this.hasHeader = has; },
      status: {
        connectionState: this.connectionState,
        retryAt: session.retryAt,
        problem: session.connectionProblem,
        offline: globalThis.navigator?.onLine === false,
        following: Boolean(this.url && this.interactionId),
        ended: this.ended,
        starting: session.busy === 'starting',
        waitingForAgent: this.state === 'WaitingForAgent',
        justReconnected: this.#justReconnected(),
      },
      reconnectNow: () => session.reconnectNow(),
      notice: this.#notice ? s[this.#notice] : error ? s[SERVER_ERROR_NOTICES[error.reason]] : null,
      dismissNotice: () => {
        this.#notice = null;
        session.dismissError();
        this.requestUpdate();
      },
      messages: this.messages,
      pending: this.pendingMessages,
      filling: session.transcript.filling,
      retry: this.ended ? null : (key) => this.composer.retry(key),
      unread: this.#scroll.unread,
      jumpToUnread: () => this.#scroll.jumpToUnread(),
      typing: this.typingParticipants.map((p) => isolate(p.nickname || s.system)),
      controls: this.noComposer ? nothing : start !== nothing ? start : this.composer.render(s),
    });
  }
}
