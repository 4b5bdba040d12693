// Browser-side helpers for tests that talk to the real CometD server (the GWS simulator
// mounted in the test runner's dev server; see web-test-runner.config.mjs).
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { GwsInteractionElement } from '../../src/elements/gws-interaction-element.js';

export const NOTIFICATIONS_URL = '/api/v2/notifications';
export const SECOND_SERVER_URL = '/gws2/api/v2/notifications';
export const CHAT_TOPIC = '/v2/me/chats';
export const FB_TOPIC = '/v2/me/facebooksession';
const ORIGIN = 'http://localhost:8080';

/** Publishes `data` on a topic through the real CometD server. */
export async function publish(topic: string, data: unknown, basePath = '/api/v2'): Promise<void> {
  await executeServerCommand('gws-publish', { topic, data, basePath });
}

/** Publishes a whole CometD message as the spec prints it (`{"data": ...}`). */
export function publishExample(topic: string, example: { data: unknown }): Promise<void> {
  return publish(topic, example.data);
}

export interface ServerStats {
  sessions: number;
  handshakes: number;
  /** Handshake requests received, refused ones included. */
  handshakeRequests: number;
  subscribers: Record<string, number>;
}

/** What the CometD server sees now. */
export async function serverStats(basePath = '/api/v2'): Promise<ServerStats> {
  return (await executeServerCommand('gws-stats', { basePath })) as ServerStats;
}

/** A spec example exactly as printed (demo/spec-examples). */
export async function specExample(name: 'chat-log' | 'chat-state' | 'fb-log' | 'fb-state'): Promise<{ data: Record<string, unknown> }> {
  const response = await fetch(`/demo/spec-examples/${name}.json`);
  return response.json();
}

