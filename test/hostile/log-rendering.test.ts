// Hostile tests of the log's rendering (issue 16): a long history in one notification,
// applied in parts, against what a reader, a screen reader user and a host page notice.
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import {
  AGENT, CHAT_TOPIC, agent, chatLog, entries, plain, publish, record, simulatedChat, waitFor,
  wireMessage,
} from '../support/gws.js';
import { part } from '../support/parts.js';
import { atBottom, chattingLaidOut, entryWith, logOf, newMessagesButton } from '../support/views.js';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

const chatting = (id: string) => chattingLaidOut(id);

describe('a long history in one notification, as a screen reader hears it', function () {
  this.timeout(60_000);

  it('is announced once, by its newest entries: the older parts added above are not spoken after them', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    const announcer = part(el, 'announcer')!;
    const spoken: string[] = [];
    const observer = new MutationObserver(() => {
      if (announcer.textContent) spoken.push(announcer.textContent);
    });
    observer.observe(announcer, { childList: true, subtree: true });
    await agent(id, 'say-many', { count: 10_000, text: 'history', silent: false });
    await waitFor(() => el.messages.length === 10_000 && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    // Whatever burst was still being gathered is said.
    await waitFor(() => spoken.length > 0, 'nothing announced');
    await new Promise((r) => setTimeout(r, 400));
    observer.disconnect();
    expect(spoken.length, `announcements: ${spoken.map((s) => s.slice(0, 60)).join(' | ')}`).to.equal(1);
    expect(spoken[0]).to.contain('history 9901');
  });
});

const bodies = (el: GwsChat) => entries(el).map((e) => plain(e.querySelector('.body')?.textContent));
const numbered = (count: number, text: string) => Array.from({ length: count }, (_, i) => `${text} ${i + 1}`);

