/**
 * The pre-chat form's rules, without the DOM: which built-in fields exist, which are wrong,
 * and what the RequestChat carries (`nickname`, `subject`, `userData` with the email as
 * `EmailAddress` and the host's own fields under their names).
 */
import type { GwsWidgetPanelStrings } from '../i18n/widget/panel.js';
import type { StartChatOptions } from '../session/session-types.js';

/** The built-in fields, in the order they are shown. */
export const PRECHAT_FIELDS = ['nickname', 'email', 'subject'] as const;
export type PrechatField = typeof PRECHAT_FIELDS[number];

/** The built-in fields `prechat-fields` names (unknown names are ignored), in the built-in order. */
export const chosenFields = (names: readonly string[]): PrechatField[] => PRECHAT_FIELDS.filter((f) => names.includes(f));

/** An address with one `@`, something before it, and a dotted domain after it. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Characters that show nothing: format characters (zero-width spaces and joiners, bidi
 * controls, the BOM), spaces, and the blank letters (Hangul fillers, the blank braille
 * pattern) that pass for a name on screen while showing none.
 */
const INVISIBLE = /[\p{Cf}\p{Z}\s\u115f\u1160\u3164\uffa0\u2800]/gu;

/** What is wrong with a field's value, as the key of its message, or `null`. */
export function fieldError(field: PrechatField, value: string): 'nicknameMissing' | 'emailInvalid' | null {
  const v = value.trim();
  if (field === 'nickname' && !v.replace(INVISIBLE, '')) return 'nicknameMissing';
  if (field === 'email' && v && !EMAIL.test(v)) return 'emailInvalid';
  return null;
}

/** What `startChat()` is given for the form's values. */
export function startOptions(
  values: Partial<Record<PrechatField, string>>, hostFields: Readonly<Record<string, string>>,
): StartChatOptions {
  const email = values.email?.trim();
  const nickname = values.nickname?.trim();
  const subject = values.subject?.trim();
  const userData: Record<string, string> = { ...hostFields };
  if (email) userData['EmailAddress'] = email;
  // Only what the visitor gave: an absent key keeps the chat's own default (its attribute).
  return {
    ...(nickname ? { nickname } : {}),
    ...(subject ? { subject } : {}),
    ...(Object.keys(userData).length ? { userData } : {}),
  };
}

/** The label of each built-in field. */
export const FIELD_LABELS = {
  nickname: 'nickname', email: 'email', subject: 'subject',
} as const satisfies Record<PrechatField, keyof GwsWidgetPanelStrings>;
