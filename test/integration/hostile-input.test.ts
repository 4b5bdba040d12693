// Hostile input against a live <gws-chat> on the real CometD server: a seeded fuzz, an
// injection corpus, and agent-only traffic that must never reach the customer.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { CHAT } from '../../src/protocol/medium.js';
import { interactionIdOf, parseNotification } from '../../src/protocol/parse.js';
import { sharedConnection } from '../../src/transport/connection.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, NOTIFICATIONS_URL, chatLog, chatState, connected, entries, messagesShown, plain,
  publish, record, uniqueId, waitFor, wireMessage, type WireParticipant, serverKnows } from '../support/gws.js';
import { NotificationFuzzer, retarget } from '../protocol/notification-fuzzer.js';

type Json = Record<string, any>;

// Anything thrown on the page, from the first test on.
const pageErrors: string[] = [];
window.addEventListener('error', (e) => pageErrors.push(`error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => pageErrors.push(`unhandledrejection: ${String(e.reason)}`));

declare global {
  interface Window {
    __gwsPwned?: unknown;
    __gwsFuzzPwned?: unknown;
  }
}

const EXAMPLES = ['chat-log', 'chat-state', 'fb-log', 'fb-state'] as const;
const LOG_TYPES = new Set(['Text', 'ParticipantJoined', 'ParticipantLeft', 'Notice', 'CustomNotice', 'NicknameUpdated', 'PushUrl']);

async function loadExamples(): Promise<{ data: Json }[]> {
  return Promise.all(EXAMPLES.map(async (name) => {
    const response = await fetch(`/demo/spec-examples/${name}.json`);
    return (await response.json()) as { data: Json };
  }));
}

async function liveChat(id: string): Promise<GwsChat> {
  await serverKnows(id);
  const el = await fixture<GwsChat>(html`<gws-chat
    style="width: 420px; height: 560px"
    url=${NOTIFICATIONS_URL}
    interaction-id=${id}
  ></gws-chat>`);
  await connected(el);
  return el;
}

/** Publishes many notifications, `size` at a time. */
async function publishAll(list: readonly unknown[], size = 100): Promise<void> {
  for (let i = 0; i < list.length; i += size) {
    await Promise.all(list.slice(i, i + size).map((data) => publish(CHAT_TOPIC, data)));
  }
}

/**
 * What arrives in the browser for published `data`: JSON (NaN becomes null, -0 becomes 0),
 * without own `__proto__` keys, which are lost between the test runner and the simulator's
 * CometD server (the objects are rebuilt on the way). The live fuzz checks this against
 * what really arrives.
 */
function transit(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data), (key, value: unknown) => (key === '__proto__' ? undefined : value));
}

/** A hash of a JSON value that ignores key order. */
function canonicalHash(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Json)[k]]));
  });
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}

const lastSegment = (s: string) => s.split(/[?#]/, 1)[0]!.split('/').filter(Boolean).pop() ?? '';

/**
 * The interactions a raw notification names, as the README puts it: its resource `id`,
 * `uri`, `chatUri` or `chatPath` (the last path segment of the URIs).
 */
function namesOf(raw: Json): string[] {
  const data = raw['data'];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const names: string[] = [];
  const own = (o: Json, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
  const chat = own(data, 'chat');
  if (typeof chat === 'object' && chat !== null && !Array.isArray(chat)) {
    const rid = own(chat as Json, 'id');
    const uri = own(chat as Json, 'uri');
    if (typeof rid === 'string') names.push(rid);
    if (typeof uri === 'string') names.push(lastSegment(uri));
  }
  for (const key of ['chatUri', 'chatPath']) {
    const v = own(data, key);
    if (typeof v === 'string') names.push(lastSegment(v));
  }
  return names;
}

/** Whether a notification is about interaction `id` (`mine`), names only others, or names none. */
function about(raw: Json, id: string): 'mine' | 'other' | 'unknown' {
  const names = namesOf(raw);
  if (names.length === 0) return 'unknown';
  return names.includes(id) ? 'mine' : 'other';
}

/**
 * Whether hostile traffic may go on the simulator every test file shares: it must name an
 * interaction, and only ones of this test, so elements of other test files ignore it.
 */
function onlyAbout(raw: Json, ours: readonly string[]): boolean {
  const names = namesOf(raw);
  return names.length > 0
    && names.every((n) => n === '' || ours.some((id) => n.toLowerCase().includes(id.toLowerCase())));
}

/** What an element following `id` should make of one delivered notification. */
function expectedFor(raw: Json, id: string): { protocolErrors: number; visible: number; trimmed?: string } {
  if (about(raw, id) === 'other') return { protocolErrors: 0, visible: 0 };
  const r = parseNotification(raw, CHAT);
  if (!r.ok) return { protocolErrors: r.unsupported ? 0 : 1, visible: 0 };
  if (interactionIdOf(r.notification) !== id) return { protocolErrors: 0, visible: 0 };
  const visible = r.notification.kind === 'log'
    ? r.notification.messages.filter((m) => m.visibility === 'All' && LOG_TYPES.has(m.type)).length
    : 0;
  return { protocolErrors: r.rejected.length, visible, ...(r.trimmed === undefined ? {} : { trimmed: r.trimmed }) };
}

const sum = (list: readonly Json[], id: string, field: 'protocolErrors' | 'visible' = 'protocolErrors') =>
  list.reduce((n, raw) => n + expectedFor(raw, id)[field], 0);

/**
 * The protocol errors an element following `id` reports for `list`, delivered in this order:
 * what was cut for being over a limit is told once, not again while the same reason repeats.
 */
function errorsInOrder(list: readonly Json[], id: string): number {
  let told = '';
  let n = 0;
  for (const raw of list) {
    const expected = expectedFor(raw, id);
    n += expected.protocolErrors;
    if (expected.trimmed !== undefined && expected.trimmed !== told) {
      told = expected.trimmed;
      n++;
    }
  }
  return n;
}

const protocolErrors = <T extends { detail: { kind: string } }>(events: readonly T[]) =>
  events.filter((e) => e.detail.kind === 'protocol');

/** The arrivals that are not among the expected ones (another test file's traffic), as a multiset difference. */
function foreign(arrived: readonly Json[], expected: readonly Json[]): { foreign: Json[]; missing: number } {
  const pending = new Map<string, number>();
  for (const raw of expected) {
    const h = canonicalHash(raw['data']);
    pending.set(h, (pending.get(h) ?? 0) + 1);
  }
  const others: Json[] = [];
  for (const raw of arrived) {
    const h = canonicalHash(raw['data']);
    const n = pending.get(h) ?? 0;
    if (n > 0) pending.set(h, n - 1);
    else others.push(raw);
  }
  return { foreign: others, missing: [...pending.values()].reduce((a, b) => a + b, 0) };
}

afterEach(() => fixtureCleanup());

describe('<gws-chat> under a live fuzz', function () {
  this.timeout(180_000);

  it('10,000+ hostile notifications: nothing thrown, every bad one reported once, valid messages all shown in order', async () => {
    const origin = location.origin;
    const id = uniqueId('FZ');
    const bystanderId = uniqueId('BY');
    const otherIds = [uniqueId('OT'), uniqueId('OT')];
    const ours = [id, bystanderId, ...otherIds];
    const el = await liveChat(id);
    const bystander = await liveChat(bystanderId);
    const errors = record(el, 'gws-error');
    const bystanderErrors = record(bystander, 'gws-error');
    const announced = record(el, 'gws-message');
    const examples = await loadExamples();

    // Exceptions inside CometD callbacks are caught and logged by the connection: watch for those too.
    const logged: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      consoleError.apply(console, args);
    };
    // Everything that arrives on the topic, to check the transport delivers what the test expects.
    const arrived: Json[] = [];
    const stopWatching = sharedConnection(NOTIFICATIONS_URL).subscribe(CHAT_TOPIC, {
      notification: (m) => arrived.push(m as Json),
      state: () => {},
      error: () => {},
    });
    /** What was published, as it is delivered. */
    const published: Json[] = [];
    const known: string[] = [];
    /** A valid Text with a known (hostile-looking) text: whatever fuzz comes around it, it must be shown, in order. */
    const valid = () => {
      const text = `known ${known.length} <img src=x onerror="window.__gwsFuzzPwned=${known.length}"> \u202e still shown`;
      known.push(text);
      return chatLog(id, [wireMessage(1_000_000 + known.length, 'Text', AGENT, { text })]);
    };
    /** Publishes a batch, then a valid message, and waits for that one (delivery is in publish order). */
    const publishAndSettle = async (list: unknown[]) => {
      await publishAll(list);
      const marker = valid();
      const text = known[known.length - 1]!;
      await publish(CHAT_TOPIC, marker);
      published.push(...[...list, marker].map((data) => ({ channel: CHAT_TOPIC, data: transit(data) })));
      await waitFor(() => el.messages.some((m) => m.text === text), `"${text}" not shown`, { timeout: 15_000 });
    };
    /** The next generated notification's data that may be published, and what is delivered of it. */
    const draw = (fuzzer: NotificationFuzzer, accept: (raw: Json) => boolean = () => true): unknown => {
      for (;;) {
        const data = (fuzzer.next() as Json)['data'];
        if (data === undefined) continue; // a notification without data cannot be published
        const raw = { channel: CHAT_TOPIC, data: transit(data) } as Json;
        if (onlyAbout(raw, ours) && accept(raw)) return data;
      }
    };

    let snapshot = { errors: 0, bystanderErrors: 0, arrived: [] as Json[] };
    let phase1 = { errors: 0, bystanderErrors: 0, expected: 0, expectedBystander: 0 };
    try {
      // 1. Traffic of other interactions only: silently ignored, by both elements.
      const otherFuzz = new NotificationFuzzer({
        seed: 0x0bad_5eed,
        bases: examples.map((e) => retarget(e, otherIds[0]!, origin)),
        otherIds: [otherIds[1]!],
        envelope: false,
        nonJson: false,
        heavy: 0.15,
      });
      const othersOnly = Array.from({ length: 300 }, () =>
        draw(otherFuzz, (raw) => about(raw, id) === 'other' && about(raw, bystanderId) === 'other'));
      await publishAndSettle(othersOnly);
      const { foreign: foreign1 } = foreign(arrived, published);
      phase1 = {
        errors: protocolErrors(errors).length,
        bystanderErrors: protocolErrors(bystanderErrors).length,
        expected: errorsInOrder(foreign1, id),
        expectedBystander: errorsInOrder(foreign1, bystanderId),
      };

      // 2. The fuzz proper: mostly aimed at this element, some at others, valid messages in between.
      const ownFuzz = new NotificationFuzzer({
        seed: 0x5eed_2026,
        bases: examples.map((e) => retarget(e, id, origin)),
        otherIds: [...otherIds, id.toLowerCase(), `${id}X`, `X${id}`],
        envelope: false,
        nonJson: false,
        heavy: 0.15,
      });
      let fuzzed = 0;
      while (fuzzed < 10_000) {
        const batch: unknown[] = [];
        for (let n = 1; n <= 100; n++) {
          batch.push(draw(ownFuzz.chance(0.85) ? ownFuzz : otherFuzz));
          fuzzed++;
          if (n % 10 === 0) batch.push(valid());
        }
        await publishAndSettle(batch);
      }
      await waitFor(() => entries(el).length === el.messages.length, 'not every entry rendered', { timeout: 15_000 });
      await el.updateComplete;
    } finally {
      // Synchronously with the end of watching: the counts match exactly what had arrived.
      stopWatching();
      snapshot = { errors: protocolErrors(errors).length, bystanderErrors: protocolErrors(bystanderErrors).length, arrived: [...arrived] };
      console.error = consoleError;
    }

    // Other interactions' traffic caused no error, on either element.
    expect(sum(published.slice(0, 301), id) + sum(published.slice(0, 301), bystanderId)).to.equal(0);
    expect(phase1.errors, 'errors from other interactions\' traffic').to.equal(phase1.expected);
    expect(phase1.bystanderErrors, 'bystander errors from other interactions\' traffic').to.equal(phase1.expectedBystander);

    // The transport delivered everything published (JSON, minus __proto__ keys); anything else is another file's.
    const { foreign: others, missing } = foreign(snapshot.arrived, published);
    expect(missing, 'published notifications that did not arrive as expected').to.equal(0);
    expect(published.length).to.be.at.least(10_000);

    // Nothing was thrown, or swallowed and logged.
    expect(pageErrors).to.deep.equal([]);
    expect(logged.filter((line) => line.includes('[gws-chat]'))).to.deep.equal([]);

    // Every rejected notification, and every rejected message of an accepted one, is reported once, and only those.
    // In the order of arrival (what was published and what other files sent, together).
    const expectedErrors = errorsInOrder(snapshot.arrived, id);
    const visibleSent = sum(published, id, 'visible') + sum(others, id, 'visible');
    expect(expectedErrors, 'the fuzz produced protocol errors').to.be.above(300);
    expect(snapshot.errors, 'protocol errors of the element').to.equal(expectedErrors);
    expect(snapshot.bystanderErrors, 'protocol errors of the bystander').to.equal(errorsInOrder(snapshot.arrived, bystanderId));
    for (const e of protocolErrors(errors)) {
      expect(e.detail.message).to.be.a('string').and.not.equal('');
      expect(e.detail.message.length).to.be.below(600);
    }

    // Every valid message shown, in order; the log ordered by index and bounded.
    const messages = el.messages;
    expect(messages.filter((m) => m.text.startsWith('known ')).map((m) => m.text)).to.deep.equal(known);
    for (let i = 1; i < messages.length; i++) expect(messages[i - 1]!.index).to.be.at.most(messages[i]!.index);
    expect(messages.length).to.be.at.most(visibleSent);
    expect(messages.length).to.be.above(known.length);
    expect(announced.length).to.equal(messages.length);
    const shown = entries(el);
    expect(shown.length).to.equal(messages.length);
    const bodies = shown.map((entry) => entry.querySelector('.body')?.textContent ?? '').filter((t) => t.startsWith('known '));
    expect(bodies).to.deep.equal(known);
    const allowed = ['div', 'span', 'p', 'time', 'a', 'button'];
    for (const entry of shown) {
      for (const node of [entry, ...entry.querySelectorAll('*')]) expect(allowed, 'an element in a message').to.include(node.localName);
    }
    for (const a of el.shadowRoot!.querySelectorAll('a')) {
      expect(['http:', 'https:']).to.include(new URL(a.href).protocol);
      expect(a.rel).to.equal('noopener noreferrer');
    }
    // The bystander shows nothing of it.
    expect(bystander.messages).to.deep.equal([]);
    expect(window.__gwsFuzzPwned).to.equal(undefined);
  });
});

/** Strings that must stay text wherever they appear. */
const PWN = 'window.__gwsPwned=1';
interface InjectionCase {
  readonly value: string;
  /** Links expected when the value is message text. */
  readonly links?: readonly string[];
  /** Whether the value as a PushUrl `url` becomes a link (only absolute http/https). */
  readonly urlLink?: boolean;
}
const LONG_WORD = 'W'.repeat(5_000);
const CORPUS: readonly InjectionCase[] = [
  { value: `<img src=x onerror="${PWN}">` },
  { value: `<script>${PWN}</script>` },
  { value: `<svg onload="${PWN}"><circle r="40"></circle></svg>` },
  { value: `<a href="javascript:${PWN}">click me</a>` },
  { value: `<iframe src="javascript:${PWN}"></iframe><object data="javascript:${PWN}"></object>` },
  { value: `<div onmouseover="${PWN}" onclick="${PWN}" style="position:fixed;inset:0">cover</div>` },
  { value: `" autofocus onfocus="${PWN}" x="` },
  { value: `<style>*{display:none}</style><link rel=stylesheet href=//evil.example/x.css>` },
  { value: `&lt;b&gt;bold&lt;/b&gt; &amp; &#x3C;script&#x3E;` },
  { value: `\${${PWN}} {{constructor.constructor('${PWN}')()}}` },
  { value: `javascript:${PWN}`, urlLink: false },
  { value: `JaVaScRiPt:${PWN}`, urlLink: false },
  { value: `  javascript:${PWN}`, urlLink: false },
  { value: `java\tscript:${PWN}`, urlLink: false },
  { value: `data:text/html,<script>${PWN}</script>`, urlLink: false },
  { value: `data:text/html;base64,${btoa(`<script>${PWN}</script>`)}`, urlLink: false },
  { value: 'vbscript:msgbox("x")', urlLink: false },
  { value: '//evil.example/path', urlLink: false },
  { value: '/relative/path', urlLink: false },
  { value: 'relative/page.html', urlLink: false },
  { value: '?q=1#frag', urlLink: false },
  { value: 'ftp://example.com/file', urlLink: false },
  { value: 'mailto:someone@example.com', urlLink: false },
  { value: 'https://example.com/safe?q=1', links: ['https://example.com/safe?q=1'], urlLink: true },
  { value: 'HTTP://EXAMPLE.ORG/Up', links: ['http://example.org/Up'], urlLink: true },
  { value: `https://example.com/"><img src=x onerror=${PWN}>`, links: ['https://example.com/'], urlLink: true },
  {
    value: `see http://a.example/x and javascript:${PWN} and //evil.example and data:text/html,x`,
    links: ['http://a.example/x'],
  },
  { value: 'first https://example.com/a, then http://example.org/b.', links: ['https://example.com/a', 'http://example.org/b'] },
  { value: '\u202Eevil.exe\u202C and on', urlLink: false },
  { value: 'abc\u202E(gnp.exe)', urlLink: false },
  { value: '\u2066isolate\u2069 \u2067rtl\u2069 \u2068fsi\u2069 \u2069\u2069 dangling', urlLink: false },
  { value: '\u200Fright-to-left mark \u200E', urlLink: false },
  { value: 'zero\u200Bwidth\u200Djoiner\uFEFFbom', urlLink: false },
  { value: 'https://exa\u200Bmple.com/\u202Ex', links: ['https://exa\u200Bmple.com/\u202Ex'], urlLink: true },
  { value: 'line one\nline two\r\n\ttabbed', urlLink: false },
  { value: LONG_WORD },
];

describe('<gws-chat> injection corpus', function () {
  this.timeout(30_000);

  it('renders every hostile text, nickname, notice and URL as inert text; only http(s) URLs become safe links', async () => {
    delete window.__gwsPwned;
    const id = uniqueId('INJ');
    const el = await liveChat(id);
    const errors = record(el, 'gws-error');
    type Check = { index: number; kind: string; value: string; links?: readonly string[]; urlLink?: boolean };
    const checks: Check[] = [];
    const batch: unknown[] = [];
    CORPUS.forEach((c, i) => {
      const base = 100 * (i + 1);
      const who: WireParticipant = { nickname: c.value, type: 'Agent', participantId: `PNICK${i}` };
      const text = (kind: string, m: Record<string, unknown>, extra: Partial<Check> = {}) => {
        batch.push(m);
        checks.push({ index: m['index'] as number, kind, value: c.value, ...extra });
      };
      const links = c.links === undefined ? [] : c.links;
      text('text', wireMessage(base + 1, 'Text', AGENT, { text: c.value }), { links });
      text('notice', wireMessage(base + 2, 'CustomNotice', null, { noticeText: c.value }), { links });
      text('notice', wireMessage(base + 3, 'Notice', null, { text: c.value }), { links });
      if (c.value.length <= 2048) {
        text('joined', wireMessage(base + 4, 'ParticipantJoined', who));
        text('sender', wireMessage(base + 5, 'Text', who, { text: `hello ${i}` }));
        text('renamed', wireMessage(base + 6, 'NicknameUpdated', who));
        text('left', wireMessage(base + 7, 'ParticipantLeft', who));
        text('url', wireMessage(base + 8, 'PushUrl', AGENT, { url: c.value }), { urlLink: c.urlLink ?? /^https?:\/\//i.test(c.value) });
      }
    });
    // In two notifications of a few hundred messages each.
    const half = Math.ceil(batch.length / 2);
    await publish(CHAT_TOPIC, chatLog(id, batch.slice(0, half)));
    await publish(CHAT_TOPIC, chatLog(id, batch.slice(half)));
    await messagesShown(el, checks.length);
    await waitFor(() => entries(el).length === checks.length);
    await el.updateComplete;
    // Give anything that might run (an image error, a focus) the chance to.
    await new Promise((r) => setTimeout(r, 300));

    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);
    expect(el.messages.map((m) => m.index)).to.deep.equal(checks.map((c) => c.index));
    const shown = entries(el);
    const root = el.shadowRoot!;

    // Only the element's own markup: no foreign elements or attributes anywhere.
    const allowed = new Set(['DIV', 'SPAN', 'P', 'TIME', 'A', 'BUTTON']);
    for (const entry of shown) {
      for (const node of [entry, ...entry.querySelectorAll('*')]) {
        expect(allowed.has(node.tagName), `<${node.tagName.toLowerCase()}> in a message`).to.equal(true);
      }
    }
    const foreignTags = ['img', 'script', 'svg', 'circle', 'iframe', 'object', 'embed', 'style', 'link', 'math'];
    for (const node of root.querySelectorAll('*')) {
      for (const attr of node.getAttributeNames()) expect(attr, `attribute on <${node.localName}>`).not.to.match(/^on/i);
      expect(foreignTags, 'an element from the data').not.to.include(node.localName);
    }
    // Every link is an absolute http(s) URL opening safely in a new tab.
    for (const a of root.querySelectorAll('a')) {
      expect(['http:', 'https:']).to.include(new URL(a.href).protocol);
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }

    const isolated = (name: string) => `\u2068${name}\u2069`;
    checks.forEach((c, k) => {
      const entry = shown[k]!;
      const where = `${c.kind} #${c.index} (${JSON.stringify(c.value.slice(0, 60))})`;
      const spans = [...entry.querySelectorAll(':scope > span')];
      switch (c.kind) {
        case 'text': {
          expect(entry.querySelector('.body')!.textContent, where).to.equal(c.value);
          expect([...entry.querySelectorAll('.body a')].map((a) => (a as HTMLAnchorElement).href), where).to.deep.equal(expectedLinks(c.links!));
          break;
        }
        case 'notice':
          expect(spans[0]!.textContent, where).to.equal(c.value);
          expect([...spans[0]!.querySelectorAll('a')].map((a) => a.href), where).to.deep.equal(expectedLinks(c.links!));
          break;
        case 'joined':
          // The name is isolated, so a U+202E inside cannot reorder the sentence around it.
          expect(spans[0]!.textContent, where).to.equal(`${isolated(c.value)} joined the chat`);
          expect(plain(spans[0]!.textContent)).to.equal(plain(`${c.value} joined the chat`));
          break;
        case 'left':
          expect(spans[0]!.textContent, where).to.equal(`${isolated(c.value)} left the chat`);
          break;
        case 'renamed':
          expect(spans[0]!.textContent, where).to.equal(`${isolated(c.value)} changed their name`);
          break;
        case 'sender':
          expect(entry.querySelector('.sender')!.textContent, where).to.equal(c.value);
          expect(entry.querySelector('.body')!.textContent, where).to.equal(`hello ${(c.index - 5) / 100 - 1}`);
          break;
        case 'url': {
          expect(spans[0]!.textContent, where).to.equal(`${isolated(AGENT.nickname)} shared a link:`);
          const links = [...entry.querySelectorAll('a')];
          if (c.urlLink) {
            expect(links, where).to.have.length(1);
            expect(links[0]!.textContent, where).to.equal(c.value);
            expect(links[0]!.href, where).to.equal(new URL(c.value.trim()).href);
          } else {
            expect(links, where).to.have.length(0);
            expect(spans[1]!.textContent, where).to.equal(c.value);
          }
          break;
        }
      }
    });
    expect(window.__gwsPwned).to.equal(undefined);

    // The 5,000-character word wraps inside the log instead of widening it.
    const log = root.querySelector<HTMLElement>('[part="log"]')!;
    for (const [k, c] of checks.entries()) {
      if (c.value !== LONG_WORD) continue;
      const entry = shown[k]!;
      // Reading geometry lays the entry out, even in a background tab (no animation frames there).
      entry.scrollIntoView({ block: 'center' });
      expect(entry.getBoundingClientRect().height, 'the long word is laid out').to.be.above(40);
      expect(log.scrollWidth, `log scrollWidth with the long word in a ${c.kind}`).to.be.at.most(log.clientWidth + 1);
      expect(entry.scrollWidth).to.be.at.most(entry.clientWidth + 1);
      const range = document.createRange();
      range.selectNodeContents(entry);
      expect(range.getBoundingClientRect().right).to.be.at.most(log.getBoundingClientRect().right + 1);
    }
  });

  it('renders a 60,000-character text of URL and punctuation quickly, as text', async () => {
    const id = uniqueId('INJ');
    const el = await liveChat(id);
    const text = `see http://a.example${'.'.repeat(60_000)}x and ${')'.repeat(3_000)}`;
    const t0 = performance.now();
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text })]));
    await messagesShown(el, 1);
    expect(performance.now() - t0).to.be.below(3_000);
    expect(entries(el)[0]!.querySelector('.body')!.textContent).to.equal(text);
  });
});

