/**
 * The answer of `GET {api}/chats/{id}`: the interaction resource (state, capabilities,
 * participants, user data), which is how a client learns a state it missed while
 * disconnected. Untrusted JSON in, a typed resource or a described rejection out; the
 * resource is checked exactly like the one of a state notification (same limits). Never
 * throws.
 */
import type { MediumDescriptor } from './medium.js';
import { parseNotification } from './parse.js';
import type { InteractionResource } from './types.js';

/** The resource read, or why the answer was rejected. */
export type ChatResourceResult =
  | { readonly ok: true; readonly resource: InteractionResource }
  | { readonly ok: false; readonly reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses the answer of reading interaction `id` (`{"statusCode": 0, "chat": {...}}`, the
 * resource under the medium's `resourceKey`). An answer about another interaction is
 * rejected. The resource's `uri` is left out: it never says where requests go.
 */
export function parseChatResource(answer: unknown, medium: MediumDescriptor, id: string): ChatResourceResult {
  if (!isRecord(answer)) return { ok: false, reason: 'the answer is not an object' };
  const raw = Object.prototype.hasOwnProperty.call(answer, medium.resourceKey) ? answer[medium.resourceKey] : undefined;
  if (!isRecord(raw)) return { ok: false, reason: `the answer has no ${medium.resourceKey} object` };
  const { uri: _uri, id: given, ...fields } = raw;
  if (given !== undefined && given !== null && given !== '' && given !== id) {
    const which = typeof given === 'string' ? ` (${given.slice(0, 80)})` : '';
    return { ok: false, reason: `the answer is about another ${medium.name}${which}` };
  }
  // Read as the state notification it amounts to, so every field meets the same checks.
  const parsed = parseNotification({
    data: { messageType: medium.stateMessageType, notificationType: 'StatusChange', [medium.resourceKey]: { ...fields, id } },
  }, medium);
  if (!parsed.ok) return { ok: false, reason: parsed.reason.replace(/^data\./, '') };
  if (parsed.notification.kind !== 'state') return { ok: false, reason: 'the answer is not a resource' };
  const resource = parsed.notification.resource;
  return { ok: true, resource };
}
