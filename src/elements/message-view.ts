/**
 * How one transcript entry looks. Untrusted text is only ever bound as text; links are
 * made only from http(s) URLs.
 */
// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { splitLinks, safeHref } from '../model/links.js';
import { isolate } from '../model/text.js';
import type { ChatMessage } from '../model/transcript.js';
import { CHUNK_SIZE } from './history-window.js';
import type { GwsChatStrings } from '../i18n/strings.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatTime(time: number, locale: string | undefined): string {
  const key = locale ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    formatters.set(key, f);
  }
  return f.format(time);
}

function renderTime(time: number | null, locale: string | undefined) {
  if (time === null) return nothing;
  return html`<time part="time" class="time" datetime=${new Date(time).toISOString()}>${formatTime(time, locale)}</time>`;
}

/**
 * A link to a checked http(s) URL that opens in a new tab without access to this page.
 * `dir="auto"` makes it a bidi isolate: a direction control in the URL stays inside it.
 */
const link = (href: string, text: string) =>
  html`<a dir="auto" href=${href} target="_blank" rel="noopener noreferrer">${text}</a>`;

/**
 * Text with its http(s) URLs turned into links that open safely in a new tab. Every run,
 * link or text, is its own bidi isolate, so a direction override in one cannot reverse
 * the next. A text without links stays one run: place the result in an element with
 * `dir="auto"`, which isolates it.
 */
export function renderRichText(text: string) {
  const runs = splitLinks(text);
  if (runs.length === 1 && !runs[0]!.href) return text;
  return runs.map((run) => (run.href ? link(run.href, run.text) : html`<span dir="auto">${run.text}</span>`));
}

/** Where the name goes in a sentence made by the strings (a private-use character). */
const NAME_SLOT = '\uE000';

/**
 * A sentence of the strings about a participant, the untrusted name in its own isolating
 * element (and between FSI and PDI, which copied text keeps): no character in the name,
 * not even a stray PDI, can reorder the sentence.
 */
function renderSentence(sentence: (name: string) => string, name: string) {
  const shown = html`<span dir="auto">${isolate(name)}</span>`;
  return sentence(NAME_SLOT).split(NAME_SLOT).map((part, i) => (i === 0 ? part : [shown, part]));
}

function senderName(m: ChatMessage, s: GwsChatStrings): string {
  if (m.own) return s.you;
  return m.from?.nickname || s.system;
}

/** One log entry. */
export function renderMessage(m: ChatMessage, s: GwsChatStrings, locale: string | undefined): TemplateResult {
  const name = m.from?.nickname || s.system;
  switch (m.type) {
    case 'Text':
      return html`<div part=${m.own ? 'message message-text message-own' : 'message message-text'}
          class=${m.own ? 'message text own' : 'message text'}>
          <span part="sender" class="sender" dir="auto">${senderName(m, s)}</span>
          <p class="body" dir="auto">${renderRichText(m.text)}</p>
          ${renderTime(m.time, locale)}
        </div>`;
    case 'ParticipantJoined':
      return system('message message-joined', renderSentence(s.joined, name), m, locale);
    case 'ParticipantLeft':
      return system('message message-left', renderSentence(s.left, name), m, locale);
    case 'NicknameUpdated':
      return system('message message-notice', m.text || renderSentence(s.renamed, name), m, locale);
    case 'PushUrl': {
      const href = safeHref(m.url);
      const target = href
        ? link(href, m.url)
        : html`<span dir="auto">${m.url}</span>`;
      return html`<div part="message message-notice" class="message system">
          <span dir="auto">${renderSentence(s.sharedLink, senderName(m, s))}</span> ${target} ${renderTime(m.time, locale)}
        </div>`;
    }
    default:
      return html`<div part="message message-notice" class="message system notice">
          <span dir="auto">${renderRichText(m.text)}</span> ${renderTime(m.time, locale)}
        </div>`;
  }
}

function system(part: string, text: string | readonly unknown[], m: ChatMessage, locale: string | undefined): TemplateResult {
  return html`<div part=${part} class="message system"><span dir="auto">${text}</span> ${renderTime(m.time, locale)}</div>`;
}

/**
 * The log entries from position `from` on, in chunks of `CHUNK_SIZE`, each in its own
 * `.chunk` box. A chunk whose entries, texts and locale are unchanged is skipped, so an
 * append re-renders one chunk; and since the browser lays out a few hundred chunks rather
 * than thousands of entries, it re-lays out one chunk, not the log.
 */
export function renderLog(
  messages: readonly ChatMessage[],
  from: number,
  s: GwsChatStrings,
  locale: string | undefined,
) {
  const starts: number[] = [];
  for (let i = from; i < messages.length; i += CHUNK_SIZE) starts.push(i);
  return repeat(starts, (start) => start, (start) => {
    const chunk = messages.slice(start, start + CHUNK_SIZE);
    return html`<div class="chunk">${guard([s, locale, ...chunk], () => chunk.map((m) => renderMessage(m, s, locale)))}</div>`;
  });
}

/**
 * The rendered entry at `position` of a log rendered by `renderLog(…, from, …)` into
 * `entries`, or `null` when it is not rendered (yet).
 */
export function entryElement(entries: Element | null | undefined, from: number, position: number): HTMLElement | null {
  if (!entries || position < from) return null;
  const chunk = entries.children[Math.floor((position - from) / CHUNK_SIZE)];
  return (chunk?.children[(position - from) % CHUNK_SIZE] as HTMLElement | undefined) ?? null;
}