describe('a long history in one notification, while the page changes the element', function () {
  this.timeout(60_000);

  it('another interaction followed while it fills: none of its entries shows in the new chat', async () => {
    const first = await simulatedChat();
    const second = await simulatedChat();
    const el = await chatting(first);
    await agent(first, 'say-many', { count: 5000, text: 'old chat', silent: false });
    await waitFor(() => el.messages.length > 0 && logOf(el).getAttribute('aria-busy') === 'true', 'never filling', { timeout: 20_000 });
    el.interactionId = second;
    await waitFor(() => el.session.catchUpStatus.kind === 'idle' && el.messages.length === 0, 'old entries stayed', { timeout: 20_000 });
    await agent(second, 'say', { text: 'new chat' });
    await waitFor(() => el.messages.length === 1, 'no new message', { timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 500));
    await el.updateComplete;
    expect(bodies(el)).to.deep.equal(['new chat']);
    expect(logOf(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('its language changed while it fills: every entry at the end, in order, in the new language', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await agent(id, 'say-many', { count: 3000, text: 'history', silent: false });
    await waitFor(() => el.messages.length > 0 && logOf(el).getAttribute('aria-busy') === 'true', 'never filling', { timeout: 20_000 });
    el.lang = 'de';
    await waitFor(() => el.messages.length === 3000 && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    await waitFor(() => logOf(el).getAttribute('aria-label') !== 'Chat transcript' , 'never German', { timeout: 10_000 });
    await el.updateComplete;
    expect(bodies(el)).to.deep.equal(numbered(3000, 'history'));
  });

  it('moved in the page while it fills: every entry at the end, once, in order', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    const box = document.createElement('div');
    document.body.append(box);
    await agent(id, 'say-many', { count: 3000, text: 'history', silent: false });
    await waitFor(() => el.messages.length > 0 && logOf(el).getAttribute('aria-busy') === 'true', 'never filling', { timeout: 20_000 });
    box.append(el);
    await waitFor(() => el.messages.length === 3000 && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    await el.updateComplete;
    expect(bodies(el)).to.deep.equal(numbered(3000, 'history'));
    box.remove();
  });
});

describe('a long history in one notification, as a reader scrolling sees it', function () {
  this.timeout(60_000);

  it('a reader who saw the newest entries and scrolled up while the rest fills is offered no "new messages", and keeps their place', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await agent(id, 'say-many', { count: 3000, text: 'history', silent: false });
    await waitFor(() => el.messages.length > 0 && logOf(el).getAttribute('aria-busy') === 'true', 'never filling', { timeout: 20_000 });
    await el.updateComplete;
    // The reader scrolls up a little, among the newest entries.
    const log = logOf(el);
    log.scrollTop -= 120;
    await new Promise((r) => requestAnimationFrame(r));
    const anchor = entryWith(el, 'history 2995')!;
    const offset = anchor.getBoundingClientRect().top - log.getBoundingClientRect().top;
    await waitFor(() => el.messages.length === 3000 && log.getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect(Math.abs(anchor.getBoundingClientRect().top - log.getBoundingClientRect().top - offset), 'the reader\'s place moved').to.be.below(2);
    expect(newMessagesButton(el)?.textContent?.trim() ?? null, 'older entries offered as new').to.equal(null);
  });

  it('a reader away before it came is offered all of it as new, and the jump goes to its oldest entry', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await agent(id, 'say-many', { count: 40, text: 'seen', silent: false });
    await waitFor(() => el.messages.length === 40, 'not shown');
    await el.updateComplete;
    logOf(el).scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(r));
    await agent(id, 'say-many', { count: 3000, text: 'history', silent: false });
    await waitFor(() => el.messages.length === 3040 && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    await el.updateComplete;
    expect(newMessagesButton(el)?.textContent?.trim()).to.equal('3,000 new messages');
    newMessagesButton(el)!.click();
    await waitFor(() => Math.abs(entryWith(el, 'seen 1')!.getBoundingClientRect().top - logOf(el).getBoundingClientRect().top) > 0
      && Math.abs(entryWith(el, 'history 1')!.getBoundingClientRect().top - logOf(el).getBoundingClientRect().top) < 30, 'not at history 1');
  });
});

describe('a long history in one notification, as a host page and a hostile server make it', function () {
  this.timeout(60_000);

  it('fires one gws-message per visible entry, none lost or doubled; hidden messages never show; hostile text stays text', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    const events = record(el, 'gws-message');
    const messages = Array.from({ length: 900 }, (_, i) => {
      const index = i + 10;
      if (i % 9 === 4) return wireMessage(index, 'Text', AGENT, { text: `secret ${index}`, visibility: 'Agent' });
      if (i % 9 === 7) return wireMessage(index, 'Text', AGENT, { text: `<img src=x onerror="window.pwned=1"> javascript:alert(${index})` });
      return wireMessage(index, 'Text', AGENT, { text: `line ${index}` });
    });
    await publish(CHAT_TOPIC, chatLog(id, messages));
    const visible = messages.filter((m) => m['visibility'] === 'All');
    await waitFor(() => el.messages.length === visible.length && logOf(el).getAttribute('aria-busy') === 'false', 'never complete', { timeout: 30_000 });
    await el.updateComplete;
    const keys = events.map((e) => e.detail.message.key);
    expect(new Set(keys).size, 'distinct events').to.equal(keys.length);
    expect(events.map((e) => e.detail.message.index).sort((a, b) => a - b)).to.deep.equal(visible.map((m) => m['index']));
    expect(entries(el).map((e) => plain(e.querySelector('.body')?.textContent))).to.deep.equal(visible.map((m) => m['text']));
    expect(el.shadowRoot!.textContent).to.not.contain('secret');
    expect(el.shadowRoot!.querySelector('.entries img'), 'markup parsed').to.equal(null);
    expect(el.shadowRoot!.querySelector('.entries a'), 'a javascript: link').to.equal(null);
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
  });
});

describe('a long history in one notification, repeated or overtaken', function () {
  this.timeout(60_000);

  it('the same history twice while it fills: every entry once, one gws-message each, not busy at the end', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    const events = record(el, 'gws-message');
    const messages = Array.from({ length: 1500 }, (_, i) => wireMessage(i + 10, 'Text', AGENT, { text: `again ${i + 10}` }));
    await publish(CHAT_TOPIC, chatLog(id, messages));
    await publish(CHAT_TOPIC, chatLog(id, messages));
    await waitFor(() => el.messages.length === 1500 && logOf(el).getAttribute('aria-busy') === 'false', 'never complete', { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect(events.length).to.equal(1500);
    expect(entries(el).map((e) => plain(e.querySelector('.body')?.textContent))).to.deep.equal(messages.map((m) => m['text']));
    expect(logOf(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('a reader who scrolled up while it fills stays there; a live message meanwhile is spoken, and is the one new message offered', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    const announcer = part(el, 'announcer')!;
    const spoken: string[] = [];
    new MutationObserver(() => { if (announcer.textContent) spoken.push(announcer.textContent); })
      .observe(announcer, { childList: true, subtree: true });
    await agent(id, 'say-many', { count: 10_000, text: 'history', silent: false });
    await waitFor(() => el.messages.length > 0 && logOf(el).getAttribute('aria-busy') === 'true', 'never filling', { timeout: 20_000 });
    await el.updateComplete;
    logOf(el).scrollTop -= 200;
    await new Promise((r) => requestAnimationFrame(r));
    // After the newest part was spoken (a burst of its own), while the older parts still come.
    await waitFor(() => spoken.length === 1, 'the newest part not spoken');
    expect(logOf(el).getAttribute('aria-busy')).to.equal('true');
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(10_001, 'Text', AGENT, { text: 'live while filling' })]));
    await waitFor(() => el.messages.length === 10_001 && logOf(el).getAttribute('aria-busy') === 'false', 'never complete', { timeout: 30_000 });
    await waitFor(() => spoken.some((s) => s.includes('live while filling')), `not spoken: ${spoken.map((s) => s.slice(0, 40)).join(' | ')}`);
    await el.updateComplete;
    const log = logOf(el);
    expect(atBottom(el), 'the reader was taken back to the newest entries').to.equal(false);
    expect(newMessagesButton(el)?.textContent?.trim(), `top ${log.scrollTop}, height ${log.scrollHeight}, client ${log.clientHeight}`).to.equal('1 new message');
  });

  it('a live message on a long log is shown without looking through the log (no query of the whole view)', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await agent(id, 'say-many', { count: 2000, text: 'history', silent: false });
    await waitFor(() => el.messages.length === 2000 && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    // A query of the view walks every entry before what it looks for: at 10,000 entries,
    // a few of them per message cost more than the message's own rendering.
    const root = el.shadowRoot!;
    const queries: string[] = [];
    for (const name of ['querySelector', 'querySelectorAll'] as const) {
      const real = (root[name] as (selector: string) => unknown).bind(root);
      Object.defineProperty(root, name, {
        configurable: true,
        value: (selector: string) => {
          queries.push(selector);
          return real(selector);
        },
      });
    }
    try {
      await publish(CHAT_TOPIC, chatLog(id, [wireMessage(2001, 'Text', AGENT, { text: 'live on a long log' })]));
      await waitFor(() => el.messages.length === 2001, 'the live message never came');
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 300)); // its announcement and its frame
    } finally {
      delete (root as { querySelector?: unknown }).querySelector;
      delete (root as { querySelectorAll?: unknown }).querySelectorAll;
    }
    expect(entryWith(el, 'live on a long log'), 'the live message shown').to.not.equal(null);
    expect(queries).to.deep.equal([]);
  });
});
