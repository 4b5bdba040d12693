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

/** Event names mapped to the events as listeners receive them. */
export type GwsEventMap = { [K in keyof GwsEventDetails]: CustomEvent<GwsEventDetails[K]> };

/** Each event of {@link GwsEventDetails} once (the compiler checks that none is missing or extra). */
const NAMES: { readonly [K in keyof GwsEventDetails]: null } = {
  'gws-message': null,
  'gws-typing': null,
  'gws-state-change': null,
  'gws-participants-change': null,
  'gws-properties-change': null,
  'gws-capabilities-change': null,
  'gws-connection-change': null,
  'gws-error': null,
  'gws-before-send': null,
  'gws-send': null,
  'gws-chat-started': null,
};

/** The name of every `gws-*` event, derived from {@link GwsEventDetails}. */
export const GWS_EVENT_NAMES = Object.keys(NAMES) as readonly (keyof GwsEventDetails)[];

declare global {
  // The elements' events, typed for `addEventListener` on any element.
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementEventMap extends GwsEventMap {}
}
