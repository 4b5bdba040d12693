/**
 * The engine under the elements: follows one interaction on the shared connection, keeps
 * its model, catches up, delivers the customer's messages, sends typing notifications,
 * runs the REST operations, and keeps what must survive a reload. Plain TypeScript, an
 * `EventTarget`, usable with no element at all.
 */
import type { GwsEventDetails, GwsEventMap } from '../events.js';
import { InteractionModel, type InteractionChange } from '../model/interaction.js';
import type { OutgoingMessage } from '../model/outbox.js';
import type { ChatMessage, TranscriptView } from '../model/transcript.js';
import { DEFAULT_TYPING_TIMEOUT } from '../model/typing.js';
import { globalScheduler, increasingClock, type Scheduler } from '../model/scheduler.js';
import { TypingNotifier } from '../model/typing-notifier.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import type { InteractionState, Participant } from '../protocol/types.js';
import type { ConnectionState, NotificationSource } from '../transport/source.js';
import type { ConnectionProblem } from '../transport/cross-origin.js';
import { tabConnection } from '../transport/tab-connection.js';
import { CatchUp, type CatchUpStatus } from './catch-up.js';
import { OutboxDelivery } from './delivery.js';
import { blockedError, checkDraft, sendBlock, textToSend } from './draft.js';
import { startChatOnce } from './chat-start.js';
import { ConnectionWait } from './connection-wait.js';
import { GwsChatError } from './gws-chat-error.js';
import { eventOfChange } from './change-events.js';
import { Inbound, type LogRead, type StateRead } from './inbound.js';
import { SessionRequests } from './requests.js';
import { Subscription } from './subscription.js';
import { applyStoredState, ChatMemory, forgetChat, newId, rememberedChat } from './chat-memory.js';
import {
  mediumOf, type ChatSessionOptions, type ServerError, type SessionStatus, type StartChatOptions,
} from './session-types.js';

export type { ChatSessionOptions, ServerError, SessionStatus, StartChatOptions } from './session-types.js';

/**
 * What the session follows, in one fact (whether a followed chat has ended is the
 * model's): nothing; a chat being started (what was followed before, and the notifications
 * that came before its id, applied once it is known); or one chat, maybe being ended.
 */
type Target =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting'; readonly previous: Target; readonly early: unknown[] }
  | { readonly kind: 'following'; readonly interactionId: string; readonly ending?: boolean };

/** Most notifications kept while waiting for a new chat's id. */
const MAX_BUFFERED = 500;
/** Default deadline of every request. */
const OPERATION_TIMEOUT = 15_000;

/** `ms` when it is a positive number of milliseconds, else `fallback`. */
const positive = (ms: number, fallback: number) => (Number.isFinite(ms) && ms > 0 ? ms : fallback);

/** The events a `ChatSession` fires: the elements' `gws-*` events, and `change`. */
export interface ChatSessionEventMap extends GwsEventMap {
  /** Anything shown may have changed (messages, pending messages, state, connection, ...). */
  change: Event;
}

