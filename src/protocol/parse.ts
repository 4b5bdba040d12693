/**
 * Untrusted JSON in, typed notification or a described rejection out. Never throws.
 */
import type { MediumDescriptor } from './medium.js';
import { messageTime } from './timestamp.js';
import type {
  InteractionResource,
  InteractionState,
  LogNotification,
  Notification,
  NotificationType,
  Participant,
  ParticipantType,
  ParseResult,
  Rejection,
  StateNotification,
  WireMessage,
} from './types.js';

/**
 * Longest `text`/`noticeText` kept, in code points: a longer one is cut there. Also the
 * most characters of JSON a state's `userData` keeps (entries that do not fit are dropped).
 */
export const MAX_TEXT_LENGTH = 65_536;
/**
 * Longest nickname, participant id or type, message type or visibility kept (a longer one
 * is cut), and longest state, capability or URL kept (a longer one is dropped). An
 * interaction's `id` or `uri` that is longer rejects the notification: it cannot be ours.
 */
export const MAX_SHORT_LENGTH = 2_048;
/**
 * Most messages one CometD notification may carry. Only notifications are bounded: a
 * catch-up answer or a stored transcript (`parseMessages`) may be of any length.
 */
export const MAX_MESSAGES = 10_000;
/** Most participants, capabilities or `userData` keys kept from one resource (the first ones). */
export const MAX_LIST = 1_000;
/** Most notes on what was cut that one combined reason lists by name. */
const MAX_NOTES = 5;

/**
 * What a parse cut or dropped for being over a limit, collected as it goes and said in one
 * reason at the end. Each note names a place, not a count that changes, so a repeated
 * notification gives the identical reason.
 */
type Notes = string[];

function combined(notes: Notes): string | undefined {
  if (notes.length === 0) return undefined;
  const listed = notes.slice(0, MAX_NOTES).join('; ');
  return notes.length > MAX_NOTES ? `${listed}; and ${notes.length - MAX_NOTES} more` : listed;
}

/** A key shown inside a note: short, so a note cannot grow with a hostile key. */
const named = (key: string) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an own property only, so inherited and prototype keys are never consulted. */
function own(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

const sameWord = (a: unknown, b: string) =>
  typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * Spells a known value canonically whatever its case on the wire; anything else passes
 * through unchanged. This is the only place where case is ignored: everything downstream
 * compares canonical values exactly.
 */
function canonicaliser<T extends string>(known: readonly T[]): (value: string) => T | string {
  const byLowerCase = new Map(known.map((k) => [k.toLowerCase(), k]));
  return (value) => byLowerCase.get(value.toLowerCase()) ?? value;
}

const canonicalState = canonicaliser<InteractionState>([
  'WaitingForAgent', 'Invited', 'Chatting', 'Idle', 'LeftChat', 'Completed', 'Revoked',
]);
const canonicalNotificationType = canonicaliser<NotificationType>([
  'StatusChange', 'ParticipantsUpdated', 'PropertiesUpdated', 'Error', 'NewMessages',
]);
const canonicalParticipantType = canonicaliser<ParticipantType>([
  'Customer', 'Client', 'Agent', 'Supervisor', 'External',
]);
const canonicalMessageType = canonicaliser<WireMessage['type']>([
  'Text', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'TypingStopped',
  'Notice', 'CustomNotice', 'NicknameUpdated', 'PushUrl',
]);

/**
 * A rejection on its way out of the parser. Not an `Error`: it is always caught here, and
 * capturing a stack for each malformed entry made a long list of them twice as slow.
 */
class Reject {
  constructor(readonly message: string) {}
}
function fail(reason: string): never {
  throw new Reject(reason);
}

function shortString(obj: Json, key: string, where: string, required: boolean): string {
  const v = own(obj, key);
  if (v === undefined || v === null) {
    if (required) fail(`${where}.${key} is missing`);
    return '';
  }
  if (typeof v !== 'string') return fail(`${where}.${key} is not a string`);
  if (v.length > MAX_SHORT_LENGTH) fail(`${where}.${key} is longer than ${MAX_SHORT_LENGTH} characters`);
  return v;
}

/** Like `shortString`, but a string over the limit is cut to it (and noted), not rejected. */
function cutString(obj: Json, key: string, where: string, required: boolean, notes: Notes): string {
  const v = own(obj, key);
  if (typeof v === 'string' && v.length > MAX_SHORT_LENGTH) {
    notes.push(`${where}.${key} cut to ${MAX_SHORT_LENGTH} characters`);
    return v.slice(0, v.charCodeAt(MAX_SHORT_LENGTH - 1) >> 10 === 0x36 ? MAX_SHORT_LENGTH - 1 : MAX_SHORT_LENGTH);
  }
  return shortString(obj, key, where, required);
}

/** Like `shortString`, but a string over the limit is dropped (and noted): `''`, as if absent. */
function droppedIfLong(obj: Json, key: string, where: string, notes: Notes): string {
  const v = own(obj, key);
  if (typeof v === 'string' && v.length > MAX_SHORT_LENGTH) {
    notes.push(`${where}.${key} dropped (longer than ${MAX_SHORT_LENGTH} characters)`);
    return '';
  }
  return shortString(obj, key, where, false);
}

/** `text` cut to `max` code points (a surrogate pair is never split). */
function cutCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  let n = 0;
  let end = 0;
  for (const ch of text) {
    if (n === max) return text.slice(0, end);
    n++;
    end += ch.length;
  }
  return text;
}

