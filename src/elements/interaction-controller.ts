import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { GwsEventDetails } from '../events.js';
import { InteractionModel, type InteractionChange } from '../model/interaction.js';
import type { ChatMessage } from '../model/transcript.js';
import type { MediumDescriptor } from '../protocol/medium.js';
import { concernsInteraction, interactionIdOf, parseNotification } from '../protocol/parse.js';
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
  /** The latest server error, shown as a non-blocking notice. */
  serverError: VisibleError | null = null;

  /** Called with every new log entry (the operations match echoes of sent messages). */
  onEntry: ((entry: ChatMessage) => void) | null = null;
  /** Called when the element starts following another interaction. */
  onRetarget: (() => void) | null = null;

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
      this.onRetarget?.();
    }
    const buffered = this.#buffer;
    this.#buffer = null;
    if (this.host.isConnected) this.#subscribe();
    // Notifications of a just-started chat that came before its id: apply them now.
    if (buffered && interactionId) for (const raw of buffered) this.#onNotification(raw);
    this.host.requestUpdate();
  }

  /**
   * A chat is being requested: listen on the topic already, and keep what arrives until
   * `target()` names the new interaction.
   */
  expectNewInteraction(): void {
    this.#buffer = [];
    if (this.host.isConnected && this.#url) this.#subscribe();
  }

  hostConnected(): void {
    if (!this.#stop) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#unsubscribe();
    this.model.typing.clear();
    this.#setConnectionState('disconnected');
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
        state: (state) => current() && this.#setConnectionState(state),
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
    if (interactionIdOf(result.notification) !== id) return;
    for (const rejection of result.rejected) this.#protocolError(rejection.reason);
    this.model.apply(result.notification);
  }

  #protocolError(reason: string): void {
    this.#emit('gws-error', { kind: 'protocol', message: `Ignored a malformed ${this.medium.name} notification: ${reason}` });
  }

  #setConnectionState(state: ConnectionState): void {
    if (state === this.connectionState) return;
    this.connectionState = state;
    this.host.requestUpdate();
    this.#emit('gws-connection-change', { state });
  }

  #onModelChange(change: InteractionChange): void {
    this.host.requestUpdate();
    switch (change.kind) {
      case 'message':
        this.onEntry?.(change.message);
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
