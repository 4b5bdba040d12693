// Every brand, every language: the element speaks its `lang` (its own, an ancestor's, the
// document's, the browser's), loads that language's texts on demand (English until they
// arrive), lets `strings` override single entries, and leaves no English behind.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import { GwsChat } from '../../src/elements/gws-chat.js';
import { DEFAULT_STRINGS, type GwsChatStrings } from '../../src/i18n/languages.js';
import { loadedTable, loaders } from '../../src/i18n/languages.js';
import ar from '../../src/i18n/lang/ar.js';
import de from '../../src/i18n/lang/de.js';
import es from '../../src/i18n/lang/es.js';
import fr from '../../src/i18n/lang/fr.js';
import ja from '../../src/i18n/lang/ja.js';
import pt from '../../src/i18n/lang/pt.js';
import {
  CHAT_TOPIC, SECOND_SERVER_URL, connected, messagesShown, partText, plain, publish, restOn, uniqueId, waitFor,
} from '../support/gws.js';
import { input, part } from '../support/parts.js';

// The second simulator: no other test file sends messages there, so its switches
// (`failNext`) cannot catch another file's message, nor another file's catch this file's.
const BASE = '/gws2/api/v2';
const URL = SECOND_SERVER_URL;
const rest = <T = unknown>(method: string, ...args: unknown[]) => restOn<T>(BASE, method, ...args);
const simulatedChat = (nickname: string, state: string) => rest<string>('create', 'chat', { origin: location.origin, nickname, state });
const agent = (id: string, action: string, options: Record<string, unknown> = {}) => rest('agent', id, action, options);

const content = (el: GwsChat) => el.shadowRoot!.querySelector<HTMLElement>('.content')!;

/** Waits until the element shows the texts of `table` (its language file has arrived). */
async function speaks(el: GwsChat, table: GwsChatStrings, what = 'the language never arrived'): Promise<void> {
  await waitFor(() => part(el, 'log')?.getAttribute('aria-label') === table.transcriptLabel, what);
  await el.updateComplete;
}

/** A chatting customer, its state known, in a fixture made by `make`. */
async function chatting(make: (id: string) => Promise<GwsChat>, nickname = 'PersonP'): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat(nickname, 'Chatting');
  const el = await make(id);
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.state !== null, 'no state arrived');
  await el.updateComplete;
  return { el, id };
}

