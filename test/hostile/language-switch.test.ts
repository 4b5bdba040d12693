// Hostile tests of today's changes, from a user's side: a new language (or new texts) builds
// a long log again from its newest entries, about 500 a task (src/elements/log-renderer.ts);
// an empty log is first measured by the next frame, not right after its first render
// (src/elements/autoscroll-controller.ts).
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { renderMessage } from '../../src/elements/message-view.js';
import { DEFAULT_STRINGS, loadTable, resolveLanguage, type GwsChatStrings } from '../../src/i18n/languages.js';
import { sessionKey, transcriptKey } from '../../src/session/storage.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, NOTIFICATIONS_URL, agent, chatLog, connected, entries, plain, publish, rest, simulatedChat,
  waitFor, wireMessage,
} from '../support/gws.js';
import { part } from '../support/parts.js';
import { atBottom, chattingLaidOut, entryWith, logOf } from '../support/views.js';

/** Uncaught errors and rejections in the page while a test runs. */
const pageErrors: string[] = [];
const onError = (e: ErrorEvent) => pageErrors.push(String(e.message));
const onRejection = (e: PromiseRejectionEvent) => pageErrors.push(String(e.reason));
window.addEventListener('error', onError);
window.addEventListener('unhandledrejection', onRejection);

let de!: GwsChatStrings;
let fr!: GwsChatStrings;
before(async () => {
  de = (await loadTable('de'))!;
  fr = (await loadTable('fr'))!;
});

beforeEach(() => {
  pageErrors.length = 0;
});
afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A chatting customer's element, narrow (a longer sentence wraps onto more lines), its log laid out whole. */
const chatting = (id: string, o: { css?: string; width?: number; height?: number } = {}) => chattingLaidOut(id, { width: 260, ...o });

/**
 * A log whose every entry shows language: a participant joined ("Marat joined the chat"),
 * the customer's message ("You"), an agent's message (its time, "11:58 AM" or "11:58").
 */
function mixedLog(count: number, from = 10, text = 'line'): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const index = from + i;
    if (index % 3 === 0) return wireMessage(index, 'ParticipantJoined', AGENT);
    if (index % 3 === 1) return wireMessage(index, 'Text', CUSTOMER, { text: `${text} ${index}` });
    return wireMessage(index, 'Text', AGENT, { text: `${text} ${index}` });
  });
}

