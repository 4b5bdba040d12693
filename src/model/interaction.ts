import type {
  InteractionState,
  Notification,
  Participant,
  StateNotification,
  WireMessage,
} from '../protocol/types.js';
import { isAgent, isCustomer, participantKey, sameParticipants } from './participants.js';
import { Transcript, type ChatMessage } from './transcript.js';
import { TypingTracker } from './typing.js';
import { type Scheduler } from './scheduler.js';

/** One observable change of an interaction, in the order it happened. */
export type InteractionChange =
  /** `live`: from a notification as it happened, not from reading the server's log. */
  | { readonly kind: 'message'; readonly message: ChatMessage; readonly live: boolean }
  | { readonly kind: 'state'; readonly state: InteractionState; readonly previousState: InteractionState | null }
  | { readonly kind: 'participants'; readonly participants: readonly Participant[] }
  | { readonly kind: 'properties'; readonly userData: Readonly<Record<string, unknown>> }
  | { readonly kind: 'capabilities'; readonly capabilities: readonly string[] }
  | { readonly kind: 'typing'; readonly participant: Participant; readonly typing: boolean }
  | { readonly kind: 'server-error'; readonly message: string; readonly referenceId: number | null };

/** States in which the chat is over for the customer, canonically spelled as the parser gives them. */
const ENDED_STATES: ReadonlySet<InteractionState> = new Set<InteractionState>(['Completed', 'LeftChat', 'Idle', 'Revoked']);

/**
 * Whether a state means the chat has ended for the customer: `Completed`, `LeftChat`,
 * `Idle` or `Revoked`, exactly as the parser spells them.
 */
export function isEndedState(state: InteractionState | null): boolean {
  return state !== null && ENDED_STATES.has(state);
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * Everything the customer can know about one interaction, built from its notifications.
 * Pure: no DOM, no I/O; timers only through the injected scheduler.
 */
export class InteractionModel {
  readonly transcript = new Transcript();
  readonly typing: TypingTracker;
  state: InteractionState | null = null;
  participants: readonly Participant[] = [];
  capabilities: readonly string[] = [];
  userData: Readonly<Record<string, unknown>> = {};
  /** Per participant, the index of their latest message that ends typing. */
  #typingEndedAt = new Map<string, number>();

  constructor(
    private readonly onChange: (change: InteractionChange) => void,
    typingTimeoutMs?: number,
    scheduler?: Scheduler,
  ) {
    this.typing = new TypingTracker(
      (participant, typing) => this.onChange({ kind: 'typing', participant, typing }),
      typingTimeoutMs,
      scheduler,
    );
  }

  /** An agent has been in the interaction at some point. */
  #agentSeen = false;
  /** The log says the customer left. */
  #customerLeft = false;

  /**
   * Whether the chat is over for the customer: an ending state (`Completed`, `LeftChat`,
   * `Idle`, `Revoked`), the customer's own `ParticipantLeft` in the log (which a catch-up
   * brings even when the state notification was lost), or the last agent gone and sending
   * no longer allowed.
   */
  get ended(): boolean {
    if (isEndedState(this.state) || this.#customerLeft) return true;
    const agentsLeft = this.participants.some(isAgent);
    return this.#agentSeen && !agentsLeft && !this.capabilities.includes('SendMessage');
  }

  /** Applies one validated notification of this interaction. */
  apply(notification: Notification): void {
    if (notification.kind === 'state') this.#applyState(notification);
    else this.#applyMessages(notification.messages);
  }

  /**
   * Adds messages fetched from the server's log (catch-up, restored history). They are
   * merged with the usual de-duplication; a typing start among them is old news and is
   * not shown.
   */
  applyHistory(messages: readonly WireMessage[]): void {
    this.#applyMessages(messages, false);
  }

  /** Forgets everything, silently (used when following another interaction). */
  reset(): void {
    this.transcript.clear();
    this.typing.clear();
    this.state = null;
    this.participants = [];
    this.capabilities = [];
    this.userData = {};
    this.#typingEndedAt.clear();
    this.#agentSeen = false;
    this.#customerLeft = false;
  }

  #applyState(n: StateNotification): void {
    // The resource's `uri` only identifies it: where requests go is the host's configuration.
    const r = n.resource;
    if (r.state !== undefined && r.state !== this.state) {
      const previousState = this.state;
      this.state = r.state;
      this.onChange({ kind: 'state', state: r.state, previousState });
    }
    if (r.participants && !sameParticipants(r.participants, this.participants)) {
      this.participants = r.participants;
      if (r.participants.some(isAgent)) this.#agentSeen = true;
      // Someone no longer in the interaction cannot be typing.
      // Same identity as the typing tracker: the id, or the nickname when there is none.
      const present = new Set(r.participants.map(participantKey));
      for (const p of this.typing.typing) {
        if (!present.has(participantKey(p))) this.typing.stop(p);
      }
      this.onChange({ kind: 'participants', participants: r.participants });
    }
    if (r.capabilities && !sameJson(r.capabilities, this.capabilities)) {
      this.capabilities = r.capabilities;
      this.onChange({ kind: 'capabilities', capabilities: r.capabilities });
    }
    if (r.userData && !sameJson(r.userData, this.userData)) {
      this.userData = r.userData;
      this.onChange({ kind: 'properties', userData: r.userData });
    }
    if (n.notificationType === 'Error') {
      this.onChange({
        kind: 'server-error',
        message: n.errorMessage ?? 'The server could not carry out an operation on this chat.',
        referenceId: n.referenceId,
      });
    }
  }

  #applyMessages(messages: readonly WireMessage[], live = true): void {
    for (const { message, entry } of this.transcript.add(messages)) {
      const from = message.from;
      if (from && (live || message.type !== 'TypingStarted')) this.#applyTyping(message, from);
      if (message.type === 'ParticipantLeft' && isCustomer(from)) this.#customerLeft = true;
      if (entry) this.onChange({ kind: 'message', message: entry, live });
    }
  }

  #applyTyping(message: WireMessage, from: Participant): void {
    const key = participantKey(from);
    const endedAt = this.#typingEndedAt.get(key) ?? -1;
    switch (message.type) {
      case 'TypingStarted':
        // A start older than that participant's last message or stop is stale (late delivery).
        if (!isCustomer(from) && message.index > endedAt) this.typing.start(from);
        return;
      case 'TypingStopped':
      case 'Text':
      case 'ParticipantLeft':
        if (message.index > endedAt) this.#typingEndedAt.set(key, message.index);
        this.typing.stop(from);
    }
  }
}