/** Types `text` into the composer as the customer would (an input event). */
async function type(el: GwsChat, text: string): Promise<void> {
  input(el).value = text;
  input(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Everything a customer can see or hear in the element: its text and its accessible names and hints. */
function perceivable(el: GwsChat): string {
  const root = el.shadowRoot!;
  const texts = [plain(root.textContent)];
  for (const node of root.querySelectorAll('*')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = node.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts.join(' ');
}

/** Whether the customer meets a Latin letter anywhere (names and texts of the test are all Arabic). */
function expectNoLatin(el: GwsChat, state: string): void {
  const all = perceivable(el);
  expect(all.match(/[A-Za-z]+/g), `${state}: ${all}`).to.equal(null);
}

const html_ = document.documentElement;
let savedLang: string | null;
beforeEach(() => {
  savedLang = html_.getAttribute('lang');
  html_.removeAttribute('lang');
});
afterEach(() => {
  fixtureCleanup();
  if (savedLang === null) html_.removeAttribute('lang');
  else html_.setAttribute('lang', savedLang);
  localStorage.clear(); sessionStorage.clear();
});

describe('languages: upgrade', () => {
  it('upgrades to GwsChat, in English when nothing says otherwise', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat></gws-chat>`);
    expect(el).to.be.instanceOf(GwsChat);
    expect(navigator.languages[0], 'the test browser speaks English').to.match(/^en\b/);
    expect(part(el, 'log')!.getAttribute('aria-label')).to.equal(DEFAULT_STRINGS.transcriptLabel);
    expect(content(el).hasAttribute('dir')).to.equal(false);
  });
});

describe('languages: the element\'s lang', () => {
  it('lang="fr": English at once, never blocked, then French everywhere once the file has arrived', async () => {
    // Hold the French file back, to see what the customer sees meanwhile.
    const original = loaders.fr;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    loaders.fr = async () => { await gate; return original(); };
    let el!: GwsChat;
    let id!: string;
    try {
      ({ el, id } = await chatting((i) => fixture<GwsChat>(html`<gws-chat lang="fr" url=${URL} interaction-id=${i} max-length="10"></gws-chat>`)));
      expect(input(el).placeholder, 'English until the file arrives').to.equal(DEFAULT_STRINGS.placeholder);
      expect(el.connectionState, 'rendering and connecting did not wait for it').to.equal('connected');
      release();
      await speaks(el, fr);
    } finally {
      loaders.fr = original;
      release();
    }
    expect(input(el).placeholder).to.equal('Écrivez un message…');
    expect(input(el).getAttribute('aria-label')).to.equal(fr.inputLabel);
    expect(plain(part(el, 'send-button')!.textContent)).to.equal('Envoyer');
    expect(plain(part(el, 'end-button')!.textContent)).to.equal('Terminer la conversation');
    // Notes and messages.
    await agent(id, 'say', { text: 'Bonjour' });
    await agent(id, 'join', { nickname: 'Marat' });
    await messagesShown(el, 2);
    const time = el.shadowRoot!.querySelector('time')!;
    const expected = new Intl.DateTimeFormat('fr', { hour: 'numeric', minute: '2-digit' }).format(new Date(time.dateTime));
    expect(time.textContent).to.equal(expected);
    expect(plain(part(el, 'message-joined')!.textContent)).to.contain('Marat a rejoint la conversation');
    await type(el, 'beaucoup trop long');
    expect(el.shadowRoot!.querySelector('#composer-note')!.textContent).to.equal(fr.tooLong(18, 10));
    await expect(el).to.be.accessible();
  });

  it('follows a lang set later, and back', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL} interaction-id=${uniqueId()}></gws-chat>`);
    el.lang = 'de';
    await speaks(el, de);
    expect(input(el).placeholder).to.equal(de.placeholder);
    el.removeAttribute('lang');
    await speaks(el, DEFAULT_STRINGS);
  });

  it('strings overrides one entry on top of the loaded language', async () => {
    const { el } = await chatting((id) => fixture<GwsChat>(html`<gws-chat lang="es" .strings=${{ send: '¡Va!' }}
      url=${URL} interaction-id=${id}></gws-chat>`));
    await speaks(el, es);
    expect(plain(part(el, 'send-button')!.textContent)).to.equal('¡Va!');
    expect(input(el).placeholder).to.equal(es.placeholder);
    expect(plain(part(el, 'end-button')!.textContent)).to.equal(es.endChat);
    // A change of overrides applies at once, still on top of the language.
    el.strings = { placeholder: 'Escriba aquí' };
    await el.updateComplete;
    expect(input(el).placeholder).to.equal('Escriba aquí');
    expect(plain(part(el, 'send-button')!.textContent)).to.equal(es.send);
  });
});

describe('languages: overrides in a new object at each render (a framework\'s inline prop)', () => {
  it('the same texts keep the log as it is (a reader\'s text selection stays); other texts rebuild it', async () => {
    const { el, id } = await chatting((i) => fixture<GwsChat>(html`<gws-chat .strings=${{ send: 'Go' }}
      url=${URL} interaction-id=${i}></gws-chat>`));
    await agent(id, 'join');
    await agent(id, 'say', { text: 'select me' });
    await waitFor(() => el.messages.some((m) => m.text === 'select me'));
    await el.updateComplete;
    const entry = () => [...el.shadowRoot!.querySelectorAll('[part~="message-text"]')].find((e) => e.textContent!.includes('select me'))!;
    const shownBefore = entry();
    const selection = document.getSelection()!;
    selection.selectAllChildren(shownBefore.querySelector('.body')!);
    for (let i = 0; i < 3; i++) {
      el.strings = { send: 'Go' };
      await el.updateComplete;
    }
    expect(entry(), 'the entry was built again').to.equal(shownBefore);
    expect(selection.toString()).to.equal('select me');
    el.strings = { send: 'Go', you: 'Me' };
    await el.updateComplete;
    expect(entry(), 'other texts: the log is built with them').to.not.equal(shownBefore);
    expect(plain(part(el, 'send-button')!.textContent)).to.equal('Go');
  });
});

describe('languages: inherited', () => {
  it('an ancestor\'s lang, also across a shadow root', async () => {
    const box = await fixture<HTMLElement>(html`<div lang="pt-BR"><gws-chat url=${URL} interaction-id=${uniqueId()}></gws-chat></div>`);
    const el = box.querySelector('gws-chat') as GwsChat;
    await speaks(el, pt);
    expect(input(el).placeholder).to.equal(pt.placeholder);
    // Inside a host's own shadow root, under a lang of the host's.
    const host = await fixture<HTMLElement>(html`<section lang="de"></section>`);
    const inner = document.createElement('gws-chat') as GwsChat;
    host.attachShadow({ mode: 'open' }).append(inner);
    await speaks(inner, de);
    inner.remove();
  });

  it('the document\'s <html lang>, and a change of it', async () => {
    html_.setAttribute('lang', 'ja');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL} interaction-id=${uniqueId()}></gws-chat>`);
    await speaks(el, ja);
    expect(input(el).placeholder).to.equal('メッセージを入力…');
    html_.setAttribute('lang', 'de');
    await speaks(el, de);
    // The nearest lang wins over the document's.
    const inner = await fixture<HTMLElement>(html`<div lang="es"><gws-chat url=${URL} interaction-id=${uniqueId()}></gws-chat></div>`);
    await speaks(inner.querySelector('gws-chat') as GwsChat, es);
  });

  it('a language that is not shipped shows English, and its times', async () => {
    const { el } = await chatting((id) => fixture<GwsChat>(html`<gws-chat lang="it" url=${URL} interaction-id=${id}></gws-chat>`));
    await agent(el.interactionId, 'say', { text: 'ciao' });
    await messagesShown(el, 1);
    expect(input(el).placeholder).to.equal(DEFAULT_STRINGS.placeholder);
    const time = el.shadowRoot!.querySelector('time')!;
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('it', { hour: 'numeric', minute: '2-digit' }).format(new Date(time.dateTime)));
  });
});

describe('languages: Arabic leaves no English behind', () => {
  it('waiting for an agent, chatting, too long, an error notice, reconnecting, ended with a reason: all in Arabic, right to left', async function () {
    this.timeout(40_000);
    const id = await simulatedChat('سارة', 'WaitingForAgent');
    const el = await fixture<GwsChat>(html`<gws-chat lang="ar" url=${URL} interaction-id=${id} max-length="10"></gws-chat>`);
    await connected(el);
    await rest('publishState', id);
    await waitFor(() => el.state === 'WaitingForAgent', 'not waiting for an agent');
    await speaks(el, ar);
    expect(content(el).getAttribute('dir'), 'right to left').to.equal('rtl');
    expect(getComputedStyle(part(el, 'log')!).direction).to.equal('rtl');
    expect(partText(el, 'status')).to.equal(ar.waitingForAgent);
    expectNoLatin(el, 'waiting for an agent');

    // An agent joins and writes; the customer's own words too.
    await agent(id, 'join', { nickname: 'مراد' });
    await agent(id, 'say', { nickname: 'مراد', text: 'مرحبا، كيف يمكنني مساعدتك؟' });
    await agent(id, 'say', { as: 'customer', text: 'شكرا' });
    await messagesShown(el, 3);
    expectNoLatin(el, 'chatting');
    await expect(el).to.be.accessible();

    // The too-long note.
    await type(el, 'هذه رسالة طويلة جدا');
    expect(plain(el.shadowRoot!.querySelector('#composer-note')!.textContent)).to.equal(ar.tooLong(19, 10));
    expectNoLatin(el, 'too long');
    await type(el, '');

    // An error the server reports (its own words are English): the notice is Arabic.
    await publish(CHAT_TOPIC, {
      messageType: 'ChatStateChangeMessage', notificationType: 'Error', errorMessage: 'SendMessage failed', referenceId: 7,
      chat: { id, uri: `${location.origin}${BASE}/chats/${id}`, state: 'Chatting' },
    }, BASE);
    await waitFor(() => part(el, 'error') !== null, 'no error notice');
    await el.updateComplete;
    expect(part(el, 'error')!.querySelector('p')!.textContent).to.equal(ar.serverError);
    expect(part(el, 'error')!.querySelector('button')!.textContent).to.equal(ar.dismiss);
    expectNoLatin(el, 'error notice');
    part(el, 'error')!.querySelector('button')!.click();
    await el.updateComplete;

    // The connection is lost (this page's only: its requests to the notification server fail).
    const cut = cutNotifications();
    try {
      await waitFor(() => el.connectionState === 'reconnecting', 'the connection was not lost', { timeout: 15_000 });
      await el.updateComplete;
      expect(partText(el, 'status')).to.contain(ar.reconnecting);
      expect(plain(part(el, 'reconnect-button')!.textContent)).to.equal(ar.reconnectNow);
      expectNoLatin(el, 'reconnecting');
    } finally {
      cut.restore();
    }
    part(el, 'reconnect-button')?.click();
    await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 15_000 });

    // A message the server turns away for now (retry in 30 s), then the chat ends: not sent, because it ended.
    await rest('failNext', 'SendMessage', { id, status: 503, statusCode: 503, statusMessage: 'Service Unavailable', retryAfter: 30 });
    void el.send('مرحبا').catch(() => {});
    await waitFor(() => el.pendingMessages[0]?.delivery.state === 'retrying', 'no automatic retry scheduled');
    await agent(id, 'complete');
    await waitFor(() => el.ended && el.pendingMessages[0]?.delivery.state === 'failed' && el.pendingMessages[0].delivery.reason === 'ended',
      'the chat did not end');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal(ar.ended);
    expect(plain(part(el, 'message-failed')!.textContent)).to.contain(`${ar.notSent} ${ar.ended}`);
    expectNoLatin(el, 'ended');
    await expect(el).to.be.accessible();
  });

  it('a failed start and a refused message say so in Arabic', async () => {
    const id = await simulatedChat('سارة', 'Chatting');
    const el = await fixture<GwsChat>(html`<gws-chat lang="ar" url=${URL} interaction-id=${id}></gws-chat>`);
    await connected(el);
    await rest('publishState', id);
    await waitFor(() => el.state !== null);
    await speaks(el, ar);
    await rest('failNext', 'SendMessage', { id, status: 400, statusCode: 400, statusMessage: 'Bad request' });
    await el.send('مرحبا').catch(() => {});
    await waitFor(() => el.pendingMessages[0]?.status === 'failed', 'not refused');
    await el.updateComplete;
    expect(plain(part(el, 'message-failed')!.textContent)).to.equal(`${ar.you} مرحبا ${ar.notSent} ${ar.refused} ${ar.retry}`);
    expect(part(el, 'retry-button')!.getAttribute('aria-label')).to.equal(ar.retryLabel('مرحبا'));
    expectNoLatin(el, 'refused');
  });
});

describe('languages: a file that cannot be loaded', () => {
  it('leaves English (logged once), laid out left to right, and nothing broken', async () => {
    const original = loaders.he;
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    // A module that fails as one whose fetch failed would (and leaves no 404 in the log).
    const failing = 'data:text/javascript,throw new Error("offline")';
    loaders.he = () => import(/* @vite-ignore */ failing);
    try {
      const { el, id } = await chatting((i) => fixture<GwsChat>(html`<gws-chat lang="he" url=${URL} interaction-id=${i}></gws-chat>`));
      await waitFor(() => warnings.length > 0, 'no warning');
      await el.updateComplete;
      expect(input(el).placeholder).to.equal(DEFAULT_STRINGS.placeholder);
      // English texts are not laid out right to left (they would read "…Connecting").
      expect(content(el).getAttribute('dir')).to.equal(null);
      // A second element in Hebrew: no second attempt, no second warning.
      const other = await fixture<GwsChat>(html`<gws-chat lang="he"></gws-chat>`);
      await other.updateComplete;
      expect(loadedTable('he')).to.equal(undefined);
      // Everything works: a message goes out and comes back.
      await el.send('shalom');
      await waitFor(() => el.messages.some((m) => m.text === 'shalom'), 'not echoed');
      expect(warnings).to.have.length(1);
      expect(id).to.be.a('string');
    } finally {
      loaders.he = original;
      console.warn = warn;
    }
  });

  it('a host that gave dir keeps it', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat lang="ar" dir="ltr"></gws-chat>`);
    await speaks(el, ar);
    expect(content(el).hasAttribute('dir')).to.equal(false);
    el.removeAttribute('dir');
    await waitFor(() => content(el).getAttribute('dir') === 'rtl', 'the language\'s direction not taken');
  });
});