let counter = 0;
/** An interaction id no other test uses. */
export function uniqueId(prefix = 'T'): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${counter}`.toUpperCase();
}

export interface WireParticipant {
  nickname: string;
  type: string;
  participantId: string;
}

export const CUSTOMER: WireParticipant = { nickname: 'PersonP', type: 'Customer', participantId: '009052C5E6D6004A' };
export const AGENT: WireParticipant = { nickname: 'Marat', type: 'Agent', participantId: '009052C5E743004C' };
export const SUPERVISOR: WireParticipant = { nickname: 'Sam', type: 'Agent', participantId: '009052C5E743004D' };

/** A wire message; `extra` overrides or adds fields. */
export function wireMessage(
  index: number,
  type: string,
  from: WireParticipant | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    index,
    type,
    ...(from ? { from } : {}),
    visibility: 'All',
    timestamp: '2014-01-09 11:58:12.035+0200',
    timestampSeconds: 1389261492035 + index * 1000,
    ...extra,
  };
}

/** `MessageLogUpdated` data for a chat. */
export function chatLog(id: string, messages: unknown[]): Record<string, unknown> {
  return { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', messages, chatUri: `${ORIGIN}/api/v2/chats/${id}` };
}

/** `ChatStateChangeMessage` data for a chat. */
export function chatState(id: string, chat: Record<string, unknown>, notificationType = 'StatusChange'): Record<string, unknown> {
  return {
    messageType: 'ChatStateChangeMessage',
    notificationType,
    chat: { id, uri: `${ORIGIN}/api/v2/chats/${id}`, ...chat },
    referenceId: 1,
  };
}

/** `MessageLogUpdated` data for a Facebook session. */
export function fbLog(id: string, messages: unknown[]): Record<string, unknown> {
  return {
    messageType: 'MessageLogUpdated',
    notificationType: 'NewMessages',
    messages,
    facebooksessionUri: `${ORIGIN}/api/v2/facebooksessions/${id}`,
  };
}

/** `FacebooksessionStateChangeMessage` data. */
export function fbState(id: string, resource: Record<string, unknown>, notificationType = 'StatusChange'): Record<string, unknown> {
  return {
    messageType: 'FacebooksessionStateChangeMessage',
    notificationType,
    facebooksession: { id, uri: `${ORIGIN}/api/v2/facebooksessions/${id}`, ...resource },
    referenceId: 2,
  };
}

/** Waits until the element is subscribed on a live connection. */
export async function connected(el: GwsInteractionElement): Promise<void> {
  await waitUntil(() => el.connectionState === 'connected', `never connected (state ${el.connectionState})`, { timeout: 8000 });
}

/** Waits until the element shows `count` log entries, then for its render. */
export async function messagesShown(el: GwsInteractionElement, count: number): Promise<void> {
  await waitUntil(() => el.messages.length >= count, `expected ${count} messages, have ${el.messages.length}`, { timeout: 8000 });
  await el.updateComplete;
}

// Looking into an element: test/support/parts.ts (still importable from here).
export { entries, partText, plain } from './parts.js';

/** Collects the events of one type an element fires. */
export function record<K extends keyof HTMLElementEventMap>(el: EventTarget, type: K): HTMLElementEventMap[K][] {
  const seen: HTMLElementEventMap[K][] = [];
  el.addEventListener(type, (e) => seen.push(e as HTMLElementEventMap[K]));
  return seen;
}

/** Calls the simulator's REST side (see demo/simulator-rest.mjs). */
export async function rest<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
  return restOn<T>('/api/v2', method, ...args);
}

/** `rest` on the simulator at `basePath`. */
export async function restOn<T = unknown>(basePath: string, method: string, ...args: unknown[]): Promise<T> {
  const answer = (await executeServerCommand('gws-rest', { method, args, basePath })) as { result: T };
  return answer.result;
}

/** Takes the simulator at `basePath` down (cutting every open request), restarting its CometD server. */
export async function outage(basePath: string, restart = true): Promise<void> {
  await executeServerCommand('gws-outage', { basePath, restart });
}

/**
 * Makes this page look offline (`navigator.onLine` false, an `offline` event) or online
 * again. Emulating it in the browser itself would also cut the test runner's own link.
 */
const nativeOnLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
export function setOffline(offline: boolean): void {
  Object.defineProperty(Navigator.prototype, 'onLine', offline ? { configurable: true, get: () => false } : nativeOnLine);
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
}

/** Brings the simulator at `basePath` back. */
export async function recover(basePath: string): Promise<void> {
  await executeServerCommand('gws-recover', { basePath });
}

/** Makes the simulator know a chat (with an empty log) before anything is published for it. */
export async function serverKnows(id: string, basePath = '/api/v2'): Promise<void> {
  await restOn(basePath, 'know', chatLog(id, []));
}

/** Creates a chat on the simulator, announces its state, and returns its id. */
export async function simulatedChat(nickname = 'PersonP', state = 'Chatting'): Promise<string> {
  const id = await rest<string>('create', 'chat', { origin: location.origin, nickname, state });
  return id;
}

/** What an agent does in a simulated chat: `join`, `say`, `typing`, `leave`, `capabilities`, `complete`. */
export function agent(id: string, action: string, options: Record<string, unknown> = {}): Promise<unknown> {
  return rest('agent', id, action, options);
}

export interface ReceivedOperation {
  path: string;
  operationName: string;
  body: Record<string, unknown>;
  contactCenterId: string | null;
  csrf: string | null;
}

/** The operations the simulator received for an interaction (or all). */
export function received(id?: string): Promise<ReceivedOperation[]> {
  return rest<ReceivedOperation[]>('received', id);
}

/**
 * `waitUntil` with a timeout that suits a loaded CI machine (5 s unless given): the
 * condition is polled, so a fast machine still passes at once.
 */
export function waitFor(
  predicate: () => unknown | Promise<unknown>,
  message?: string,
  options: { timeout?: number; interval?: number } = {},
): Promise<void> {
  return waitUntil(predicate, message, { timeout: 5000, ...options });
}