/** Publishes a long mixed log and waits until it is all shown (not busy any more). */
async function longLog(el: GwsChat, id: string, count: number): Promise<void> {
  await publish(CHAT_TOPIC, chatLog(id, mixedLog(count)));
  await waitFor(() => el.messages.length >= count && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
  await el.updateComplete;
}

/** What the entry at `i` must read in `table` (the element's resolved locale). */
function expected(el: GwsChat, i: number, table: GwsChatStrings): string {
  return plain(renderMessage(el.messages[i]!, table, resolveLanguage(el).locale).textContent);
}

/**
 * The positions of the log whose entry does not read as `table` says, or is not the
 * transcript's entry there; and a count mismatch, if any. `[]`: every entry right.
 */
function wrong(el: GwsChat, table: GwsChatStrings, only?: number[]): string[] {
  const shown = entries(el);
  const out: string[] = [];
  if (shown.length !== el.messages.length) out.push(`${shown.length} entries shown for ${el.messages.length} messages`);
  const positions = only ?? shown.map((_, i) => i);
  for (const i of positions) {
    const got = plain(shown[i]?.textContent);
    const want = expected(el, i, table);
    if (got !== want) out.push(`#${i}: "${got}" ≠ "${want}"`);
    if (out.length > 5) break;
  }
  return out;
}

/** Waits until every entry reads as `table` says (the rebuild reached the oldest). */
async function allIn(el: GwsChat, table: GwsChatStrings, what: string): Promise<void> {
  await waitFor(() => wrong(el, table).length === 0, `${what}: ${wrong(el, table).join(' | ')}`, { timeout: 20_000 });
}

/** Waits until the element's own texts are `table`'s (its language file has arrived and rendered). */
async function speaks(el: GwsChat, table: GwsChatStrings): Promise<void> {
  await waitFor(() => logOf(el).getAttribute('aria-label') === table.transcriptLabel, `never ${table.transcriptLabel}`, { timeout: 10_000 });
}

/**
 * Calls `check` right after the element's render that first shows `table`'s texts, in
 * that render (what the customer sees at the next paint).
 */
function atFirstRenderIn(el: GwsChat, table: GwsChatStrings, check: () => void): { done: boolean; failure: unknown } {
  const state = { done: false, failure: null as unknown };
  el.addController({
    hostUpdated: () => {
      if (state.done || logOf(el)?.getAttribute('aria-label') !== table.transcriptLabel) return;
      state.done = true;
      try { check(); } catch (e) { state.failure = e; }
    },
  });
  return state;
}

/** The positions of the entries whose top is in the visible part of the log. */
function visiblePositions(el: GwsChat): number[] {
  const view = logOf(el).getBoundingClientRect();
  const out: number[] = [];
  entries(el).forEach((e, i) => {
    const box = e.getBoundingClientRect();
    if (box.bottom > view.top && box.top < view.bottom) out.push(i);
  });
  return out;
}

/** Where an entry's top is in the log's view (px). */
const offsetOf = (el: GwsChat, entry: HTMLElement) => entry.getBoundingClientRect().top - logOf(el).getBoundingClientRect().top;

/** The chunk boxes' sizes (the renderer's bookkeeping as the DOM shows it). */
const chunkSizes = (el: GwsChat) => [...el.shadowRoot!.querySelectorAll('.chunk')].map((c) => c.children.length);

describe('language switch: a long log, at rest', function () {
  this.timeout(90_000);

  it('lang="de" on 3,000 entries: the newest and those in view in German in the render that brings German; at the end every entry, in order, none lost or doubled', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 3000);
    expect(wrong(el, DEFAULT_STRINGS)).to.deep.equal([]);
    const first = atFirstRenderIn(el, de, () => {
      const n = el.messages.length;
      const newest = Array.from({ length: 100 }, (_, k) => n - 100 + k);
      expect(wrong(el, de, [...new Set([...newest, ...visiblePositions(el)])]), 'the newest entries in the first German render').to.deep.equal([]);
    });
    el.lang = 'de';
    await speaks(el, de);
    expect(first.done, 'no German render seen').to.equal(true);
    if (first.failure) throw first.failure;
    await allIn(el, de, 'not every entry in German');
    expect(atBottom(el), 'the reader at the newest entries was left behind').to.equal(true);
    expect(chunkSizes(el).every((s) => s > 0 && s <= 100), `chunks ${chunkSizes(el).join(',')}`).to.equal(true);
    expect(pageErrors).to.deep.equal([]);
  });

  it('de, then fr before German reached the oldest, then back to en: every entry ends in English, none in German or French', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 4000);
    // German: as soon as it shows, French; as soon as French shows, English.
    const toFrench = atFirstRenderIn(el, de, () => { el.lang = 'fr'; });
    const toEnglish = atFirstRenderIn(el, fr, () => { el.lang = 'en'; });
    el.lang = 'de';
    await waitFor(() => toFrench.done && toEnglish.done, 'never through German and French', { timeout: 10_000 });
    await speaks(el, DEFAULT_STRINGS);
    await allIn(el, DEFAULT_STRINGS, 'an entry kept German or French');
    // And once more, back and forth on a language already loaded: German at once, then everywhere.
    el.lang = 'de';
    await el.updateComplete;
    el.lang = 'fr';
    await el.updateComplete;
    el.lang = 'de';
    await speaks(el, de);
    await allIn(el, de, 'an entry kept French or English');
    expect(pageErrors).to.deep.equal([]);
  });

  it('new texts by `strings` twice in one task while a rebuild goes on: every entry ends with the last texts', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 3000);
    el.strings = { you: 'Me1', joined: (n: string) => `${n} came in (1)` };
    await el.updateComplete;
    await pause(0);
    el.strings = { you: 'Me2', joined: (n: string) => `${n} came in (2)` };
    el.strings = { you: 'Me3', joined: (n: string) => `${n} came in (3)` };
    await el.updateComplete;
    const table = { ...DEFAULT_STRINGS, you: 'Me3', joined: (n: string) => `${n} came in (3)` } as GwsChatStrings;
    await allIn(el, table, 'an entry kept older texts');
    expect(plain(el.shadowRoot!.querySelector('.entries')!.textContent)).to.not.match(/Me1|Me2|\(1\)|\(2\)/);
  });
});