describe('languages: the script bundles', function () {
  this.timeout(30_000);

  it('the script bundle holds English only: the other languages are files beside it', async () => {
    const bundle = await (await fetch('/dist/gws-chat.min.js')).text();
    expect(bundle).to.contain(DEFAULT_STRINGS.placeholder);
    for (const table of [fr, de, ar, ja]) expect(bundle).not.to.contain(table.placeholder);
    // By an absolute URL made from the bundle's own (a relative import() from a script of
    // another origin would resolve against about:blank).
    expect(bundle).to.contain('import(new URL("./lang/fr.js",');
    const file = await (await fetch('/dist/lang/fr.js')).text();
    expect(file).to.contain(fr.placeholder);
  });

  for (const page of ['script', 'esm'] as const) {
    it(`the ${page === 'script' ? 'classic script' : 'ES module'} bundle fetches dist/lang/fr.js from beside itself, under the strict CSP`, async () => {
      const report = await underCsp(page, 'fr', (r) => r.placeholder === fr.placeholder);
      expect(report.languageFiles).to.deep.equal(['/dist/lang/fr.js']);
      expect(report.enforced).to.equal(true);
      expect(report.violations).to.deep.equal([]);
    });
  }
});

interface PageReport {
  source: string;
  type: string;
  enforced?: boolean;
  violations?: string[];
  placeholder?: string | null;
  languageFiles?: string[];
}