function parseParticipant(v: unknown, where: string, notes: Notes): Participant {
  if (!isRecord(v)) return fail(`${where} is not an object`);
  const participantId = cutString(v, 'participantId', where, false, notes);
  const nickname = cutString(v, 'nickname', where, false, notes);
  const type = canonicalParticipantType(cutString(v, 'type', where, false, notes));
  if (!participantId && !nickname) fail(`${where} has neither participantId nor nickname`);
  return { participantId, nickname, type };
}

/** Types whose sender must be known to make sense (canonical spellings). */
const NEEDS_SENDER: ReadonlySet<string> = new Set<WireMessage['type']>([
  'Text', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'TypingStopped', 'NicknameUpdated',
]);

function parseMessage(v: unknown, where: string, notes: Notes): WireMessage {
  if (!isRecord(v)) return fail(`${where} is not an object`);
  const index = own(v, 'index');
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    fail(`${where}.index is not a non-negative integer`);
  }
  const rawType = cutString(v, 'type', where, true, notes);
  if (!rawType) fail(`${where}.type is empty`);
  const type = canonicalMessageType(rawType);
  const fromRaw = own(v, 'from');
  const from = fromRaw === undefined || fromRaw === null ? null : parseParticipant(fromRaw, `${where}.from`, notes);
  if (!from && NEEDS_SENDER.has(type)) fail(`${where}.from is missing for a ${type} message`);

  let text = '';
  for (const key of ['text', 'noticeText']) {
    const t = own(v, key);
    if (t === undefined || t === null) continue;
    if (typeof t !== 'string') fail(`${where}.${key} is not a string`);
    const kept = cutCodePoints(t as string, MAX_TEXT_LENGTH);
    if (kept !== t) notes.push(`${where}.${key} cut to ${MAX_TEXT_LENGTH} characters`);
    if (!text) text = kept;
  }
  // A link cut short would lead elsewhere: a URL over the limit is dropped.
  const url = droppedIfLong(v, 'url', where, notes);
  // A missing visibility is treated as hidden: only an explicit `All` reaches the customer.
  const visibility = cutString(v, 'visibility', where, false, notes);
  const time = messageTime(own(v, 'timestampSeconds'), own(v, 'timestamp'));
  return { index: index as number, type, from, text, url, visibility, time };
}

/** The first `MAX_LIST` entries of a list (a longer list is noted). */
function firstOfList(v: unknown[], where: string, notes: Notes): unknown[] {
  if (v.length <= MAX_LIST) return v;
  notes.push(`${where}: more than ${MAX_LIST} entries, the first ${MAX_LIST} kept`);
  return v.slice(0, MAX_LIST);
}

function parseStringList(v: unknown, where: string, notes: Notes): string[] {
  if (!Array.isArray(v)) return fail(`${where} is not an array`);
  const kept: string[] = [];
  firstOfList(v, where, notes).forEach((item, i) => {
    if (typeof item !== 'string') fail(`${where}[${i}] is not a string`);
    if ((item as string).length > MAX_SHORT_LENGTH) notes.push(`${where}[${i}] dropped (longer than ${MAX_SHORT_LENGTH} characters)`);
    else kept.push(item as string);
  });
  return kept;
}

/**
 * Copies user data into a fresh object, leaving out prototype-polluting keys: the first
 * `MAX_LIST` keys, as long as they fit together in `MAX_TEXT_LENGTH` characters of JSON
 * (an entry that does not fit is dropped, and named in a note).
 */