describe('language switch: while the log changes', function () {
  this.timeout(90_000);

  it('while a long history still fills in parts and live messages arrive: every entry in German, in order, once', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await publish(CHAT_TOPIC, chatLog(id, mixedLog(5000)));
    await waitFor(() => el.messages.length > 0 && logOf(el).getAttribute('aria-busy') === 'true', 'never filling', { timeout: 20_000 });
    el.lang = 'de';
    await speaks(el, de);
    // Live entries while older parts still come above and German is being built.
    for (let k = 0; k < 5; k++) {
      await publish(CHAT_TOPIC, chatLog(id, mixedLog(3, 6000 + k * 3, 'live')));
    }
    await waitFor(() => el.messages.length === 5015 && logOf(el).getAttribute('aria-busy') === 'false', `never complete (${el.messages.length})`, { timeout: 30_000 });
    await allIn(el, de, 'not every entry German');
    const indexes = el.messages.map((m) => m.index);
    expect(indexes).to.deep.equal([...indexes].sort((a, b) => a - b));
    expect(new Set(indexes).size).to.equal(indexes.length);
    expect(entryWith(el, 'live 6013') !== undefined, 'the newest live entry shown').to.equal(true);
    expect(pageErrors).to.deep.equal([]);
  });

  it('a burst of 400 older-than-shown entries in the middle while German is being built: all German, in order', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    // Every third index left out: a late log fills them in between, many per chunk (a split).
    const all = mixedLog(3000);
    const later = all.filter((m) => (m['index'] as number) >= 1000 && (m['index'] as number) < 2200 && (m['index'] as number) % 3 === 2);
    const first = all.filter((m) => !later.includes(m));
    await publish(CHAT_TOPIC, chatLog(id, first));
    await waitFor(() => el.messages.length === first.length && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
    const seen = atFirstRenderIn(el, de, () => undefined);
    el.lang = 'de';
    await waitFor(() => seen.done, 'never German', { timeout: 10_000 });
    await publish(CHAT_TOPIC, chatLog(id, later));
    await waitFor(() => el.messages.length === all.length, 'the late entries never came', { timeout: 20_000 });
    await allIn(el, de, 'not every entry German');
    expect(el.messages.map((m) => m.index)).to.deep.equal(all.map((m) => m['index']));
    expect(chunkSizes(el).every((s) => s > 0 && s <= 100), `chunks ${chunkSizes(el).join(',')}`).to.equal(true);
    expect(pageErrors).to.deep.equal([]);
  });

  it('another chat followed while German is built for a long log, then back: the new chat\'s entries only, all German', async () => {
    const first = await simulatedChat();
    const second = await simulatedChat();
    const el = await chatting(first);
    await longLog(el, first, 3000);
    const seen = atFirstRenderIn(el, de, () => { el.interactionId = second; });
    el.lang = 'de';
    await waitFor(() => seen.done, 'never German', { timeout: 10_000 });
    await waitFor(() => el.session.catchUpStatus.kind === 'idle' && el.messages.length === 0, 'old entries stayed', { timeout: 20_000 });
    await agent(second, 'join');
    await agent(second, 'say', { text: 'second chat' });
    await waitFor(() => el.messages.length === 2, 'no new messages', { timeout: 10_000 });
    await pause(300);
    await el.updateComplete;
    await allIn(el, de, 'the second chat');
    expect(pageErrors).to.deep.equal([]);
  });
});

