import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { GwsEventDetails } from '../events.js';
import { InteractionModel, type InteractionChange } from '../model/interaction.js';
import type { ChatMessage } from '../model/transcript.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { concernsInteraction, interactionIdOf, parseMessages, parseNotification } from '../protocol/parse.js';
import { reconnectDelay } from '../transport/backoff.js';
import { sharedConnection, type ConnectionState, type NotificationSource } from '../transport/connection.js';

/** Most notifications kept while waiting for a new chat's id. */
const MAX_BUFFERED = 500;

/** The element side the controller needs. */
export interface InteractionHost extends ReactiveControllerHost, EventTarget {
  readonly isConnected: boolean;
}

/** Where the controller gets notifications from; replaceable in tests. */
export type SourceFactory = (url: string) => NotificationSource;

/** Something the customer should see about a failure, until it is dismissed or replaced. */
export interface VisibleError {
  readonly message: string;
}

/**
 * Follows one interaction: subscribes to the medium's topic on the shared connection,
 * keeps the notifications of its interaction, applies them to the model, and reports
 * every change to the host as a DOM event.
 */
export class InteractionController implements ReactiveController {
  readonly model: InteractionModel;
  connectionState: ConnectionState = 'disconnected';
  /** While reconnecting: when the next attempt runs (epoch ms), if scheduled. */
  retryAt: number | null = null;
  /** When the connection came back after being lost (epoch ms), for a short notice. */
  reconnectedAt: number | null = null;
  /** The latest server error, shown as a non-blocking notice. */
  serverError: VisibleError | null = null;

  /**
   * What other controllers of the element hook into: every new log entry (echo matching),
   * a change of interaction (restoring what was stored), a change of the model (storing
   * it), and each (re)connection (sending queued messages).
   */
  readonly listeners = {
    entry: [] as ((entry: ChatMessage) => void)[],
    retarget: [] as ((interactionId: string) => void)[],
    change: [] as ((change: InteractionChange) => void)[],
    connected: [] as (() => void)[],
    /**
     * A catch-up finished: the log now holds everything the server had when it started
     * (`startedAt`, epoch ms), or `null` when catching up was given up.
     */
    caughtUp: [] as ((startedAt: number | null) => void)[],
  };
  /**
   * Fetches the server's log from an index (`GET {uri}/messages?index=N`); set by the
   * operations. Without it there is no catch-up.
   */
  history: ((fromIndex: number) => Promise<unknown>) | null = null;

  /** The lowest index a pending catch-up must fetch from, or `null` when none is due. */
  #catchUpFrom: number | null = null;
  #catchingUp = false;
  #catchUpTimer: ReturnType<typeof setTimeout> | undefined;
  #catchUpFailures = 0;

  #url = '';
  #interactionId = '';
  /** Raw notifications kept while a new chat's id is not known yet (see `expectNewInteraction`). */
  #buffer: unknown[] | null = null;
  #stop: (() => void) | null = null;
  /** Bumped on every re-target so late callbacks of an old subscription are ignored. */
  #generation = 0;

