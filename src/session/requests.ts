/**
 * The session's requests to GWS: reading the log, sending a message, `Complete`,
 * `RequestChat` and typing notifications, each with a deadline, retried through the one
 * retry helper when that is safe, and failing as a `GwsChatError` reported once.
 */
import type { Scheduler } from '../model/scheduler.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { isInteractionId } from '../protocol/parse.js';
import { apiRoot } from '../transport/api-root.js';
import { OperationError, RestClient, type OperationSender } from '../transport/rest.js';
import { requestFailure, Retry, RetryCanceled } from '../transport/retry.js';
import { GwsChatError } from './gws-chat-error.js';

/** Deadline of a typing notification (a courtesy: never retried). */
const TYPING_TIMEOUT = 5_000;
/** Attempts of `Complete` and `RequestChat`. */
const ATTEMPTS = 3;

/** Builds the client operations go through. */
export type SenderFactory = (options: { contactCenterId: string; csrfUrl: string }) => OperationSender;

/** What the requests need from the session. */
export interface RequestsContext {
  readonly medium: MediumDescriptor;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly senderFor?: SenderFactory;
  /** The endpoint as set now. */
  endpoint(): { readonly url: string; readonly apiUrl: string; readonly contactCenterId: string };
  /** The followed interaction's id. */
  interactionId(): string;
  /** The deadline of one request, ms. */
  timeout(): number;
  /** Reports a failure (`gws-error`). */
  report(error: GwsChatError): void;
}

export class SessionRequests {
  #client: { key: string; sender: OperationSender } | null = null;

  constructor(private readonly ctx: RequestsContext) {}

  /** The API root for the endpoint, or `''`. */
  get api(): string {
    const { url, apiUrl } = this.ctx.endpoint();
    return apiRoot(url, apiUrl);
  }

  /**
   * The resource of interaction `id`: `{api}{restPath}/{id}`, always under the API root the
   * host configured (a notification's `uri` only identifies an interaction: it never chooses
   * where requests go). Throws when no root is configured.
   */
  resource(id = this.ctx.interactionId()): string {
    const api = this.api;
    if (!api) throw new GwsChatError('No API root: set `url` (or `api-url`) to send requests to the chat server.', 'no-interaction');
    return `${api}${this.ctx.medium.restPath}/${encodeURIComponent(id)}`;
  }

  /** Reads the log from `from` on (`GET {resource}/messages?index=N`). */
  async readLog(from: number, signal: AbortSignal): Promise<unknown> {
    return this.#sender().get(`${this.resource()}/messages?index=${from}`, signal);
  }

  /** Reads the interaction's resource: its state, capabilities, participants (`GET {resource}`). */
  async readResource(signal: AbortSignal): Promise<unknown> {
    return this.#sender().get(this.resource(), signal);
  }

  /** Sends one message (one attempt; the delivery reports a failure, once per message). */
  sendMessage(text: string, signal: AbortSignal): Promise<unknown> {
    return this.#call(() => this.#operate('SendMessage', { text }, signal), false);
  }

  /**
   * Ends interaction `id` (taken when asked: a re-target meanwhile does not move it);
   * `Complete` may safely be repeated, so any transient failure is retried. `cancel`
   * stops the retries.
   */
  async complete(id: string, cancel?: AbortSignal): Promise<void> {
    const uri = this.resource(id);
    await this.#retried((signal) => this.#sender().post(uri, { operationName: 'Complete' }, signal), true, cancel);
  }

  /**
   * Requests a new chat; resolves with its id. A request that may have been taken is not
   * repeated: that could start two chats.
   */
  async requestChat(body: Readonly<Record<string, unknown>>, cancel?: AbortSignal): Promise<string> {
    const url = `${this.api}${this.ctx.medium.restPath}`;
    const result = await this.#retried((signal) => this.#sender().post(url, { operationName: 'RequestChat', ...body }, signal), false, cancel);
    const id = result['id'];
    if (!isInteractionId(id)) throw this.fail(new GwsChatError('The server started a chat but sent no usable id.', 'server'));
    return id;
  }

  /** Sends a typing notification (not retried, not reported: a courtesy). */
  typing(typing: boolean): void {
    const operation = typing ? 'SendStartTypingNotification' : 'SendStopTypingNotification';
    // The browser's own deadline: a "stopped typing" sent as the page or element goes
    // leaves no timer of ours behind.
    this.#operate(operation, {}, AbortSignal.timeout(TYPING_TIMEOUT)).catch(() => {});
  }

  /** Reports a failure once and returns it, to be thrown. */
  fail(error: GwsChatError): GwsChatError {
    this.ctx.report(error);
    return error;
  }

  /** A retried request's final failure, reported once, as a `GwsChatError`. */
  failure(e: unknown): unknown {
    if (e instanceof GwsChatError) return this.fail(e);
    const cause = requestFailure(e);
    return cause ? this.fail(chatError(cause)) : e;
  }

  async #retried<T>(request: (signal: AbortSignal) => Promise<T>, repeatable: boolean, cancel?: AbortSignal): Promise<T> {
    const retry = new Retry((signal) => this.#call(() => request(signal), false), {
      attempts: ATTEMPTS,
      timeout: this.ctx.timeout(),
      scheduler: this.ctx.scheduler,
      random: this.ctx.random,
      judge: (e) => retryVerdict(e, repeatable),
    });
    const stop = () => retry.cancel('Canceled: the session follows another interaction.');
    cancel?.addEventListener('abort', stop, { once: true });
    if (cancel?.aborted) stop();
    try {
      return await retry.promise;
    } catch (e) {
      if (e instanceof RetryCanceled) throw new GwsChatError(e.message, 'no-interaction');
      throw this.failure(e);
    } finally {
      cancel?.removeEventListener('abort', stop);
    }
  }

  async #operate(operationName: string, extra: Record<string, unknown>, signal: AbortSignal) {
    return this.#sender().post(this.resource(), { operationName, ...extra }, signal);
  }

  /** Runs a request, turning its failure into a `GwsChatError` (reported when `report`). */
  async #call<T>(request: () => Promise<T>, report: boolean): Promise<T> {
    try {
      return await request();
    } catch (e) {
      if (!(e instanceof OperationError)) throw e;
      // A request we canceled ourselves is nobody's failure.
      throw report && e.failure !== 'aborted' ? this.fail(chatError(e)) : chatError(e);
    }
  }

  #sender(): OperationSender {
    const { contactCenterId } = this.ctx.endpoint();
    const csrfUrl = `${this.api}/me`;
    const key = `${contactCenterId}\n${csrfUrl}`;
    if (this.#client?.key !== key) {
      const make = this.ctx.senderFor ?? ((o) => new RestClient(o));
      this.#client = { key, sender: make({ contactCenterId, csrfUrl }) };
    }
    return this.#client.sender;
  }
}

function chatError(e: OperationError): GwsChatError {
  return new GwsChatError(e.message, e.noAnswer ? 'transport' : 'server', e.transient, e);
}

/** Whether to try a failed request again: only when the server may not have taken it, unless it is safe to repeat. */
function retryVerdict(e: unknown, repeatable: boolean) {
  const cause = requestFailure(e);
  if (!cause || !cause.transient) return { retry: false } as const;
  if (cause.outcomeUnknown && !repeatable) return { retry: false } as const;
  return { retry: true, after: cause.retryAfter } as const;
}