describe('language switch: a reader who scrolled up keeps their place', function () {
  this.timeout(90_000);

  for (const [where, fromEnd] of [['among the newest 500 (built in the same render)', 120], ['1,500 entries up (built in a later task)', 1500]] as const) {
    for (const anchoring of ['with scroll anchoring', 'with overflow-anchor: none (as Safari)']) {
      it(`${where}, ${anchoring}: the same entry at the same spot once every entry is German`, async () => {
        const id = await simulatedChat();
        const el = await chatting(id, { css: anchoring.startsWith('with overflow') ? '.log { overflow-anchor: none; }' : '' });
        await longLog(el, id, 3000);
        await waitFor(() => atBottom(el), 'not at the bottom');
        const log = logOf(el);
        const target = entries(el)[el.messages.length - fromEnd]!;
        // The reader scrolls up until that entry is a third down the view.
        log.scrollTop += offsetOf(el, target) - log.clientHeight / 3;
        await frame();
        await frame();
        // The reader's place, as browsers keep it (scroll anchoring): the first entry that
        // begins in the view. (Entries below it may grow or shrink in German, and move.)
        // It is found again by its position in the log.
        const first = visiblePositions(el).find((i) => offsetOf(el, entries(el)[i]!) >= 0)!;
        const anchorText = `entry ${first}: ${plain(entries(el)[first]!.textContent).slice(0, 40)}`;
        const before = offsetOf(el, entries(el)[first]!);
        el.lang = 'de';
        await speaks(el, de);
        await allIn(el, de, 'not every entry German');
        await frame();
        await frame();
        const after = offsetOf(el, entries(el)[first]!);
        expect(Math.abs(after - before), `"${anchorText}" was at ${before.toFixed(1)} px, is at ${after.toFixed(1)} px`).to.be.below(3);
        expect(atBottom(el), 'taken to the bottom').to.equal(false);
      });
    }
  }

  it('the entry the view\'s top cuts through grows with new texts: the first entry that begins in the view stays where it is', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 3000);
    const log = logOf(el);
    // One of the customer's messages 1,500 entries up (its sender, "You", becomes a long
    // text that wraps onto more lines), cut in its middle by the view's top.
    const cut = el.messages.findIndex((m, i) => i > 1500 && m.own);
    const height = (i: number) => entries(el)[i]!.getBoundingClientRect().height;
    const heightBefore = height(cut);
    log.scrollTop += offsetOf(el, entries(el)[cut]!) + heightBefore / 2;
    await frame();
    await frame();
    const before = offsetOf(el, entries(el)[cut + 1]!);
    expect(before, 'the next entry begins in the view').to.be.within(0, heightBefore);
    const you = 'You, the customer, as this shop calls the person who writes';
    el.strings = { you };
    await waitFor(() => [...el.shadowRoot!.querySelectorAll('.own .sender')].every((s) => s.textContent === you), 'not every entry with the new texts', { timeout: 20_000 });
    await frame();
    await frame();
    expect(height(cut), 'the cut entry grew').to.be.above(heightBefore + 5);
    const after = offsetOf(el, entries(el)[cut + 1]!);
    expect(Math.abs(after - before), `the entry after it was at ${before.toFixed(1)} px, is at ${after.toFixed(1)} px`).to.be.below(3);
  });

  it('a message arrives while German is built and the reader is up: offered as new, and the jump shows it', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 3000);
    logOf(el).scrollTop -= 3000;
    await frame();
    await frame();
    const seen = atFirstRenderIn(el, de, () => undefined);
    el.lang = 'de';
    await waitFor(() => seen.done, 'never German', { timeout: 10_000 });
    await agent(id, 'say', { text: 'news while away' });
    await waitFor(() => part(el, 'new-messages-button') !== null, 'not offered as new', { timeout: 10_000 });
    expect(plain(part(el, 'new-messages-button')!.textContent)).to.equal(de.newMessages(1));
    part(el, 'new-messages-button')!.click();
    await frame();
    const news = entryWith(el, 'news while away')!;
    const view = logOf(el).getBoundingClientRect();
    expect(news.getBoundingClientRect().top >= view.top - 2 && news.getBoundingClientRect().top < view.bottom, 'the jump does not show it').to.equal(true);
    await allIn(el, de, 'not every entry German');
  });
});

describe('language switch: the element taken off the page, or the page hidden', function () {
  this.timeout(90_000);

  it('removed while German is built, put back later: every entry German, once, in order', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 4000);
    const parent = el.parentElement!;
    const seen = atFirstRenderIn(el, de, () => el.remove());
    el.lang = 'de';
    await waitFor(() => seen.done, 'never German', { timeout: 10_000 });
    await pause(300);
    expect(el.isConnected).to.equal(false);
    parent.append(el);
    await allIn(el, de, 'not every entry German after being put back');
    expect(pageErrors).to.deep.equal([]);
  });

  it('moved to another box in the same task while German is built: every entry German', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 4000);
    const box = document.createElement('div');
    document.body.append(box);
    try {
      const seen = atFirstRenderIn(el, de, () => box.append(el));
      el.lang = 'de';
      await waitFor(() => seen.done, 'never German', { timeout: 10_000 });
      await allIn(el, de, 'not every entry German after the move');
      expect(pageErrors).to.deep.equal([]);
    } finally {
      box.remove();
    }
  });

  it('removed while German is built, its lang set to fr while off the page, put back: every entry French', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 4000);
    const parent = el.parentElement!;
    const seen = atFirstRenderIn(el, de, () => el.remove());
    el.lang = 'de';
    await waitFor(() => seen.done, 'never German', { timeout: 10_000 });
    el.lang = 'fr';
    await pause(200);
    parent.append(el);
    await speaks(el, fr);
    await allIn(el, fr, 'not every entry French');
  });

  it('in a hidden page: every entry German, without the page being shown again', async () => {
    const id = await simulatedChat();
    const el = await chatting(id);
    await longLog(el, id, 4000);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      el.lang = 'de';
      await speaks(el, de);
      await allIn(el, de, 'not every entry German in a hidden page');
    } finally {
      delete (document as unknown as Record<string, unknown>)['visibilityState'];
    }
  });

  for (const [where, link, log] of [
    ['one of the newest entries', 'https://example.com/new-link', (text: Record<string, unknown>) => [...mixedLog(3000), text]],
    ['an older entry (built in a later task)', 'https://example.com/old-link', (text: Record<string, unknown>) => [text, ...mixedLog(3000)]],
  ] as const) {
    it(`a keyboard user on a link in ${where} when the language changes: the focus stays in the element (the log)`, async () => {
      const id = await simulatedChat();
      const el = await chatting(id);
      await publish(CHAT_TOPIC, chatLog(id, log(wireMessage(where.startsWith('one') ? 5000 : 5, 'Text', AGENT, { text: `see ${link}` }))));
      await waitFor(() => el.messages.length >= 3001 && logOf(el).getAttribute('aria-busy') === 'false', 'history never complete', { timeout: 30_000 });
      await el.updateComplete;
      const anchor = el.shadowRoot!.querySelector<HTMLAnchorElement>(`.entries a[href="${link}"]`)!;
      anchor.focus();
      expect(el.shadowRoot!.activeElement === anchor, 'the link has the focus').to.equal(true);
      el.lang = 'de';
      await speaks(el, de);
      await allIn(el, de, 'not every entry German');
      await frame();
      // Compared as names: a failing assertion on DOM nodes hangs the test runner's report.
      expect(document.activeElement?.localName, 'where the focus is on the page').to.equal('gws-chat');
      expect(el.shadowRoot!.activeElement?.getAttribute('part') ?? null, 'where the focus is in the element').to.equal('log');
    });
  }
});

