/**
 * The DOM events the elements fire. All are `CustomEvent`s that bubble and are composed.
 */
import type { InteractionState, Participant } from './protocol/types.js';
import type { ChatMessage } from './model/transcript.js';
import type { ConnectionState } from './transport/connection.js';

/** `gws-message`: a new entry became visible in the log (once per entry). */
export interface GwsMessageDetail {
  readonly message: ChatMessage;
  /**
   * `true` when it arrived live (a notification as it happened), `false` when it came from
   * reading the server's log: the first read of a chat, a catch-up after a reconnection or
   * a gap. Restored history is not announced at all (no event).
   */
  readonly live: boolean;
}

/** `gws-typing`: another participant started or stopped typing. */
export interface GwsTypingDetail {
  readonly participant: Participant;
  readonly typing: boolean;
}

/** `gws-state-change`: the interaction's state changed. */
export interface GwsStateChangeDetail {
  readonly state: InteractionState;
  readonly previousState: InteractionState | null;
}

/** `gws-participants-change`: the participant list changed. */
export interface GwsParticipantsChangeDetail {
  readonly participants: readonly Participant[];
}

/** `gws-properties-change`: the interaction's user data changed. */
export interface GwsPropertiesChangeDetail {
  readonly userData: Readonly<Record<string, unknown>>;
}

/** `gws-capabilities-change`: the operations the server allows now changed. */
export interface GwsCapabilitiesChangeDetail {
  readonly capabilities: readonly string[];
}

/** `gws-connection-change`: the notification connection changed state. */
export interface GwsConnectionChangeDetail {
  readonly state: ConnectionState;
}

/** Where an error came from. */
export type GwsErrorKind = 'server' | 'protocol' | 'transport';

/** `gws-error`: something went wrong; nothing already shown is affected. */
export interface GwsErrorDetail {
  readonly kind: GwsErrorKind;
  /** A description in plain words. */
  readonly message: string;
  /** For `server` errors: the `referenceId` of the request that failed, if known. */
  readonly referenceId?: number | null;
}

/**
 * `gws-before-send` (cancelable): the customer is about to send `text`. A handler may
 * change `detail.text` or call `preventDefault()` to keep it from being sent.
 */
export interface GwsBeforeSendDetail {
  text: string;
}

/** `gws-send`: the server accepted a message of the customer's. */
export interface GwsSendDetail {
  readonly text: string;
}

/** `gws-chat-started`: a chat requested with `startChat()` exists; the element follows it. */
export interface GwsChatStartedDetail {
  readonly interactionId: string;
}

/** Event names mapped to their detail types. */
export interface GwsEventDetails {
  'gws-message': GwsMessageDetail;
  'gws-typing': GwsTypingDetail;
  'gws-state-change': GwsStateChangeDetail;
  'gws-participants-change': GwsParticipantsChangeDetail;
  'gws-properties-change': GwsPropertiesChangeDetail;
  'gws-capabilities-change': GwsCapabilitiesChangeDetail;
  'gws-connection-change': GwsConnectionChangeDetail;
  'gws-error': GwsErrorDetail;
  'gws-before-send': GwsBeforeSendDetail;
  'gws-send': GwsSendDetail;
  'gws-chat-started': GwsChatStartedDetail;
}

declare global {
  interface HTMLElementEventMap {
    'gws-message': CustomEvent<GwsMessageDetail>;
    'gws-typing': CustomEvent<GwsTypingDetail>;
    'gws-state-change': CustomEvent<GwsStateChangeDetail>;
    'gws-participants-change': CustomEvent<GwsParticipantsChangeDetail>;
    'gws-properties-change': CustomEvent<GwsPropertiesChangeDetail>;
    'gws-capabilities-change': CustomEvent<GwsCapabilitiesChangeDetail>;
    'gws-connection-change': CustomEvent<GwsConnectionChangeDetail>;
    'gws-error': CustomEvent<GwsErrorDetail>;
    'gws-before-send': CustomEvent<GwsBeforeSendDetail>;
    'gws-send': CustomEvent<GwsSendDetail>;
    'gws-chat-started': CustomEvent<GwsChatStartedDetail>;
  }
}
