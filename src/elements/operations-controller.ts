import type { ReactiveController } from 'lit';
import type { GwsEventDetails } from '../events.js';
import { TypingNotifier } from '../model/typing-notifier.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { isInteractionId } from '../protocol/parse.js';
import { apiRoot } from '../transport/api-root.js';
import { OperationError, RestClient, type OperationSender } from '../transport/rest.js';
import { GwsChatError } from './gws-chat-error.js';
import type { InteractionController, InteractionHost } from './interaction-controller.js';
import { OutboxSender } from './outbox-sender.js';

/** What a customer may ask for when starting a chat. */
export interface StartChatOptions {
  /** The customer's display name. */
  readonly nickname?: string;
  /** What the chat is about. */
  readonly subject?: string;
  /** Data attached to the new interaction. */
  readonly userData?: Readonly<Record<string, unknown>>;
}

/** Whether a failed request may succeed if simply tried again later. */
function transient(e: OperationError): boolean {
  if (e.failure === 'network') return true;
  return e.failure === 'http' && (e.httpStatus === 408 || e.httpStatus === 429 || (e.httpStatus ?? 0) >= 500);
}

/** The element side the operations need. */
export interface OperationsHost extends InteractionHost {
  readonly url: string;
  readonly apiUrl: string;
  readonly interactionId: string;
  readonly contactCenterId: string;
  readonly maxLength: number;
  /** Follows a chat the element just started. */
  followStartedChat(id: string): void;
}

const codePoints = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/**
 * The customer's side of the conversation: sending (with an optimistic entry matched to
 * the server's echo), typing notifications, ending and starting a chat, over GWS REST.
 */
export class OperationsController implements ReactiveController {
  readonly sender: OutboxSender;
  readonly typing: TypingNotifier;
  /** An operation that changes the whole chat (`start`, `end`) is under way. */
  busy: 'starting' | 'ending' | null = null;
  #client: { key: string; sender: OperationSender } | null = null;

