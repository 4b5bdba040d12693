// Builders of GWS v2 notifications for the simulator's scripted interactions, derived from
// the spec examples in ./spec-examples (which stay verbatim for the tests).
import { readFileSync } from 'node:fs';

const load = (name) => JSON.parse(readFileSync(new URL(`./spec-examples/${name}`, import.meta.url), 'utf8'));

/** The four spec examples, parsed, exactly as printed in the spec. */
export const specExamples = Object.freeze({
  chatLog: load('chat-log.json'),
  chatState: load('chat-state.json'),
  fbLog: load('fb-log.json'),
  fbState: load('fb-state.json'),
});

/** What differs between the two media on the wire. */
export const MEDIA = Object.freeze({
  chat: {
    topic: '/v2/me/chats',
    stateMessageType: 'ChatStateChangeMessage',
    resourceKey: 'chat',
    uriKey: 'chatUri',
    collection: 'chats',
  },
  facebooksession: {
    topic: '/v2/me/facebooksession',
    stateMessageType: 'FacebooksessionStateChangeMessage',
    resourceKey: 'facebooksession',
    uriKey: 'facebooksessionUri',
    collection: 'facebooksessions',
  },
});

const clone = (v) => JSON.parse(JSON.stringify(v));

/**
 * A state notification's `data`, shaped like the spec example of the medium.
 * @param {'chat'|'facebooksession'} medium
 * @param {{id: string, origin: string, notificationType?: string, state?: string,
 *   participants?: object[], capabilities?: string[], userData?: object, referenceId?: number}} o
 */
export function stateData(medium, o) {
  const m = MEDIA[medium];
  const base = clone(medium === 'chat' ? specExamples.chatState.data : specExamples.fbState.data);
  const resource = base[m.resourceKey];
  base.notificationType = o.notificationType ?? 'StatusChange';
  base.referenceId = o.referenceId ?? base.referenceId;
  resource.id = o.id;
  resource.uri = `${o.origin}/api/v2/${m.collection}/${o.id}`;
  if (o.state) resource.state = o.state;
  if (o.participants) resource.participants = o.participants;
  if (o.capabilities) resource.capabilities = o.capabilities;
  if (o.userData) resource.userData = o.userData;
  return base;
}

/**
 * A `MessageLogUpdated` notification's `data` for the given messages.
 * @param {'chat'|'facebooksession'} medium
 * @param {{id: string, origin: string, messages: object[]}} o
 */
export function logData(medium, o) {
  const m = MEDIA[medium];
  return {
    messageType: 'MessageLogUpdated',
    notificationType: 'NewMessages',
    messages: o.messages,
    [m.uriKey]: `${o.origin}/api/v2/${m.collection}/${o.id}`,
  };
}

/**
 * One log message in the wire format.
 * @param {number} index
 * @param {string} type
 * @param {{nickname: string, type: string, participantId: string} | null} from
 * @param {object} [extra] e.g. `{text}`, `{noticeText}`, `{url}`, `{visibility}`
 */
export function message(index, type, from, extra = {}) {
  const now = Date.now();
  return {
    index,
    type,
    ...(from ? { from } : {}),
    visibility: 'All',
    timestamp: new Date(now).toISOString().replace('Z', '+0000'),
    timestampSeconds: now,
    ...extra,
  };
}