function parseUserData(v: unknown, where: string, notes: Notes): Record<string, unknown> {
  if (!isRecord(v)) return fail(`${where} is not an object`);
  let keys = Object.keys(v);
  if (keys.length > MAX_LIST) {
    notes.push(`${where}: more than ${MAX_LIST} keys, the first ${MAX_LIST} kept`);
    keys = keys.slice(0, MAX_LIST);
  }
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  let size = 2; // {}
  for (const k of keys) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    let entry = Infinity;
    try {
      entry = JSON.stringify(k).length + 1 + (JSON.stringify(v[k]) ?? '').length + 1;
    } catch {
      // Not plain JSON (only possible for input that did not come from JSON): dropped.
    }
    if (size + entry > MAX_TEXT_LENGTH + 1) {
      dropped.push(named(k));
      continue;
    }
    size += entry;
    kept[k] = v[k];
  }
  if (dropped.length > 0) {
    const list = dropped.length > MAX_NOTES ? `${dropped.slice(0, MAX_NOTES).join(', ')} and ${dropped.length - MAX_NOTES} more` : dropped.join(', ');
    notes.push(`${where} ${list} dropped (over ${MAX_TEXT_LENGTH} characters of JSON)`);
  }
  return kept;
}

function parseResource(v: unknown, where: string, notes: Notes): InteractionResource {
  if (!isRecord(v)) return fail(`${where} is missing or not an object`);
  const id = shortString(v, 'id', where, false);
  const uri = shortString(v, 'uri', where, false);
  if (!id && !uri) fail(`${where} has neither id nor uri`);
  const resource: { -readonly [K in keyof InteractionResource]: InteractionResource[K] } = {
    id: id || lastSegment(uri),
  };
  if (uri) resource.uri = uri;
  const state = own(v, 'state');
  if (state !== undefined && state !== null) {
    // An unknown state either way: one over the limit is dropped (the state stays as it was).
    if (typeof state === 'string' && state.length > MAX_SHORT_LENGTH) droppedIfLong(v, 'state', where, notes);
    else resource.state = canonicalState(shortString(v, 'state', where, false));
  }
  const caps = own(v, 'capabilities');
  if (caps !== undefined && caps !== null) resource.capabilities = parseStringList(caps, `${where}.capabilities`, notes);
  const parts = own(v, 'participants');
  if (parts !== undefined && parts !== null) {
    if (!Array.isArray(parts)) fail(`${where}.participants is not an array`);
    resource.participants = firstOfList(parts as unknown[], `${where}.participants`, notes)
      .map((p, i) => parseParticipant(p, `${where}.participants[${i}]`, notes));
  }
  const userData = own(v, 'userData');
  if (userData !== undefined && userData !== null) resource.userData = parseUserData(userData, `${where}.userData`, notes);
  return resource;
}

function firstString(obj: Json, keys: string[]): string | null {
  for (const key of keys) {
    const v = own(obj, key);
    if (typeof v === 'string' && v.length > 0) return v.slice(0, MAX_TEXT_LENGTH);
  }
  return null;
}

function parseState(data: Json, medium: MediumDescriptor, notes: Notes): StateNotification {
  const notificationType = canonicalNotificationType(cutString(data, 'notificationType', 'data', true, notes));
  const resource = parseResource(own(data, medium.resourceKey), `data.${medium.resourceKey}`, notes);
  const ref = own(data, 'referenceId');
  const referenceId = typeof ref === 'number' && Number.isFinite(ref) ? ref : null;
  const errorMessage = notificationType === 'Error'
    ? firstString(data, ['errorMessage', 'statusMessage', 'message', 'error'])
    : null;
  return { kind: 'state', notificationType, resource, referenceId, errorMessage };
}

/**
 * Parses a list of messages (its entries `from` to `to`), rejecting malformed entries one
 * by one. Linear in the length parsed; a hole in a sparse array is rejected like any entry
 * that is not an object.
 */
function parseList(
  list: unknown, where: string, notes: Notes, from = 0, to = Infinity,
): { messages: WireMessage[]; rejected: Rejection[] } {
  if (!Array.isArray(list)) return fail(`${where} is not an array`);
  const messages: WireMessage[] = [];
  const rejected: Rejection[] = [];
  for (let i = from; i < Math.min(to, list.length); i++) {
    const noted = notes.length;
    try {
      messages.push(parseMessage(list[i], `${where}[${i}]`, notes));
    } catch (e) {
      if (!(e instanceof Reject)) throw e;
      // Rejected whole: what was cut of it is not worth a word.
      notes.length = noted;
      rejected.push({ reason: e.message });
    }
  }
  return { messages, rejected };
}

