import type { ReactiveController } from 'lit';
import type { GwsEventDetails } from '../events.js';
import { Outbox, type StoredOutgoing } from '../model/outbox.js';
import type { ChatMessage } from '../model/transcript.js';
import { TypingNotifier } from '../model/typing-notifier.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { reconnectDelay } from '../transport/backoff.js';
import { OperationError, RestClient, type OperationSender } from '../transport/rest.js';
import { load, outboxKey, save } from '../transport/session-store.js';
import type { InteractionController, InteractionHost } from './interaction-controller.js';

/** What a customer may ask for when starting a chat. */
export interface StartChatOptions {
  /** The customer's display name. */
  readonly nickname?: string;
  /** What the chat is about. */
  readonly subject?: string;
  /** Data attached to the new interaction. */
  readonly userData?: Readonly<Record<string, unknown>>;
}

/** Why a `send`, `endChat` or `startChat` call was refused or failed. */
export class GwsChatError extends Error {
  override readonly name = 'GwsChatError';
  constructor(
    message: string,
    /** `empty`, `too-long`, `canceled`, `not-allowed`, `no-interaction`, `busy`, or `server`/`transport`. */
    readonly reason: 'empty' | 'too-long' | 'canceled' | 'not-allowed' | 'no-interaction' | 'busy' | 'server' | 'transport',
    /** Whether trying again later may succeed (network failures, HTTP 408, 429, 5xx). */
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Automatic attempts for a message that failed on the way (network, 5xx) before giving up. */
const AUTO_RETRIES = 5;

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

/** The API root: `api-url`, or `url` without its last path segment (`notifications`). */
export function apiRoot(url: string, apiUrl: string): string {
  const base = globalThis.location?.href;
  try {
    const explicit = apiUrl.trim();
    // Nothing set is no root (not the page's own origin): callers test for ''.
    if (!explicit && !url.trim()) return '';
    const u = new URL(explicit || url, base);
    if (!explicit) u.pathname = u.pathname.replace(/\/+$/, '').replace(/\/[^/]*$/, '');
    // Paths are appended to the root: a query or hash must not stay in it.
    u.search = '';
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return '';
  }
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
  readonly outbox = new Outbox();
  readonly typing: TypingNotifier;
  /** An operation that changes the whole chat (`start`, `end`) is under way. */
  busy: 'starting' | 'ending' | null = null;
  #client: { key: string; sender: OperationSender } | null = null;
  /** Callers of `send()` waiting for their message to be accepted (or given up). */
  readonly #waiters = new Map<string, { resolve: () => void; reject: (e: GwsChatError) => void }>();
  readonly #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #pumping = false;

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
    interaction.listeners.entry.push((entry) => this.#onEntry(entry));
    interaction.listeners.connected.push(() => this.#pump());
    interaction.listeners.retarget.push((id) => this.#restoreOutbox(id));
  }

  hostConnected(): void {
    this.#pump();
  }

  hostDisconnected(): void {
    this.typing.stop();
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    // Unsent messages stay stored; an element put back on the page picks them up.
    for (const item of this.outbox.items) {
      if (item.status === 'failed' && item.retryAt !== null) this.outbox.update(item.key, { status: 'waiting', retryAt: null });
    }
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
    const item = this.outbox.add(text, this.interaction.model.transcript.highestIndex);
    const accepted = this.#waitFor(item.key);
    this.#outboxChanged();
    this.#pump();
    return accepted;
  }

  /** Sends a failed message again now; resolves when the server accepted it. */
  retry(key: string): Promise<void> {
    const item = this.outbox.get(key);
    if (!item || item.status !== 'failed') return Promise.resolve();
    clearTimeout(this.#retryTimers.get(key));
    this.#retryTimers.delete(key);
    this.outbox.update(key, { status: 'waiting', error: null, retryAt: null, attempts: 0 });
    const accepted = this.#waitFor(key);
    this.#outboxChanged();
    this.#pump();
    return accepted;
  }

  #waitFor(key: string): Promise<void> {
    return new Promise((resolve, reject) => this.#waiters.set(key, { resolve, reject }));
  }

  #settle(key: string, error?: GwsChatError): void {
    const waiter = this.#waiters.get(key);
    this.#waiters.delete(key);
    if (error) waiter?.reject(error);
    else waiter?.resolve();
  }

  /**
   * Sends queued messages one at a time, in order, while connected. A message that fails
   * on the way is retried with backoff (`AUTO_RETRIES` times); one the server refuses
   * stays failed until the customer retries it.
   */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        if (!this.host.isConnected || this.interaction.connectionState !== 'connected') return;
        if (!this.host.interactionId || this.interaction.model.ended) return;
        const item = this.outbox.next();
        if (!item) return;
        this.outbox.update(item.key, { status: 'sending', error: null, retryAt: null });
        this.#outboxChanged();
        const interactionId = this.host.interactionId;
        try {
          await this.#operate('SendMessage', { text: item.text });
        } catch (e) {
          if (this.host.interactionId !== interactionId) return;
          this.#failed(item.key, e);
          continue;
        }
        if (this.host.interactionId !== interactionId) return;
        // Its echo may have arrived first and taken it out of the outbox already.
        this.outbox.update(item.key, { accepted: true });
        this.#outboxChanged();
        this.#settle(item.key);
        this.#emit('gws-send', { text: item.text });
      }
    } finally {
      this.#pumping = false;
    }
  }

  #failed(key: string, e: unknown): void {
    const current = this.outbox.get(key);
    if (!current) return;
    const attempts = current.attempts + 1;
    const error = e instanceof Error ? e.message : String(e);
    if (e instanceof GwsChatError && e.retryable && attempts <= AUTO_RETRIES) {
      const delay = reconnectDelay(attempts);
      this.outbox.update(key, { status: 'failed', error, attempts, retryAt: Date.now() + delay });
      this.#retryTimers.set(key, setTimeout(() => {
        this.#retryTimers.delete(key);
        this.outbox.update(key, { status: 'waiting', retryAt: null });
        this.#outboxChanged();
        this.#pump();
      }, delay));
    } else {
      this.outbox.update(key, { status: 'failed', error, attempts, retryAt: null });
      this.#settle(key, e instanceof GwsChatError ? e : new GwsChatError(error, 'server'));
    }
    this.#outboxChanged();
  }

  #restoreOutbox(interactionId: string): void {
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    for (const key of this.#waiters.keys()) {
      this.#settle(key, new GwsChatError('The element now follows another interaction.', 'no-interaction'));
    }
    this.typing.reset();
    const stored = interactionId ? load(outboxKey(this.host.url, interactionId)) : undefined;
    const valid = Array.isArray(stored)
      ? stored.filter((s): s is StoredOutgoing => typeof s === 'object' && s !== null && typeof s.text === 'string'
        && typeof s.accepted === 'boolean' && typeof s.afterIndex === 'number' && typeof s.time === 'number')
      : [];
    this.outbox.restore(valid);
    this.host.requestUpdate();
  }

  /** Re-renders and stores the outbox so a reload does not lose it. */
  #outboxChanged(): void {
    this.host.requestUpdate();
    const id = this.host.interactionId;
    if (!id) return;
    const stored = this.outbox.toStored();
    save(outboxKey(this.host.url, id), stored.length ? stored : undefined);
  }

  /** Ends the chat (`Complete`). */
  async endChat(): Promise<void> {
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
        await this.interaction.expectNewInteraction();
      } catch (e) {
        throw this.#fail(new GwsChatError(e instanceof Error ? e.message : String(e), 'transport'));
      }
      const body: Record<string, unknown> = { operationName: 'RequestChat', nickname: options.nickname?.trim() || 'Customer' };
      if (options.subject) body['subject'] = options.subject;
      if (options.userData) body['userData'] = options.userData;
      const result = await this.#call(() => this.#sender().post(`${api}${this.medium.restPath}`, body));
      const id = result['id'];
      if (typeof id !== 'string' || !/^[\w.-]{1,128}$/.test(id)) {
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

  #onEntry(entry: ChatMessage): void {
    const matched = this.outbox.matchEcho(entry);
    if (!matched) return;
    // The echo proves the server has it, even if its answer was lost on the way.
    clearTimeout(this.#retryTimers.get(matched.key));
    this.#retryTimers.delete(matched.key);
    this.#settle(matched.key);
    this.#outboxChanged();
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