/** The hrefs a browser gives the expected links (normalised by the URL parser). */
function expectedLinks(links: readonly string[]): string[] {
  return links.map((l) => new URL(l).href);
}

describe('<gws-chat> agent-only traffic', function () {
  this.timeout(30_000);

  const CONSULTANT: WireParticipant = { nickname: 'Zelda Consult', type: 'Agent', participantId: '00CONSULT0001' };
  const SECRET = 'SECRET';

  it('never shows, lists or announces a message whose visibility is not exactly "All"', async () => {
    const id = uniqueId('VIS');
    const el = await liveChat(id);
    const announced = record(el, 'gws-message');
    const typing = record(el, 'gws-typing');
    const errors = record(el, 'gws-error');
    const agents = (m: Record<string, unknown>, visibility: unknown = 'Agents') => {
      const copy: Record<string, unknown> = { ...m, visibility };
      if (visibility === undefined) delete copy['visibility'];
      return copy;
    };
    let i = 0;
    const next = () => ++i;
    await publish(CHAT_TOPIC, chatState(id, { state: 'Chatting', capabilities: ['SendMessage'], participants: [CUSTOMER, AGENT] }));

    // A consultation: the second agent joins, the agents talk, type and leave notes, the consultant leaves.
    await publish(CHAT_TOPIC, chatLog(id, [
      wireMessage(next(), 'ParticipantJoined', AGENT),
      wireMessage(next(), 'Text', AGENT, { text: 'visible 1' }),
      agents(wireMessage(next(), 'ParticipantJoined', CONSULTANT)),
      agents(wireMessage(next(), 'Text', AGENT, { text: `${SECRET} consult question` })),
      agents(wireMessage(next(), 'TypingStarted', CONSULTANT)),
      agents(wireMessage(next(), 'TypingStopped', CONSULTANT)),
      agents(wireMessage(next(), 'Text', CONSULTANT, { text: `${SECRET} consult answer https://internal.example/kb` })),
      agents(wireMessage(next(), 'Notice', null, { text: `${SECRET} notice` })),
      agents(wireMessage(next(), 'CustomNotice', CONSULTANT, { noticeText: `${SECRET} custom notice` })),
      agents(wireMessage(next(), 'PushUrl', CONSULTANT, { url: 'https://internal.example/secret' })),
      agents(wireMessage(next(), 'NicknameUpdated', CONSULTANT, { noticeText: `${SECRET} renamed` })),
      agents(wireMessage(next(), 'ParticipantLeft', CONSULTANT)),
      wireMessage(next(), 'Text', AGENT, { text: 'visible 2' }),
    ]));
    await waitFor(() => el.messages.some((m) => m.text === 'visible 2'));

    // Other spellings of "not for the customer", each in its own notification, around visible ones.
    const variants: unknown[] = ['agents', 'AGENTS', '', undefined, null, 'Supervisor', 'all', 'ALL', ' All', 'All '];
    for (const [v, visibility] of variants.entries()) {
      await publish(CHAT_TOPIC, chatLog(id, [
        agents(wireMessage(next(), 'TypingStarted', CONSULTANT), visibility),
        agents(wireMessage(next(), 'Text', CONSULTANT, { text: `${SECRET} ${v}` }), visibility),
        agents(wireMessage(next(), 'Notice', null, { text: `${SECRET} notice ${v}` }), visibility),
        agents(wireMessage(next(), 'CustomNotice', CONSULTANT, { noticeText: `${SECRET} custom ${v}` }), visibility),
        agents(wireMessage(next(), 'ParticipantJoined', CONSULTANT), visibility),
        wireMessage(next(), 'Text', AGENT, { text: `visible v${v}` }),
      ]));
    }
    await waitFor(() => el.messages.some((m) => m.text === `visible v${variants.length - 1}`));
    await el.updateComplete;
    // The consultant typed (agent-only) and never stopped: nothing may say so.
    expect(el.typingParticipants).to.deep.equal([]);
    expect(plain(el.shadowRoot!.querySelector('[part="typing"]')!.textContent)).to.equal('');

    // The agent types for the customer; an agent-only message of theirs must not give that away.
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(next(), 'TypingStarted', AGENT)]));
    await waitFor(() => el.typingParticipants.length === 1);
    await publish(CHAT_TOPIC, chatLog(id, [
      agents(wireMessage(next(), 'Text', AGENT, { text: `${SECRET} while typing` })),
      agents(wireMessage(next(), 'TypingStopped', AGENT)),
      agents(wireMessage(next(), 'ParticipantLeft', AGENT)),
      wireMessage(next(), 'Notice', null, { text: 'visible notice' }),
    ]));
    await waitFor(() => el.messages.some((m) => m.text === 'visible notice'));
    expect(el.typingParticipants.map((p) => p.nickname)).to.deep.equal([AGENT.nickname]);
    await publish(CHAT_TOPIC, chatLog(id, [
      wireMessage(next(), 'TypingStopped', AGENT),
      wireMessage(next(), 'Text', AGENT, { text: 'visible 3' }),
    ]));
    await waitFor(() => el.messages.some((m) => m.text === 'visible 3'));
    await el.updateComplete;

    const expected = [
      ['ParticipantJoined', ''], ['Text', 'visible 1'], ['Text', 'visible 2'],
      ...variants.map((_, v) => ['Text', `visible v${v}`]),
      ['Notice', 'visible notice'], ['Text', 'visible 3'],
    ];
    expect(el.messages.map((m) => [m.type, m.text])).to.deep.equal(expected);
    expect(announced.map((e) => [e.detail.message.type, e.detail.message.text])).to.deep.equal(expected);
    expect(typing.map((e) => [e.detail.participant.nickname, e.detail.typing])).to.deep.equal([
      [AGENT.nickname, true], [AGENT.nickname, false],
    ]);
    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);

    const everything = [
      el.shadowRoot!.textContent ?? '',
      ...[...el.shadowRoot!.querySelectorAll('*')].flatMap((n) => n.getAttributeNames().map((a) => n.getAttribute(a) ?? '')),
      JSON.stringify(el.messages),
      JSON.stringify(announced.map((e) => e.detail)),
      JSON.stringify(typing.map((e) => e.detail)),
    ].join('\n');
    expect(everything).not.to.include(SECRET);
    expect(everything).not.to.include(CONSULTANT.nickname);
    expect(everything).not.to.include(CONSULTANT.participantId);
    expect(everything).not.to.include('internal.example');
    expect(entries(el).map((e) => plain(e.textContent).replace(/\s*\d{1,2}:\d{2}(\s?[AP]M)?$/i, ''))).to.deep.equal([
      'Marat joined the chat', 'Marat visible 1', 'Marat visible 2',
      ...variants.map((_, v) => `Marat visible v${v}`),
      'visible notice', 'Marat visible 3',
    ]);
    expect(pageErrors).to.deep.equal([]);
  });
});