  constructor(
    private readonly host: OperationsHost,
    private readonly medium: MediumDescriptor,
    private readonly interaction: InteractionController,
    private readonly senderFor: (options: { contactCenterId: string; csrfUrl: string }) => OperationSender =
      (o) => new RestClient(o),
  ) {
    this.typing = new TypingNotifier((typing) => this.#notifyTyping(typing));
    host.addController(this);
    interaction.history = (from) => this.#sender().get(`${this.#resourceUri()}/messages?index=${from}`);
    interaction.listeners.retarget.push(() => this.typing.reset());
    this.sender = new OutboxSender(
      host,
      interaction,
      (text) => this.#operate('SendMessage', { text }),
      (text) => this.#emit('gws-send', { text }),
    );
  }

  hostDisconnected(): void {
    this.typing.stop();
  }

  /** Whether the server allows an operation now. */
  can(operation: string): boolean {
    return this.interaction.model.capabilities.includes(operation);
  }

  /** Why the customer cannot send now, or `null` when they can. */
  get sendBlocked(): 'no-interaction' | 'ended' | 'not-allowed' | 'pending' | null {
    const model = this.interaction.model;
    if (!this.host.interactionId) return 'no-interaction';
    if (model.ended) return 'ended';
    if (model.state === null) return 'pending';
    return this.can('SendMessage') ? null : 'not-allowed';
  }

  /** Validates a draft: `null` when it may be sent, else the reason. */
  validate(text: string): GwsChatError | null {
    if (!text.trim()) return new GwsChatError('The message is empty.', 'empty');
    const length = codePoints(text);
    if (length > this.host.maxLength) {
      return new GwsChatError(
        `The message is too long: ${length.toLocaleString()} characters, at most ${this.host.maxLength.toLocaleString()}.`,
        'too-long',
      );
    }
    return null;
  }

  /** Sends a message; resolves once the server accepted it. */
  async send(draft: string): Promise<void> {
    this.#follow();
    const invalid = this.validate(draft);
    if (invalid) throw invalid;
    const blocked = this.sendBlocked;
    if (blocked) {
      throw new GwsChatError(this.#blockedMessage(blocked), blocked === 'no-interaction' ? 'no-interaction' : 'not-allowed');
    }
    const before = new CustomEvent<GwsEventDetails['gws-before-send']>('gws-before-send', {
      detail: { text: draft }, bubbles: true, composed: true, cancelable: true,
    });
    if (!this.host.dispatchEvent(before)) throw new GwsChatError('Sending was canceled by the page.', 'canceled');
    const text = String(before.detail.text);
    const stillInvalid = this.validate(text);
    if (stillInvalid) throw stillInvalid;
    this.typing.stop();
    return this.sender.enqueue(text);
  }

  /** Ends the chat (`Complete`). */
  async endChat(): Promise<void> {
    this.#follow();
    if (!this.host.interactionId) throw new GwsChatError('There is no chat to end.', 'no-interaction');
    if (this.interaction.model.ended) return;
    if (this.busy) throw new GwsChatError('Another operation is under way.', 'busy');
    this.busy = 'ending';
    this.host.requestUpdate();
    try {
      this.typing.stop();
      await this.#operate('Complete');
    } finally {
      this.busy = null;
      this.host.requestUpdate();
    }
  }

  /** Requests a new chat (`RequestChat`) and follows it; resolves with its id. */
  async startChat(options: StartChatOptions): Promise<string> {
    if (!this.medium.canStart) throw new GwsChatError(`A ${this.medium.name} cannot be started from here.`, 'not-allowed');
    if (this.host.interactionId && !this.interaction.model.ended) {
      throw new GwsChatError('This element already follows a chat.', 'busy');
    }
    if (this.busy) throw new GwsChatError('Another operation is under way.', 'busy');
    const api = apiRoot(this.host.url, this.host.apiUrl);
    if (!api) throw new GwsChatError('Set `url` (or `api-url`) before starting a chat.', 'no-interaction');
    this.busy = 'starting';
    this.host.requestUpdate();
    try {
      // Listen before asking, so the new chat's first notifications are not missed.
      try {
        await this.interaction.expectNewInteraction(this.host.url.trim());
      } catch (e) {
        throw this.#fail(new GwsChatError(e instanceof Error ? e.message : String(e), 'transport'));
      }
      const body: Record<string, unknown> = { operationName: 'RequestChat', nickname: options.nickname?.trim() || 'Customer' };
      if (options.subject) body['subject'] = options.subject;
      if (options.userData) body['userData'] = options.userData;
      const result = await this.#call(() => this.#sender().post(`${api}${this.medium.restPath}`, body));
      const id = result['id'];
      if (!isInteractionId(id)) {
        throw this.#fail(new GwsChatError('The server started a chat but sent no usable id.', 'server'));
      }
      this.host.followStartedChat(id);
      this.#emit('gws-chat-started', { interactionId: id });
      return id;
    } finally {
      this.busy = null;
      this.host.requestUpdate();
    }
  }

  /**
   * Makes sure the controller follows what the element says now (an `interaction-id` set
   * just before a call is otherwise applied only at the next render).
   */
  #follow(): void {
    if (this.busy !== 'starting') this.interaction.target(this.host.url.trim(), this.host.interactionId.trim());
  }

  /** The customer edited the draft. */
  draftChanged(draft: string): void {
    if (this.sendBlocked) return;
    this.typing.input(draft.trim() === '');
  }

  #blockedMessage(blocked: string): string {
    switch (blocked) {
      case 'no-interaction':
        return 'There is no chat to send to.';
      case 'ended':
        return 'This chat has ended.';
      default:
        return 'The server does not allow sending messages now.';
    }
  }

  #notifyTyping(typing: boolean): void {
    const operation = typing ? 'SendStartTypingNotification' : 'SendStopTypingNotification';
    if (!this.can(operation) || !this.host.interactionId) return;
    this.#operate(operation).catch(() => {
      // Typing notifications are a courtesy: a failure is reported as an event, not retried.
    });
  }

  #resourceUri(): string {
    const known = this.interaction.model.uri;
    if (known) return known;
    return `${apiRoot(this.host.url, this.host.apiUrl)}${this.medium.restPath}/${encodeURIComponent(this.host.interactionId)}`;
  }

  #operate(operationName: string, extra: Record<string, unknown> = {}) {
    const uri = this.#resourceUri();
    return this.#call(() => this.#sender().post(uri, { operationName, ...extra }));
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (e instanceof OperationError) {
        throw this.#fail(new GwsChatError(e.message, e.failure === 'network' ? 'transport' : 'server', transient(e)));
      }
      throw e;
    }
  }

  #fail(error: GwsChatError): GwsChatError {
    this.#emit('gws-error', { kind: error.reason === 'transport' ? 'transport' : 'server', message: error.message });
    return error;
  }

  #sender(): OperationSender {
    const contactCenterId = this.host.contactCenterId;
    const csrfUrl = `${apiRoot(this.host.url, this.host.apiUrl)}/me`;
    const key = `${contactCenterId}\n${csrfUrl}`;
    if (this.#client?.key !== key) this.#client = { key, sender: this.senderFor({ contactCenterId, csrfUrl }) };
    return this.#client.sender;
  }

  #emit<K extends keyof GwsEventDetails>(type: K, detail: GwsEventDetails[K]): void {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