  constructor(
    private readonly host: InteractionHost,
    private readonly medium: MediumDescriptor,
    private readonly sourceFor: SourceFactory = sharedConnection,
  ) {
    this.model = new InteractionModel((change) => this.#onModelChange(change));
    host.addController(this);
  }

  /** Follows the given endpoint and interaction; a change of either re-targets cleanly. */
  target(url: string, interactionId: string): void {
    if (url === this.#url && interactionId === this.#interactionId) return;
    const idChanged = interactionId !== this.#interactionId;
    this.#url = url;
    this.#interactionId = interactionId;
    if (idChanged) {
      this.model.reset();
      this.serverError = null;
      this.#cancelCatchUp();
      for (const fn of this.listeners.retarget) fn(interactionId);
    }
    // A chat being started keeps its buffer until its id is known.
    const buffered = interactionId ? this.#buffer : null;
    if (interactionId) this.#buffer = null;
    if (this.host.isConnected) this.#subscribe();
    // Notifications of a just-started chat that came before its id: apply them now.
    if (buffered && interactionId) for (const raw of buffered) this.#onNotification(raw);
    if (idChanged && this.connectionState === 'connected') this.catchUp();
    this.host.requestUpdate();
  }

  /**
   * Fetches what the server logged from `fromIndex` on (default: after the highest index
   * seen) and merges it, de-duplicated. Runs once at a time; failures retry with backoff.
   */
  catchUp(fromIndex: number = this.model.transcript.highestIndex + 1): void {
    this.#catchUpFrom = Math.min(this.#catchUpFrom ?? fromIndex, fromIndex);
    if (!this.#catchingUp && this.#catchUpTimer === undefined) void this.#runCatchUp();
  }

  async #runCatchUp(): Promise<void> {
    while (this.#catchUpFrom !== null && this.history && this.#interactionId) {
      // Re-read on every turn: a re-target while a request was out queues the new
      // interaction's catch-up, which this same loop then runs.
      const generation = this.#generation;
      const from = Math.max(0, this.#catchUpFrom);
      const startedAt = Date.now();
      this.#catchUpFrom = null;
      this.#catchingUp = true;
      try {
        const answer = await this.history(from);
        if (generation !== this.#generation) continue;
        this.#catchUpFailures = 0;
        this.#mergeHistory(answer);
        for (const fn of this.listeners.caughtUp) fn(startedAt);
      } catch {
        if (generation !== this.#generation) continue;
        // Try again later (a few times); the next reconnect or gap retries too.
        this.#catchUpFrom = Math.min(this.#catchUpFrom ?? from, from);
        if (++this.#catchUpFailures <= 3) {
          this.#catchUpTimer = setTimeout(() => {
            this.#catchUpTimer = undefined;
            void this.#runCatchUp();
          }, reconnectDelay(this.#catchUpFailures));
        } else {
          this.#catchUpFrom = null;
          // Given up: whoever waits for the log to be complete goes ahead without it.
          for (const fn of this.listeners.caughtUp) fn(null);
        }
        return;
      } finally {
        this.#catchingUp = false;
      }
    }
  }

  #mergeHistory(answer: unknown): void {
    const list = typeof answer === 'object' && answer !== null ? (answer as { messages?: unknown }).messages : undefined;
    const parsed = parseMessages(list, 'catch-up messages');
    if (!parsed.ok) return this.#protocolError(parsed.reason);
    for (const rejection of parsed.rejected) this.#protocolError(rejection.reason);
    this.model.applyHistory(parsed.messages);
  }

  #cancelCatchUp(): void {
    clearTimeout(this.#catchUpTimer);
    this.#catchUpTimer = undefined;
    this.#catchUpFrom = null;
    this.#catchUpFailures = 0;
  }

  /**
   * A chat is being requested: listen on the topic already, and keep what arrives until
   * `target()` names the new interaction. Resolves once subscribed, so the new chat's
   * first notifications cannot be missed; rejects after `timeoutMs`.
   */
  expectNewInteraction(url: string, timeoutMs = 15_000): Promise<void> {
    // Nothing of an earlier (ended) chat is followed any more; its model stays on screen
    // until the new chat's id is known.
    this.#url = url;
    this.#interactionId = '';
    this.#cancelCatchUp();
    this.#buffer = [];
    if (this.host.isConnected && this.#url) this.#subscribe();
    if (this.connectionState === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = (error?: Error) => {
        clearTimeout(timer);
        this.#whenConnected.delete(waiter);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => waiter(new Error('Could not reach the chat server.')), timeoutMs);
      this.#whenConnected.add(waiter);
    });
  }

  /** Waiting for the next `connected` (called with an error when given up). */
  readonly #whenConnected = new Set<(error?: Error) => void>();

  hostConnected(): void {
    if (!this.#stop) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#unsubscribe();
    this.#cancelCatchUp();
    for (const waiter of [...this.#whenConnected]) waiter(new Error('The element was removed from the page.'));
    this.model.typing.clear();
    this.#setConnectionState('disconnected');
  }

  /** Tries to reconnect now instead of waiting for the scheduled attempt. */
  reconnectNow(): void {
    if (this.#url) this.sourceFor(this.#url).reconnectNow();
  }

  /** Shows a non-blocking error notice (a failed operation). */
  showError(message: string): void {
    this.serverError = { message };
    this.host.requestUpdate();
  }

  /** Dismisses the visible server error. */
  dismissError(): void {
    this.serverError = null;
    this.host.requestUpdate();
  }

  #subscribe(): void {
    const previous = this.#stop;
    const generation = ++this.#generation;
    this.#stop = null;
    if (this.#url && (this.#interactionId || this.#buffer)) {
      const current = () => generation === this.#generation;
      // Subscribe before leaving the old subscription so a shared connection survives.
      this.#stop = this.sourceFor(this.#url).subscribe(this.medium.topic, {
        notification: (raw) => current() && this.#onNotification(raw),
        state: (state, retryAt) => {
          if (!current()) return;
          this.retryAt = retryAt;
          this.host.requestUpdate();
          this.#setConnectionState(state);
        },
        error: (message) => current() && this.#emit('gws-error', { kind: 'transport', message }),
      });
    } else {
      this.#setConnectionState('disconnected');
    }
    previous?.();
  }

  #unsubscribe(): void {
    this.#generation++;
    const stop = this.#stop;
    this.#stop = null;
    stop?.();
  }

  #onNotification(raw: unknown): void {
    const id = this.#interactionId;
    if (!id) {
      if (this.#buffer && this.#buffer.length < MAX_BUFFERED) this.#buffer.push(raw);
      return;
    }
    if (concernsInteraction(raw, this.medium, id) === false) return;
    const result = parseNotification(raw, this.medium);
    if (!result.ok) {
      if (!result.unsupported) this.#protocolError(result.reason);
      return;
    }
    const notification = result.notification;
    if (interactionIdOf(notification) !== id) return;
    for (const rejection of result.rejected) this.#protocolError(rejection.reason);
    const highest = this.model.transcript.highestIndex;
    this.model.apply(notification);
    // A gap in the indices while connected: something was lost on the way; fetch it.
    if (notification.kind === 'log' && highest >= 0 && notification.messages.length > 0) {
      const lowest = Math.min(...notification.messages.map((m) => m.index));
      if (lowest > highest + 1) this.catchUp(highest + 1);
    }
  }

  #protocolError(reason: string): void {
    this.#emit('gws-error', { kind: 'protocol', message: `Ignored a malformed ${this.medium.name} notification: ${reason}` });
  }

  #setConnectionState(state: ConnectionState): void {
    if (state === this.connectionState) return;
    this.reconnectedAt = state === 'connected' && this.connectionState === 'reconnecting' ? Date.now() : null;
    this.connectionState = state;
    if (state === 'connected') {
      for (const waiter of [...this.#whenConnected]) waiter();
      // (Re)subscribed: fetch whatever the log got while we were not listening.
      this.#catchUpFailures = 0;
      if (this.#interactionId) this.catchUp();
      for (const fn of this.listeners.connected) fn();
    }
    this.host.requestUpdate();
    this.#emit('gws-connection-change', { state });
  }

  #onModelChange(change: InteractionChange): void {
    this.host.requestUpdate();
    for (const fn of this.listeners.change) fn(change);
    switch (change.kind) {
      case 'message':
        for (const fn of this.listeners.entry) fn(change.message);
        return this.#emit('gws-message', { message: change.message });
      case 'typing':
        return this.#emit('gws-typing', { participant: change.participant, typing: change.typing });
      case 'state':
        return this.#emit('gws-state-change', { state: change.state, previousState: change.previousState });
      case 'participants':
        return this.#emit('gws-participants-change', { participants: change.participants });
      case 'properties':
        return this.#emit('gws-properties-change', { userData: change.userData });
      case 'capabilities':
        return this.#emit('gws-capabilities-change', { capabilities: change.capabilities });
      case 'server-error':
        this.serverError = { message: change.message };
        return this.#emit('gws-error', { kind: 'server', message: change.message, referenceId: change.referenceId });
    }
  }

  #emit<K extends keyof GwsEventDetails>(type: K, detail: GwsEventDetails[K]): void {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
