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
    const who = m.own ? s.you : m.from?.nickname ?? '';
    const text = m.type === 'ParticipantJoined' ? s.joined
      : m.type === 'ParticipantLeft' ? s.left
        : [m.text, m.url].filter(Boolean).join(' ');
    const line = `${m.time === null ? '' : `[${time.format(m.time)}] `}${who ? `${who}: ` : ''}${text}`;
    // One line per entry, whatever the text holds.
    return line.replace(/[\r\n\u2028\u2029]+/g, ' ');
  }).join('\n') + '\n';
}

/** The file's name: `chat-<date>.txt` (the date of `now`, local). */
export function transcriptFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `chat-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.txt`;
}