/**
 * The older part of a long log notification, not parsed yet: its messages before `end`.
 * `parseOlder` parses it a part at a time, newest part first.
 */
export interface OlderMessages {
  readonly list: readonly unknown[];
  readonly end: number;
}

/** A message's `index` as it came, unchecked (`undefined` when it is no number). */
function rawIndex(v: unknown): number | undefined {
  const index = isRecord(v) ? own(v, 'index') : undefined;
  return typeof index === 'number' ? index : undefined;
}

/**
 * Where the part of about `size` messages that ends at `end` starts: never between two
 * messages of the same index (which keep their order of arrival).
 */
function partStart(list: readonly unknown[], end: number, size: number): number {
  let start = Math.max(0, end - size);
  while (start > 0 && rawIndex(list[start]) !== undefined && rawIndex(list[start - 1]) === rawIndex(list[start])) start--;
  return start;
}

/**
 * Parses the newest part (about `size` messages) of what is left of a long log
 * notification; `rest` is what is left after it. Malformed messages are rejected one by
 * one, as by `parseNotification`.
 */
export function parseOlder(
  older: OlderMessages, size: number,
): { messages: WireMessage[]; rejected: Rejection[]; trimmed: string | undefined; rest: OlderMessages | undefined } {
  const notes: Notes = [];
  const start = partStart(older.list, older.end, size);
  const parsed = parseList(older.list, 'data.messages', notes, start, older.end);
  return { ...parsed, trimmed: combined(notes), rest: start > 0 ? { list: older.list, end: start } : undefined };
}

/**
 * Whether a valid message of `older` has an index of at most `index` (a log notification
 * that leaves no gap after it). Only messages whose index could be that low are checked.
 */
export function olderReaches(older: OlderMessages, index: number): boolean {
  for (let i = 0; i < older.end; i++) {
    const raw = rawIndex(older.list[i]);
    if (raw !== undefined && raw <= index && parseList(older.list, '', [], i, i + 1).messages.length > 0) return true;
  }
  return false;
}

function parseLog(
  data: Json, medium: MediumDescriptor, notes: Notes, newest: number,
): { notification: LogNotification; rejected: Rejection[]; older?: OlderMessages } {
  const uri = shortString(data, medium.uriKey, 'data', false) || shortString(data, medium.pathKey, 'data', false);
  if (!uri) fail(`data.${medium.uriKey} is missing`);
  const list = own(data, 'messages');
  if (Array.isArray(list) && list.length > MAX_MESSAGES) {
    fail(`data.messages has ${list.length} entries, more than the ${MAX_MESSAGES} one notification may carry`
      + ' (the log itself can still be fetched whole)');
  }
  const start = Array.isArray(list) && list.length > newest ? partStart(list, list.length, newest) : 0;
  const { messages, rejected } = parseList(list, 'data.messages', notes, start);
  const notification: LogNotification = { kind: 'log', resourceUri: uri, messages };
  return start > 0 ? { notification, rejected, older: { list: list as unknown[], end: start } } : { notification, rejected };
}

/**
 * Parses a list of log messages from elsewhere than a notification (the answer of
 * `GET .../messages`, or a stored transcript). A list of any length is accepted, since
 * a catch-up must never be dropped whole for being long (100,000 messages parse in well
 * under a second, in linear time); malformed entries are rejected one by one. Only input
 * that is not an array at all is rejected whole.
 */
export function parseMessages(
  list: unknown,
  where = 'messages',
): { ok: true; messages: WireMessage[]; rejected: Rejection[]; trimmed?: string } | { ok: false; reason: string } {
  try {
    const notes: Notes = [];
    const parsed = parseList(list, where, notes);
    const trimmed = combined(notes);
    return trimmed === undefined ? { ok: true, ...parsed } : { ok: true, ...parsed, trimmed };
  } catch (e) {
    return { ok: false, reason: e instanceof Reject ? e.message : `unexpected input (${String(e)})` };
  }
}

