/**
 * What distinguishes one GWS medium from another on the wire. The two elements differ
 * only in this data; a third medium costs one more descriptor.
 */
export interface MediumDescriptor {
  /** Short name used in logs and errors, e.g. `chat`. */
  readonly name: string;
  /** CometD topic carrying every interaction of this medium for the session. */
  readonly topic: string;
  /** `data.messageType` of state notifications (compared case-insensitively). */
  readonly stateMessageType: string;
  /** Key of the resource object inside a state notification (`data.chat`). */
  readonly resourceKey: string;
  /** Key of the resource URI in a `MessageLogUpdated` notification (`data.chatUri`). */
  readonly uriKey: string;
  /** Key of the resource path in a `MessageLogUpdated` notification (`data.chatPath`). */
  readonly pathKey: string;
  /** REST collection path below the API root (`/chats`). */
  readonly restPath: string;
  /** Whether a customer can start one (`RequestChat` on the collection). */
  readonly canStart: boolean;
  /**
   * Whether the server's log can be read back (`GET {uri}/messages?index=N`) to catch up
   * after a lost connection. GWS documents it for chats only.
   */
  readonly canCatchUp: boolean;
}

/** The Chat API medium: `/v2/me/chats`. */
export const CHAT: MediumDescriptor = Object.freeze({
  name: 'chat',
  topic: '/v2/me/chats',
  stateMessageType: 'ChatStateChangeMessage',
  resourceKey: 'chat',
  uriKey: 'chatUri',
  pathKey: 'chatPath',
  restPath: '/chats',
  canStart: true,
  canCatchUp: true,
});

/** The Facebook private-messaging medium: `/v2/me/facebooksession`. */
export const FACEBOOK_SESSION: MediumDescriptor = Object.freeze({
  name: 'facebooksession',
  topic: '/v2/me/facebooksession',
  stateMessageType: 'FacebooksessionStateChangeMessage',
  resourceKey: 'facebooksession',
  uriKey: 'facebooksessionUri',
  pathKey: 'facebooksessionPath',
  restPath: '/me/facebooksessions',
  canStart: false,
  canCatchUp: false,
});
