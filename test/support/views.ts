// Rendered elements that several test files look at the same way: a short conversation
// (themes, contrast, geometry) and a small scrolling log (smart scrolling).
import { fixture, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, NOTIFICATIONS_URL, agent, chatLog, connected, entries, plain, publish, rest, simulatedChat,
  waitFor, wireMessage,
} from './gws.js';
import { part } from './parts.js';

/**
 * A `<gws-chat>` 420 px wide (in a box of direction `dir`) following a chat with an agent's
 * and a customer's message, its state known; with `typing`, the agent is typing too.
 */
export async function conversation(o: { theme?: string; dir?: string; typing?: boolean } = {}): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat();
  const wrapper = await fixture<HTMLDivElement>(html`<div dir=${o.dir ?? 'ltr'} style="width: 420px">
    <gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id} theme=${o.theme ?? 'auto'}></gws-chat></div>`);
  const el = wrapper.querySelector('gws-chat') as GwsChat;
  await connected(el);
  await rest('publishState', id);
  await publish(CHAT_TOPIC, chatLog(id, [
    wireMessage(1, 'Text', AGENT, { text: 'Hello, how can I help?' }),
    wireMessage(2, 'Text', CUSTOMER, { text: 'My order is late.' }),
  ]));
  await waitFor(() => el.messages.length === 2, 'messages not shown');
  if (o.typing) {
    await agent(id, 'typing');
    await waitFor(() => el.typingParticipants.length === 1, 'no typing');
  }
  await el.updateComplete;
  return { el, id };
}

/** The scrolling log. */
export const logOf = (el: GwsChat) => part(el, 'log')!;
/** The "new messages" button, or `null`. */
export const newMessagesButton = (el: GwsChat) => part(el, 'new-messages-button');
/** Whether the log is scrolled to its newest entries. */
export const atBottom = (el: GwsChat) => Math.abs(logOf(el).scrollTop + logOf(el).clientHeight - logOf(el).scrollHeight) <= 2;
/** The entry whose text is `text`, if rendered. */
export const entryWith = (el: GwsChat, text: string) => entries(el).find((e) => plain(e.querySelector('.body')?.textContent) === text);

/** Whether an entry's top is inside the visible part of the log. */
export function inView(el: GwsChat, entry: HTMLElement): boolean {
  const box = entry.getBoundingClientRect();
  const view = logOf(el).getBoundingClientRect();
  return box.top >= view.top - 1 && box.top < view.bottom;
}

/** A small element (320 px high) following a chat with 30 messages, scrolled to the bottom. */
export async function thirtyMessages(): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat();
  const el = await fixture<GwsChat>(html`<gws-chat style="height: 320px" url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  // Test pages run side by side, some in background tabs, where the browser never runs the
  // rendering step that decides which chunks of the log are on screen: with
  // `content-visibility: auto` they would keep their 2400 px placeholder size. Lay them all out.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.chunk { content-visibility: visible; }');
  el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.session.catchUpStatus.kind === 'idle' && el.capabilities.length > 0);
  await agent(id, 'say-many', { count: 30, text: 'older', silent: false });
  await waitFor(() => el.messages.length === 30);
  await el.updateComplete;
  await waitFor(() => atBottom(el), 'not at the bottom after 30 messages');
  return { el, id };
}

/**
 * A chatting customer's `<gws-chat>` (`height` 400 px, `width` as laid out unless given),
 * its log laid out whole (test pages may be in background tabs, where chunks off screen
 * would stay unrendered), `css` added to its own styles; connected, its state known.
 */
export async function chattingLaidOut(
  id: string, o: { lang?: string; height?: number; width?: number; css?: string } = {},
): Promise<GwsChat> {
  const size = `height: ${o.height ?? 400}px;${o.width ? ` width: ${o.width}px` : ''}`;
  const el = await fixture<GwsChat>(html`<gws-chat style=${size} lang=${o.lang ?? 'en'} url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`.chunk { content-visibility: visible; } ${o.css ?? ''}`);
  el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.session.catchUpStatus.kind === 'idle' && el.capabilities.length > 0, 'not chatting');
  await el.updateComplete;
  return el;
}