// Typed listeners (declaration merging with the class below).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ChatSession {
  addEventListener<K extends keyof ChatSessionEventMap>(
    type: K, listener: (this: ChatSession, event: ChatSessionEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ChatSessionEventMap>(
    type: K, listener: (this: ChatSession, event: ChatSessionEventMap[K]) => unknown, options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * Follows one GWS interaction for the customer. Fires the same `gws-*` events, with the
 * same `detail`, as the elements (which re-dispatch them), plus a plain `change` event
 * whenever anything shown may have changed.
 *
 * ```js
 * const session = new ChatSession({ url: '/api/v2/notifications', interactionId: id });
 * session.addEventListener('gws-message', (e) => console.log(e.detail.message.text));
 * session.connect();
 * await session.send('Hello');
 * ```
 */
export class ChatSession extends EventTarget {
  /** The medium followed. */
  readonly medium: MediumDescriptor;
  /** The interaction's model (transcript, participants, state, typing). */
  readonly #model: InteractionModel;

  #url = '';
  #apiUrl = '';
  #contactCenterId = '';
  #maxLength = 4096;
  #requestTimeout = OPERATION_TIMEOUT;
  /** The `interactionId` asked for (empty: the remembered chat, if any). */
  #asked = '';
  #target: Target = { kind: 'idle' };
  /** Whether the owner wants notifications (`connect()` called, `disconnect()` not). */
  #wanted = false;
  #connection: { state: ConnectionState; retryAt: number | null; problem: ConnectionProblem | null } = {
    state: 'disconnected', retryAt: null, problem: null,
  };
  #reconnectedAt: number | null = null;
  #serverError: ServerError | null = null;
  /** The topic's subscription: what an old one hears late is ignored. */
  readonly #subscription = new Subscription({
    notification: (raw) => this.#onNotification(raw),
    state: (state, retryAt, problem) => this.#setConnection(state, retryAt, problem),
    error: (message) => this.#emit('gws-error', { kind: 'transport', message }),
  });
  /** Aborted when another interaction is followed: what was asked for the old one stops. */
  #targetAbort = new AbortController();
  /** Restoring stored entries: they fire no `gws-message`. */
  #silent = false;
  readonly #id = newId();
  readonly #scheduler: Scheduler;
  readonly #random: () => number;
  readonly #sourceFor: (url: string) => NotificationSource;
  readonly #requests: SessionRequests;
  readonly #catchUp: CatchUp;
  /** What the server says about the followed chat, checked and applied to the model. */
  readonly #inbound: Inbound;
  readonly #delivery: OutboxDelivery;
  readonly #typing: TypingNotifier;
  readonly #memory: ChatMemory;
  /** A chat's start waits for the connection (it listens before it asks). */
  readonly #connected: ConnectionWait;

  constructor(options: ChatSessionOptions = {}) {
    super();
    this.medium = mediumOf(options.medium);
    this.#scheduler = options.scheduler ?? globalScheduler;
    this.#random = options.random ?? Math.random;
    this.#sourceFor = options.source ?? tabConnection;
    this.#requests = new SessionRequests({
      medium: this.medium,
      scheduler: this.#scheduler,
      random: this.#random,
      ...(options.sender ? { senderFor: options.sender } : {}),
      endpoint: () => ({ url: this.#url, apiUrl: this.#apiUrl, contactCenterId: this.#contactCenterId }),
      interactionId: () => this.interactionId,
      timeout: () => this.#requestTimeout,
      report: (error) => this.#emit('gws-error', { kind: error.reason === 'transport' ? 'transport' : 'server', message: error.message }),
    });
    this.#model = new InteractionModel((change) => this.#onModelChange(change), DEFAULT_TYPING_TIMEOUT, this.#scheduler);
    // One strictly increasing clock for "did this catch-up start after that failure?".
    const timing = { scheduler: this.#scheduler, random: this.#random, timeout: () => this.#requestTimeout, now: increasingClock() };
    const inbound = new Inbound(this.medium, this.#model, this.#requests, this.#scheduler);
    this.#inbound = inbound;
    inbound.addEventListener('problem', ({ detail: message }) => this.#emit('gws-error', { kind: 'protocol', message }));
    inbound.addEventListener('filled', () => this.#changed());
    this.#catchUp = new CatchUp({
      fetch: (from, signal) => inbound.readLog(this.interactionId, from, signal),
      merge: async (answer, startedAt) => {
        const merged = await inbound.mergeLog(answer as LogRead, () => this.interactionId);
        if (merged === 'pruned') this.#modelChanged();
        if (merged !== 'stale') this.#delivery.caughtUp(startedAt);
      },
      readState: (signal) => inbound.readState(this.interactionId, signal),
      stateRead: (answer) => inbound.applyState(answer as StateRead, this.interactionId),
    }, timing);
    this.#catchUp.addEventListener('change', () => this.#changed());
    this.#catchUp.addEventListener('failed', ({ detail: { message, reason } }) => {
      this.#emit('gws-error', { kind: 'server', message });
      this.#delivery.catchUpFailed(message);
      const id = this.interactionId;
      if (reason === 'not-found' && !this.#asked && id && this.#target.kind === 'following') {
        // A remembered chat the server no longer knows (its session expired, the server
        // was restarted): forgotten, so the customer can start another; the notice says why.
        forgetChat(this.#url, this.medium, id);
        this.#follow({ kind: 'idle' }, false);
      }
      this.#serverError = { message, reason };
      this.#changed();
    });
    this.#delivery = new OutboxDelivery({
      canSend: () => this.#connection.state === 'connected' && this.#target.kind === 'following' && !this.#model.ended,
      deliver: (text, signal) => this.#requests.sendMessage(text, signal),
      canCatchUp: () => this.medium.canCatchUp,
      ended: () => this.#model.ended,
    }, { ...timing, keyPrefix: `o${this.#id}-` });
    this.#delivery.addEventListener('accepted', (e) => this.#emit('gws-send', { text: e.detail }));
    this.#delivery.addEventListener('change', () => this.#outboxChanged());
    this.#delivery.addEventListener('unknown-outcome', () => this.#requestCatchUp());
    this.#delivery.addEventListener('failed', ({ detail: error }) => {
      this.#emit('gws-error', { kind: error.reason === 'transport' ? 'transport' : 'server', message: error.message });
    });
    this.#memory = new ChatMemory(this.medium, this.#id, this.#scheduler, () => this.#reclaim(), () => this.#catchUp.missingFrom);
    this.#connected = new ConnectionWait({
      scheduler: this.#scheduler,
      timeout: () => this.#requestTimeout,
      // A known cause on screen and retried (a server on another origin that does not
      // answer): the start waits for it rather than give up, and is told once.
      explained: () => this.#connection.problem !== null,
    });
    this.#typing = new TypingNotifier((typing) => {
      const operation = typing ? 'SendStartTypingNotification' : 'SendStopTypingNotification';
      if (this.#model.capabilities.includes(operation) && this.#target.kind === 'following') this.#requests.typing(typing);
    }, undefined, this.#scheduler);
    this.configure(options);
  }

  // ---------------------------------------------------------------- what it shows

  /** Where the session stands: `idle`, `starting`, `following` or `ended`. */
  get status(): SessionStatus {
    const t = this.#target;
    if (t.kind !== 'following') return t.kind === 'idle' ? { kind: 'idle' } : { kind: 'starting' };
    return { kind: this.#model.ended ? 'ended' : 'following', interactionId: t.interactionId };
  }

  /** The followed interaction's id, or `''`. */
  get interactionId(): string { return this.#target.kind === 'following' ? this.#target.interactionId : ''; }

  /** The CometD endpoint. */
  get url(): string { return this.#url; }

  /** The visible log, ordered by index. */
  get messages(): readonly ChatMessage[] { return this.#model.transcript.entries; }

  /** @internal The log as a view reads it (what changed since, whether it is still filling). */
  get transcript(): TranscriptView { return this.#model.transcript; }

  /** The participants of the interaction, as last reported by the server. */
  get participants(): readonly Participant[] { return this.#model.participants; }

  /** The interaction's state (`Chatting`, `Completed`, ...), or `null` before the server said. */
  get state(): InteractionState | null { return this.#model.state; }

  /** The operations the server allows now. */
  get capabilities(): readonly string[] { return this.#model.capabilities; }

  /** The interaction's user data. */
  get userData(): Readonly<Record<string, unknown>> { return this.#model.userData; }

  /** `connecting`, `connected`, `reconnecting` or `disconnected`. */
  get connectionState(): ConnectionState { return this.#connection.state; }

  /** While reconnecting, when the next attempt runs (epoch ms), else `null`. */
  get retryAt(): number | null { return this.#connection.retryAt; }

  /**
   * While (re)connecting, the likely cause of the server not answering, when one can be
   * told (a server on another origin that does not allow this page: CORS), else `null`.
   */
  get connectionProblem(): ConnectionProblem | null { return this.#connection.problem; }

  /** When the connection last came back after being lost (epoch ms), or `null`. */
  get reconnectedAt(): number | null { return this.#reconnectedAt; }

  /** Other participants typing now. */
  get typingParticipants(): readonly Participant[] { return this.#model.typing.typing; }

  /** Whether the chat has ended for the customer. */
  get ended(): boolean { return this.#model.ended; }

  /** The customer's messages on their way or failed, not yet in the server's log. */
  get pendingMessages(): readonly OutgoingMessage[] { return this.#delivery.outbox.items; }

  /** Where catching up with the server's log stands. */
  get catchUpStatus(): CatchUpStatus { return this.#catchUp.status; }

  /** The latest server error to show (until dismissed or another interaction), or `null`. */
  get serverError(): ServerError | null { return this.#serverError; }

  /** The longest message accepted, in characters (code points). */
  get maxLength(): number { return this.#maxLength; }

  /** An operation on the whole chat under way: `starting`, `ending`, or `null`. */
  get busy(): 'starting' | 'ending' | null {
    const t = this.#target;
    return t.kind === 'starting' ? 'starting' : t.kind === 'following' && t.ending ? 'ending' : null;
  }

  /** Why the customer cannot send now, or `null` when they can. */
  get sendBlocked(): 'no-interaction' | 'ended' | 'not-allowed' | 'pending' | null {
    const m = this.#model;
    return sendBlock({ following: this.#target.kind === 'following', ended: m.ended, state: m.state, capabilities: m.capabilities });
  }

  // ---------------------------------------------------------------- set-up

  /**
   * Changes the set-up: a new `url` or `interactionId` follows that endpoint or
   * interaction (an empty `interactionId` follows the chat remembered for `url`, if any).
   */
  configure(options: Omit<ChatSessionOptions, 'medium' | 'source' | 'sender' | 'scheduler' | 'random'>): void {
    if (options.apiUrl !== undefined) this.#apiUrl = options.apiUrl.trim();
    if (options.contactCenterId !== undefined) this.#contactCenterId = options.contactCenterId.trim();
    if (options.maxLength !== undefined) this.#maxLength = options.maxLength > 0 ? options.maxLength : 4096;
    if (options.requestTimeout !== undefined) this.#requestTimeout = positive(options.requestTimeout, OPERATION_TIMEOUT);
    if (options.typingTimeout !== undefined) this.#model.typing.timeoutMs = positive(options.typingTimeout, DEFAULT_TYPING_TIMEOUT);
    const url = options.url !== undefined ? options.url.trim() : this.#url;
    const asked = options.interactionId !== undefined ? options.interactionId.trim() : this.#asked;
    if (url === this.#url && asked === this.#asked) return;
    const urlChanged = url !== this.#url;
    this.#url = url;
    this.#asked = asked;
    // A chat being started keeps starting; it is followed once its id is known.
    if (this.#target.kind === 'starting' && !asked && !urlChanged) return;
    const id = asked || rememberedChat(url, this.medium) || '';
    this.#follow(id ? { kind: 'following', interactionId: id } : { kind: 'idle' }, urlChanged);
  }

  /** Starts receiving notifications (and sending what waits). */
  connect(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    globalThis.addEventListener?.('storage', this.#onStorage);
    this.#memory.open();
    this.#reclaim();
    this.#subscribe();
  }

  /** Stops receiving notifications; nothing is lost (what waits stays stored). */
  disconnect(): void {
    if (!this.#wanted) return;
    this.#wanted = false;
    globalThis.removeEventListener?.('storage', this.#onStorage);
    this.#unsubscribe();
    this.#memory.flush(this.#model);
    this.#typing.stop();
    // Unsent messages stay stored: this session, or another one, sends them later.
    this.#delivery.suspend();
    this.#outboxChanged();
    this.#memory.close();
    this.#catchUp.pause();
    this.#connected.fail('The chat was disconnected.');
    this.#model.typing.clear();
    this.#setConnection('disconnected', null, null);
  }

  /**
   * Another tab started (or forgot) the chat remembered for this endpoint: a session that
   * follows whatever is remembered (no `interactionId` of its own) follows it too.
   */
  readonly #onStorage = (e: StorageEvent) => {
    const change = this.#memory.changedElsewhere(e.key);
    if (change?.kind === 'state') {
      // Another tab stored the state this one has not heard yet (it opened just after).
      if (this.#model.state === null) applyStoredState(this.medium, this.interactionId, this.#model, change.stored);
    } else if (change?.id && change.id !== this.interactionId && !this.#asked && this.#target.kind !== 'starting') {
      this.#follow({ kind: 'following', interactionId: change.id }, false);
    }
  };

  /** Tries to reconnect now instead of waiting for the scheduled attempt. */
  reconnectNow(): void {
    if (this.#url) this.#sourceFor(this.#url).reconnectNow();
    this.#catchUp.now();
  }

  /** Dismisses the visible server error. */
  dismissError(): void {
    if (!this.#serverError) return;
    this.#serverError = null;
    this.#changed();
  }

  // ---------------------------------------------------------------- the customer's actions

  /** Checks a draft: `null` when it may be sent, else why not. */
  validate(text: string): GwsChatError | null {
    return checkDraft(text, this.#maxLength);
  }

  /**
   * Sends a message as the customer. Fires the cancelable `gws-before-send` first; the
   * message is in `pendingMessages` at once; resolves when the server accepted it. Rejects
   * with a `GwsChatError` (`reason`: `empty`, `too-long`, `canceled`, `not-allowed`,
   * `no-interaction`, `server`, `transport`).
   */
  async send(draft: string): Promise<void> {
    const invalid = this.validate(draft);
    if (invalid) throw invalid;
    const blocked = this.sendBlocked;
    if (blocked) throw blockedError(blocked);
    const text = textToSend(this, draft, this.#maxLength);
    this.#typing.stop();
    return this.#delivery.enqueue(text, this.#model.transcript.highestIndex);
  }

  /** Sends a failed message (`pendingMessages[i].key`) again; resolves when accepted. */
  retry(key: string): Promise<void> {
    return this.#delivery.retry(key);
  }

  /** The customer edited the draft: sends typing notifications (two per message at most). */
  draftChanged(draft: string): void {
    if (this.sendBlocked) return;
    this.#typing.input(draft.trim() === '');
  }

  /** Ends the chat (`Complete`); resolves when the server accepted it. */
  async endChat(): Promise<void> {
    const target = this.#target;
    if (target.kind !== 'following') throw new GwsChatError('There is no chat to end.', 'no-interaction');
    if (this.#model.ended) return;
    if (this.busy) throw new GwsChatError('Another operation is under way.', 'busy');
    const ending = { ...target, ending: true };
    this.#target = ending;
    this.#changed();
    try {
      this.#typing.stop();
      // This chat's resource, whatever is followed by the time a retry runs.
      await this.#requests.complete(target.interactionId, this.#targetAbort.signal);
    } finally {
      if (this.#target === ending) this.#target = target;
      this.#changed();
    }
  }

  /**
   * Starts a chat (`RequestChat`) when the session follows none (or an ended one), then
   * follows it and remembers it for this endpoint. Resolves with the new id.
   */
  async startChat(options: StartChatOptions = {}): Promise<string> {
    if (!this.medium.canStart) throw new GwsChatError(`A ${this.medium.name} cannot be started from here.`, 'not-allowed');
    if (this.#target.kind === 'following' && !this.#model.ended) {
      throw new GwsChatError('This session already follows a chat.', 'busy');
    }
    if (this.busy) throw new GwsChatError('Another operation is under way.', 'busy');
    if (!this.#requests.api) throw new GwsChatError('Set `url` (or `api-url`) before starting a chat.', 'no-interaction');
    const previous = this.#target;
    const starting: Target = { kind: 'starting', previous, early: [] };
    this.#target = starting;
    this.#catchUp.reset();
    this.#subscribe();
    this.#changed();
    try {
      // Listen before asking, so the new chat's first notifications are not missed.
      try {
        if (this.#connection.state !== 'connected') {
          if (!this.#wanted) throw new GwsChatError('Call connect() before starting a chat.', 'transport');
          await this.#connected.wait();
        }
      } catch (e) {
        throw this.#requests.failure(e);
      }
      const { id, existing } = await startChatOnce(this.#url, this.medium, options, {
        remembered: () => rememberedChat(this.#url, this.medium),
        request: (body) => this.#requests.requestChat(body, this.#targetAbort.signal),
        remember: (started) => this.#memory.remember(this.#url, started),
      });
      if (this.#target !== starting && !existing) {
        // Started, but nobody follows it any more: end it, so no agent waits for nobody.
        void this.#requests.complete(id).catch(() => {});
        throw new GwsChatError('The session now follows another interaction.', 'no-interaction');
      }
      this.#asked = '';
      this.#follow({ kind: 'following', interactionId: id }, false);
      // Notifications of the new chat that came before its id: apply them now.
      for (const raw of starting.early) this.#onNotification(raw);
      if (!existing) this.#emit('gws-chat-started', { interactionId: id });
      return id;
    } catch (e) {
      if (this.#target === starting) {
        this.#target = previous;
        this.#subscribe();
        this.#changed();
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- following

  /** Follows another target (or the same one on another endpoint). */
  #follow(target: Target, urlChanged: boolean): void {
    const before = this.interactionId;
    const next = target.kind === 'following' ? target.interactionId : '';
    if (!urlChanged && target.kind === this.#target.kind && next === before) return;
    if (next !== before || urlChanged) this.#memory.flush(this.#model);
    this.#target = target;
    if (next !== before || urlChanged) {
      this.#targetAbort.abort();
      this.#targetAbort = new AbortController();
      this.#memory.leave(this.#model);
      this.#model.reset();
      this.#serverError = null;
      this.#catchUp.reset();
      this.#typing.reset();
      this.#delivery.reset('The session now follows another interaction.');
      // What `send()` was told is not sent is not sent later either.
      this.#memory.saveOutbox(this.#delivery.outbox);
      this.#silent = true;
      let missingFrom: number | null;
      try {
        missingFrom = this.#memory.follow(this.#url, next, this.#model);
      } finally {
        this.#silent = false;
      }
      if (next && !this.#asked && this.#model.ended) {
        // A remembered chat stored as ended: forgotten, not resumed.
        this.#memory.modelChanged(this.#model);
        return this.#follow({ kind: 'idle' }, false);
      }
      // The first catch-up of an interaction reads its whole log: a stored transcript keeps
      // only its recent part (and, written by an older page, may have a hole), and a live
      // message relayed before this session is connected must not make it start midway.
      if (next) this.#requestCatchUp(Math.min(0, missingFrom ?? 0));
      if (next) this.#requestState();
      this.#reclaim();
    }
    this.#subscribe();
    // Already connected (a re-target on a live connection): fetch the new log now.
    if (this.#connection.state === 'connected') this.#requestCatchUp();
    this.#changed();
  }

  /** Takes over stored messages nobody else delivers, and drops ours that someone took. */
  #reclaim(): void {
    if (this.#memory.dropTaken(this.#delivery.outbox)) this.#outboxChanged();
    this.#delivery.pump();
    const id = this.interactionId;
    void this.#memory.claim().then((claimed) => {
      if (this.interactionId !== id || !this.#wanted) return;
      // What another page stored is checked like a draft: nothing empty or too long goes out.
      const valid = claimed.filter((m) => this.validate(m.text) === null);
      const changed = this.#delivery.adopt(valid, this.#model.transcript.entries);
      if (changed || valid.length !== claimed.length) this.#outboxChanged();
      this.#delivery.pump();
    });
  }

  #subscribe(): void {
    if (this.#wanted && this.#url && this.#target.kind !== 'idle') {
      // Subscribes anew before leaving the old subscription, so a shared connection survives.
      this.#subscription.subscribe(this.#sourceFor(this.#url), this.medium.topic);
    } else {
      this.#subscription.unsubscribe();
      this.#setConnection('disconnected', null, null);
    }
  }

  #unsubscribe(): void {
    this.#subscription.unsubscribe();
  }

  #onNotification(raw: unknown): void {
    const target = this.#target;
    if (target.kind === 'starting') {
      if (target.early.length < MAX_BUFFERED) target.early.push(raw);
      return;
    }
    if (target.kind !== 'following') return;
    const arrival = this.#inbound.notification(raw, target.interactionId);
    if (arrival.kind === 'gap') this.#requestCatchUp(arrival.from);
    else if (arrival.kind === 'lost') this.#requestCatchUp();
  }

  /** Asks for the log from `from` (default: the highest index seen), where GWS has one. */
  #requestCatchUp(from = this.#model.transcript.highestIndex): void {
    if (!this.medium.canCatchUp || this.#target.kind !== 'following') return;
    this.#catchUp.request(Math.max(0, from));
  }

  /** Asks to read the followed interaction's state (with the log), where GWS has one to read. */
  #requestState(): void {
    if (this.medium.canCatchUp && this.#target.kind === 'following') this.#catchUp.requestState();
  }

  #setConnection(state: ConnectionState, retryAt: number | null, problem: ConnectionProblem | null): void {
    const previous = this.#connection.state;
    const same = state === previous && retryAt === this.#connection.retryAt
      && problem?.message === this.#connection.problem?.message;
    if (same) return;
    this.#connection = { state, retryAt, problem };
    if (state !== previous) {
      if (state === 'connected') {
        this.#reconnectedAt = previous === 'reconnecting' ? Date.now() : null;
        this.#connected.connected();
        // (Re)subscribed: fetch whatever the log got while we were not listening (one
        // request: what was still missing and what is new are asked together), and the
        // state, which may have changed unheard (an agent who ended the chat).
        this.#requestCatchUp();
        this.#requestState();
        this.#catchUp.resume();
        this.#delivery.pump();
      } else {
        this.#reconnectedAt = null;
        this.#catchUp.pause();
        this.#delivery.pause();
      }
      this.#emit('gws-connection-change', { state });
    }
    this.#changed();
  }

  // ---------------------------------------------------------------- changes and storage

  #onModelChange(change: InteractionChange): void {
    if (change.kind === 'message') this.#delivery.onEntry(change.message);
    if (this.#model.ended) this.#delivery.giveUpQueued();
    this.#modelChanged();
    if (this.#silent) return;
    if (change.kind === 'server-error') this.#serverError = { message: change.message, reason: 'server' };
    const { type, detail } = eventOfChange(change);
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #modelChanged(): void {
    this.#changed();
    if (!this.#silent) this.#memory.modelChanged(this.#model);
  }

  #outboxChanged(): void {
    this.#memory.saveOutbox(this.#delivery.outbox);
    this.#changed();
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  #emit<K extends keyof GwsEventDetails>(type: K, detail: GwsEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