/** Opens a strict-CSP page (test/csp/) with an element in `lang`; asks for reports until `done`. */
async function underCsp(page: 'script' | 'esm', lang: string, done: (r: PageReport) => boolean): Promise<PageReport> {
  const seen: PageReport[] = [];
  const listener = (e: MessageEvent<PageReport>) => {
    if (e.origin === location.origin && e.data?.source === 'csp-page') seen.push(e.data);
  };
  window.addEventListener('message', listener);
  const frame = document.createElement('iframe');
  frame.src = `/csp/${page}.html?id=${uniqueId('LANG')}&lang=${lang}`;
  document.body.append(frame);
  try {
    await waitFor(() => seen.some((m) => m.type === 'connected'), `the ${page} page never connected`, { timeout: 10_000 });
    await waitFor(() => {
      frame.contentWindow!.postMessage('report', location.origin);
      return seen.some((m) => m.type === 'report' && done(m));
    }, 'the language never arrived', { timeout: 10_000, interval: 200 });
    return seen.find((m) => m.type === 'report' && done(m))!;
  } finally {
    window.removeEventListener('message', listener);
    frame.remove();
  }
}

/**
 * Makes this page's requests to the notification server fail (as when the network drops),
 * cutting the ones under way; other pages are not affected.
 */
function cutNotifications(): { restore(): void } {
  const proto = XMLHttpRequest.prototype;
  const open = proto.open;
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    // Nothing listens on port 1: the request fails at once, as with no network.
    const target = String(url).includes('/notifications') ? 'http://127.0.0.1:1/cut' : url;
    return (open as (...args: unknown[]) => void).call(this, method, target, ...rest);
  } as typeof proto.open;
  // The long poll under way is cut too.
  for (const xhr of trackedRequests) xhr.abort();
  return { restore: () => { proto.open = open; } };
}

/** The requests this page has open (tracked from the start, so that a cut can end them). */
const trackedRequests = new Set<XMLHttpRequest>();
{
  const proto = XMLHttpRequest.prototype;
  const send = proto.send;
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    trackedRequests.add(this);
    this.addEventListener('loadend', () => trackedRequests.delete(this), { once: true });
    return send.call(this, body);
  };
}