/**
 * Parses one CometD message (`{channel, data}`) of the given medium's topic. Malformed
 * input yields `{ok: false, reason}`; a malformed message inside an otherwise valid log
 * notification is rejected alone and listed in `rejected`.
 *
 * Known states, notification types, participant types and message types come out in
 * their canonical spelling whatever their case on the wire (`completed` → `Completed`);
 * unknown values pass through unchanged.
 *
 * What is only over a limit is cut or dropped alone, the rest kept (see `MAX_TEXT_LENGTH`,
 * `MAX_SHORT_LENGTH`, `MAX_LIST`), and said in one combined reason, `trimmed`; a repeated
 * notification gives the identical reason.
 *
 * A `MessageLogUpdated` carrying more than `MAX_MESSAGES` messages is rejected whole,
 * with a reason that says how many it carried: keeping only some of them would leave a
 * gap below the transcript's highest index, which a catch-up from that index would never
 * fill. The caller should treat it like any lost notification of its interaction and
 * catch up (`GET …/messages`, parsed by `parseMessages`, which has no such limit).
 *
 * With `newest`, a log notification of more messages than that is parsed in parts: only
 * its newest `newest` messages (about) now, the rest is `older` (see `parseOlder`), so
 * that a long history costs no long task.
 */
export function parseNotification(
  raw: unknown, medium: MediumDescriptor, newest = Infinity,
): ParseResult & { readonly older?: OlderMessages } {
  try {
    if (!isRecord(raw)) return fail('notification is not an object');
    const data = own(raw, 'data');
    if (!isRecord(data)) return fail('notification has no data object');
    const messageType = own(data, 'messageType');
    if (typeof messageType !== 'string') return fail('data.messageType is missing');
    const notes: Notes = [];
    if (sameWord(messageType, medium.stateMessageType)) {
      return withNotes({ ok: true, notification: parseState(data, medium, notes), rejected: [] }, notes);
    }
    if (sameWord(messageType, 'MessageLogUpdated')) {
      const { notification, rejected, older } = parseLog(data, medium, notes, newest);
      const result = withNotes({ ok: true, notification, rejected }, notes);
      return older ? { ...result, older } : result;
    }
    return { ok: false, reason: `unknown messageType "${messageType.slice(0, 80)}"`, unsupported: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Reject ? e.message : `unexpected input (${String(e)})` };
  }
}

function withNotes(result: Extract<ParseResult, { ok: true }>, notes: Notes): ParseResult {
  const trimmed = combined(notes);
  return trimmed === undefined ? result : { ...result, trimmed };
}

/** Whether a string is a plausible interaction id (what GWS issues: letters, digits, `.`, `_`, `-`). */
export function isInteractionId(id: unknown): id is string {
  return typeof id === 'string' && /^[\w.-]{1,128}$/.test(id);
}

/** The last path segment of a URI or path, ignoring a query, fragment or trailing slash. */
export function lastSegment(uri: string): string {
  // Loops, not regular expressions: this runs on untrusted strings before any length
  // check, and a trailing-slash regex is quadratic on a long run of slashes.
  let end = uri.length;
  for (let i = 0; i < uri.length; i++) {
    if (uri[i] === '?' || uri[i] === '#') {
      end = i;
      break;
    }
  }
  while (end > 0 && uri[end - 1] === '/') end--;
  return uri.slice(uri.lastIndexOf('/', end - 1) + 1, end);
}

/** The interaction id a parsed notification belongs to. */
export function interactionIdOf(notification: Notification): string {
  return notification.kind === 'state'
    ? notification.resource.id
    : lastSegment(notification.resourceUri);
}

/**
 * Whether a raw CometD message concerns the given interaction, judged before full
 * validation so traffic of other interactions is ignored without being reported as bad.
 * Returns `undefined` when the message does not say which interaction it is about.
 */
export function concernsInteraction(
  raw: unknown,
  medium: MediumDescriptor,
  interactionId: string,
): boolean | undefined {
  if (!isRecord(raw)) return undefined;
  const data = own(raw, 'data');
  if (!isRecord(data)) return undefined;
  const ids: string[] = [];
  const resource = own(data, medium.resourceKey);
  if (isRecord(resource)) {
    const id = own(resource, 'id');
    const uri = own(resource, 'uri');
    if (typeof id === 'string') ids.push(id);
    if (typeof uri === 'string') ids.push(lastSegment(uri));
  }
  for (const key of [medium.uriKey, medium.pathKey]) {
    const v = own(data, key);
    if (typeof v === 'string') ids.push(lastSegment(v));
  }
  if (ids.length === 0) return undefined;
  return ids.includes(interactionId);
}
