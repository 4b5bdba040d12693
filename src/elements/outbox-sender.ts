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
  /** Callers of `enqueue()`/`retry()` waiting for their message to be accepted (or given up). */
  readonly #waiters = new Map<string, { resolve: () => void; reject: (e: GwsChatError) => void }>();
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
        this.#changed();
        const interactionId = this.host.interactionId;
        try {
          await this.deliver(item.text);
        } catch (e) {
          if (this.host.interactionId !== interactionId) return;
          this.#failed(item.key, e);
          continue;
        }
        if (this.host.interactionId !== interactionId) return;
        // Its echo may have arrived first and taken it out of the outbox already.
        this.outbox.update(item.key, { accepted: true });
        this.#changed();
        this.#settle(item.key);
        this.onAccepted(item.text);
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
        && typeof s.accepted === 'boolean' && typeof s.afterIndex === 'number' && typeof s.time === 'number')
      : [];
    this.outbox.restore(valid);
    this.host.requestUpdate();
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
    this.#changed();
  }
}
