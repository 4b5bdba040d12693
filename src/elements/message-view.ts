/**
 * How one transcript entry looks, built as plain DOM: an entry of the log is rendered once
 * and keeps no template parts (a long log costs its nodes, not a template instance per
 * entry). Untrusted text is only ever set as text (`textContent`, text nodes, attribute
 * values); links are made only from http(s) URLs.
 */
import { splitLinks, safeHref } from '../model/links.js';
import { isolate } from '../model/text.js';
import type { ChatMessage } from '../model/transcript.js';
import type { GwsChatStrings } from '../i18n/strings.js';

/** A time's shown text, per locale and minute: a log's times share a few minutes. */
const times = new Map<string, { format: Intl.DateTimeFormat; byMinute: Map<number, string> }>();

function formatTime(time: number, locale: string | undefined): string {
  const key = locale ?? '';
  let t = times.get(key);
  if (!t) {
    t = { format: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }), byMinute: new Map() };
    times.set(key, t);
  }
  const minute = Math.floor(time / 60_000);
  let shown = t.byMinute.get(minute);
  if (shown === undefined) {
    if (t.byMinute.size >= 1000) t.byMinute.clear();
    shown = t.format.format(time);
    t.byMinute.set(minute, shown);
  }
  return shown;
}

/**
 * Loads what formatting times in `locale` needs (the first time costs the browser tens of
 * milliseconds): call it while idle, so the task that shows a long history does not pay.
 */
export function prepareTimes(locale: string | undefined): void {
  formatTime(Date.now(), locale);
}

/** An element with attributes and children (text or nodes): no markup is ever parsed. */
function h(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const name in attributes) el.setAttribute(name, attributes[name]!);
  el.append(...children);
  return el;
}

/** A bidi isolate (`dir="auto"`) around `children`. */
const isolated = (...children: (Node | string)[]) => h('span', { dir: 'auto' }, ...children);

/**
 * A link to a checked http(s) URL that opens in a new tab without access to this page.
 * `dir="auto"` makes it a bidi isolate: a direction control in the URL stays inside it.
 */
const link = (href: string, text: string) =>
  h('a', { dir: 'auto', href, target: '_blank', rel: 'noopener noreferrer' }, text);

/**
 * Text with its http(s) URLs turned into links that open safely in a new tab. Every run,
 * link or text, is its own bidi isolate, so a direction override in one cannot reverse
 * the next. A text without links stays one run: place the result in an element with
 * `dir="auto"`, which isolates it.
 */
export function richText(text: string): (Node | string)[] {
  const runs = splitLinks(text);
  if (runs.length === 1 && !runs[0]!.href) return [text];
  return runs.map((run) => (run.href ? link(run.href, run.text) : isolated(run.text)));
}

/** Where the name goes in a sentence made by the strings (a private-use character). */
const NAME_SLOT = '\uE000';

/**
 * A sentence of the strings about a participant, the untrusted name in its own isolating
 * element (and between FSI and PDI, which copied text keeps): no character in the name,
 * not even a stray PDI, can reorder the sentence.
 */
function sentence(said: (name: string) => string, name: string): (Node | string)[] {
  const out: (Node | string)[] = [];
  said(NAME_SLOT).split(NAME_SLOT).forEach((part, i) => {
    if (i > 0) out.push(isolated(isolate(name)));
    if (part) out.push(part);
  });
  return out;
}

function senderName(m: ChatMessage, s: GwsChatStrings): string {
  if (m.own) return s.you;
  return m.from?.nickname || s.system;
}

/**
 * The empty shapes of the common entries, copied for each (one copy is much cheaper than
 * building the same elements and attributes one by one): `[what, time]` slots.
 */
const shapes = new Map<string, HTMLElement>();

/** A copy of the entry shape `key` (made by `make` the first time), and its text slots. */
function shaped(key: string, make: () => HTMLElement): [HTMLElement, Element[]] {
  let shape = shapes.get(key);
  if (!shape) {
    shape = make();
    shapes.set(key, shape);
  }
  const el = shape.cloneNode(true) as HTMLElement;
  return [el, [...el.children]];
}

/** The time slot of a shaped entry, filled (or removed for an entry without time). */
function fillTime(slot: Element, time: number | null, locale: string | undefined): void {
  if (time === null) {
    slot.remove();
    return;
  }
  slot.setAttribute('datetime', new Date(time).toISOString());
  slot.textContent = formatTime(time, locale);
}

const timeSlot = () => h('time', { part: 'time', class: 'time' });

/** A system line: what is said, then the time. */
function system(part: string, className: string, said: (Node | string)[], m: ChatMessage, locale: string | undefined): HTMLElement {
  const [el, [what, time]] = shaped(className + part, () => h('div', { part, class: className }, isolated(), ' ', timeSlot()));
  what!.append(...said);
  fillTime(time!, m.time, locale);
  return el;
}

/** One log entry, as a new element (Lit renders it as a node, too). */
export function renderMessage(m: ChatMessage, s: GwsChatStrings, locale: string | undefined): HTMLElement {
  const name = m.from?.nickname || s.system;
  switch (m.type) {
    case 'Text': {
      const [el, [sender, body, time]] = shaped(m.own ? 'own' : 'text', () => h('div', {
        part: m.own ? 'message message-text message-own' : 'message message-text',
        class: m.own ? 'message text own' : 'message text',
      },
      h('span', { part: 'sender', class: 'sender', dir: 'auto' }), ' ',
      h('p', { class: 'body', dir: 'auto' }), ' ',
      timeSlot()));
      sender!.textContent = senderName(m, s);
      body!.append(...richText(m.text));
      fillTime(time!, m.time, locale);
      return el;
    }
    case 'ParticipantJoined':
      return system('message message-joined', 'message system', sentence(s.joined, name), m, locale);
    case 'ParticipantLeft':
      return system('message message-left', 'message system', sentence(s.left, name), m, locale);
    case 'NicknameUpdated':
      return system('message message-notice', 'message system', m.text ? [m.text] : sentence(s.renamed, name), m, locale);
    case 'PushUrl': {
      const href = safeHref(m.url);
      const el = system('message message-notice', 'message system', sentence(s.sharedLink, senderName(m, s)), m, locale);
      el.firstChild!.after(' ', href ? link(href, m.url) : isolated(m.url));
      return el;
    }
    default:
      return system('message message-notice', 'message system notice', richText(m.text), m, locale);
  }
}
