import type { ReactiveController } from 'lit';
import { Outbox, type StoredOutgoing } from '../model/outbox.js';
import type { ChatMessage } from '../model/transcript.js';
import { reconnectDelay } from '../transport/backoff.js';
import { load, outboxKey, save } from '../transport/session-store.js';
import { GwsChatError } from './gws-chat-error.js';
import type { InteractionController, InteractionHost } from './interaction-controller.js';

/** Automatic attempts for a message that failed on the way (network, 5xx) before giving up. */
const AUTO_RETRIES = 5;

/** The element side the outbox needs. */
export interface OutboxHost extends InteractionHost {
  readonly url: string;
  readonly interactionId: string;
}

/**
 * Delivers the customer's messages: queued (`waiting`) while not connected, sent one at a
 * time and in order, retried with backoff when the network fails them, matched with the
 * server's echo, and kept in session storage so a reload loses none.
 */
export class OutboxSender implements ReactiveController {
  readonly outbox = new Outbox();
  /** One promise per message, settled when it is accepted (or given up). */
  readonly #waiters = new Map<string, { promise: Promise<void>; resolve: () => void; reject: (e: GwsChatError) => void }>();
  readonly #retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #pumping = false;

  constructor(
    private readonly host: OutboxHost,
    private readonly interaction: InteractionController,
    /** Sends one message (`SendMessage`); rejects with a `GwsChatError`. */
    private readonly deliver: (text: string) => Promise<unknown>,
    /** Told when the server accepted a message. */
    private readonly onAccepted: (text: string) => void,
  ) {
    host.addController(this);
    interaction.listeners.entry.push((entry) => this.#onEntry(entry));
    interaction.listeners.connected.push(() => this.#pump());
    interaction.listeners.retarget.push((id) => this.#restore(id));
    interaction.listeners.caughtUp.push((startedAt) => {
      if (this.outbox.settleAfterCatchUp(startedAt)) this.#changed();
      this.#pump();
    });
    interaction.listeners.change.push(() => {
      if (this.interaction.model.ended) this.#giveUpQueued();
    });
  }

  hostConnected(): void {
    this.#pump();
  }

  hostDisconnected(): void {
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    // Unsent messages stay stored; an element put back on the page picks them up.
    for (const item of this.outbox.items) {
      if (item.status === 'failed' && item.retryAt !== null) this.outbox.update(item.key, { status: 'waiting', retryAt: null });
    }
  }

  /** Queues a message; resolves when the server accepted it. */
  enqueue(text: string): Promise<void> {
    const item = this.outbox.add(text, this.interaction.model.transcript.highestIndex);
    const accepted = this.#waitFor(item.key);
    this.#changed();
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
    this.#changed();
    this.#pump();
    return accepted;
  }

  #waitFor(key: string): Promise<void> {
    const existing = this.#waiters.get(key);
    if (existing) return existing.promise;
    let resolve!: () => void;
    let reject!: (e: GwsChatError) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#waiters.set(key, { promise, resolve, reject });
    return promise;
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
    let again = false;
    try {
      for (;;) {
        if (!this.host.isConnected || this.interaction.connectionState !== 'connected') return;
        if (!this.host.interactionId || this.interaction.model.ended) return;
        const item = this.outbox.next();
        if (!item) return;
        this.outbox.update(item.key, { status: 'sending', error: null, retryAt: null });
        this.#changed();
        const interactionId = this.host.interactionId;
        try {
          await this.deliver(item.text);
        } catch (e) {
          // Followed another interaction meanwhile: its own queue may be waiting.
          if (this.host.interactionId !== interactionId) return void (again = true);
          this.#failed(item.key, e);
          continue;
        }
        if (this.host.interactionId !== interactionId) return void (again = true);
        // Its echo may have arrived first, taken it out and announced it already.
        if (this.outbox.update(item.key, { accepted: true, acceptedAt: Date.now() })) {
          this.#changed();
          this.#settle(item.key);
          this.onAccepted(item.text);
        }
      }
    } finally {
      this.#pumping = false;
      if (again) queueMicrotask(() => this.#pump());
    }
  }

  /** The chat ended: what was not sent cannot be any more. */
  #giveUpQueued(): void {
    let changed = false;
    for (const item of this.outbox.items) {
      if (item.accepted || item.status === 'sending' || (item.status === 'failed' && item.retryAt === null)) continue;
      clearTimeout(this.#retryTimers.get(item.key));
      this.#retryTimers.delete(item.key);
      this.outbox.update(item.key, { status: 'failed', error: 'This chat has ended.', retryAt: null });
      this.#settle(item.key, new GwsChatError('This chat has ended.', 'not-allowed'));
      changed = true;
    }
    if (changed) this.#changed();
  }

  #failed(key: string, e: unknown): void {
    const current = this.outbox.get(key);
    if (!current) return;
    const attempts = current.attempts + 1;
    const error = e instanceof Error ? e.message : String(e);
    if (e instanceof GwsChatError && e.retryable && !this.host.isConnected) {
      // Removed from the page meanwhile: no timer; it goes out when the element is back.
      this.outbox.update(key, { status: 'waiting', error: null, attempts, retryAt: null });
    } else if (e instanceof GwsChatError && e.retryable && attempts <= AUTO_RETRIES) {
      const delay = reconnectDelay(attempts);
      this.outbox.update(key, { status: 'failed', error, attempts, retryAt: Date.now() + delay });
      this.#retryTimers.set(key, setTimeout(() => {
        this.#retryTimers.delete(key);
        this.outbox.update(key, { status: 'waiting', retryAt: null });
        this.#changed();
        this.#pump();
      }, delay));
    } else {
      this.outbox.update(key, { status: 'failed', error, attempts, retryAt: null });
      this.#settle(key, e instanceof GwsChatError ? e : new GwsChatError(error, 'server'));
    }
    this.#changed();
  }

  #restore(interactionId: string): void {
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    this.#retryTimers.clear();
    for (const key of this.#waiters.keys()) {
      this.#settle(key, new GwsChatError('The element now follows another interaction.', 'no-interaction'));
    }
    const stored = interactionId ? load(outboxKey(this.host.url, interactionId)) : undefined;
    const valid = Array.isArray(stored)
      ? stored.filter((s): s is StoredOutgoing => typeof s === 'object' && s !== null && typeof s.text === 'string'
        && typeof s.accepted === 'boolean' && typeof s.afterIndex === 'number' && typeof s.time === 'number'
        && (s.attempted === undefined || typeof s.attempted === 'boolean'))
      : [];
    this.outbox.restore(valid);
    this.host.requestUpdate();
    // Already connected (a re-target on a live connection): send what was queued.
    queueMicrotask(() => this.#pump());
  }

  /** Re-renders and stores the outbox so a reload does not lose it. */
  #changed(): void {
    this.host.requestUpdate();
    const id = this.host.interactionId;
    if (!id) return;
    const stored = this.outbox.toStored();
    save(outboxKey(this.host.url, id), stored.length ? stored : undefined);
  }

  #onEntry(entry: ChatMessage): void {
    const matched = this.outbox.matchEcho(entry);
    if (!matched) return;
    // The echo proves the server has it, even if its answer was lost on the way.
    clearTimeout(this.#retryTimers.get(matched.key));
    this.#retryTimers.delete(matched.key);
    this.#settle(matched.key);
    if (!matched.accepted) this.onAccepted(matched.text);
    this.#changed();
  }
}