describe('the first render of a log, as a reader sees it', function () {
  this.timeout(60_000);

  it('an empty chat\'s first notification of 40 messages is shown at its newest entry, at the next paint', async () => {
    const id = await simulatedChat();
    const el = await chatting(id, { height: 260 });
    expect(el.messages.length).to.equal(0);
    await agent(id, 'say-many', { count: 40, text: 'first', silent: false });
    await waitFor(() => el.messages.length === 40, 'not shown');
    await el.updateComplete;
    await frame();
    expect(atBottom(el), `top ${logOf(el).scrollTop}, height ${logOf(el).scrollHeight}`).to.equal(true);
  });

  it('an empty chat\'s first message, the customer\'s own and long, is shown at its end', async () => {
    const id = await simulatedChat();
    const el = await chatting(id, { height: 260 });
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    void el.send(long).catch(() => undefined);
    await el.updateComplete;
    await frame();
    expect(atBottom(el), `top ${logOf(el).scrollTop}, height ${logOf(el).scrollHeight}`).to.equal(true);
    await waitFor(() => el.messages.some((m) => m.own), 'never accepted', { timeout: 10_000 });
    await el.updateComplete;
    await frame();
    expect(atBottom(el)).to.equal(true);
  });

  it('created and removed at once, or before its first render and put back: no error; put back, it follows its chat', async () => {
    const id = await simulatedChat();
    for (let k = 0; k < 5; k++) {
      const el = document.createElement('gws-chat') as GwsChat;
      el.url = NOTIFICATIONS_URL;
      el.interactionId = id;
      el.lang = 'de';
      document.body.append(el);
      el.remove();
    }
    const el = document.createElement('gws-chat') as GwsChat;
    el.setAttribute('style', 'height: 260px; width: 260px');
    el.url = NOTIFICATIONS_URL;
    el.interactionId = id;
    document.body.append(el);
    el.remove();
    await pause(300);
    document.body.append(el);
    try {
      await connected(el);
      await rest('publishState', id);
      await agent(id, 'say-many', { count: 40, text: 'back', silent: false });
      await waitFor(() => el.messages.length === 40, 'not shown');
      await el.updateComplete;
      await frame();
      expect(atBottom(el)).to.equal(true);
      expect(pageErrors).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('a remembered chat whose 300 stored entries are shown at the first render opens at its newest entry', async () => {
    const id = await simulatedChat();
    const stored = mixedLog(300);
    localStorage.setItem(sessionKey(NOTIFICATIONS_URL, 'chat'), JSON.stringify({ interactionId: id, at: Date.now() }));
    localStorage.setItem(transcriptKey(NOTIFICATIONS_URL, id), JSON.stringify({
      resource: { state: 'Chatting', capabilities: ['SendMessage', 'Complete'], participants: [CUSTOMER, AGENT], userData: {} },
      messages: stored,
    }));
    const el = document.createElement('gws-chat') as GwsChat;
    el.setAttribute('style', 'height: 260px; width: 260px');
    el.url = NOTIFICATIONS_URL;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.interactionId).to.equal(id);
      expect(entries(el).length, 'restored at the first render').to.equal(300);
      await frame();
      expect(atBottom(el), `top ${logOf(el).scrollTop}, height ${logOf(el).scrollHeight}`).to.equal(true);
    } finally {
      el.remove();
    }
  });
});
