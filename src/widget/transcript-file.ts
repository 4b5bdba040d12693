/**
 * The transcript a visitor saves after a chat: plain text made in the browser, one line per
 * entry of the visible log (`[time] sender: text`). Only what the customer was shown: the
 * chat's `messages` hold nothing whose visibility is not `All`.
 */
import type { GwsWidgetPanelStrings } from '../i18n/widget/panel.js';
import type { ChatMessage } from '../model/transcript.js';

/** The file's text for `messages`, times in `locale` (`undefined`: the browser's). */
export function transcriptText(messages: readonly ChatMessage[], s: GwsWidgetPanelStrings, locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  return messages.map((m) => {
    const who = plain(m.own ? s.you : m.from?.nickname ?? '');
    const text = plain(m.type === 'ParticipantJoined' ? s.joined
      : m.type === 'ParticipantLeft' ? s.left
        : [m.text, m.url].filter(Boolean).join(' '));
    return `${m.time === null ? '' : `[${time.format(m.time)}] `}${who ? `${who}: ` : ''}${text}`;
  }).join('\n') + '\n';
}

/** Line breaks (any: CR, LF, VT, FF, NEL, U+2028/9) and other control characters. Tab stays. */
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]+/g;
/** Characters that open a bidi embedding, override or isolate (and their closers). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * A sender or a text as it goes into the file: on one line, without control characters (a
 * terminal that shows the file with `cat` would obey an ESC sequence: clear the screen,
 * retitle the window, hide text); one that holds bidi controls is put in an isolate (FSI …
 * PDI), which ends whatever it opened, so an override cannot reverse the rest of the line.
 */
function plain(field: string): string {
  const one = field.replace(CONTROLS, ' ');
  return BIDI.test(one) ? `\u2068${one}\u2069` : one;
}

/** The file's name: `chat-<date>.txt` (the date of `now`, local). */
export function transcriptFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `chat-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.txt`;
}
