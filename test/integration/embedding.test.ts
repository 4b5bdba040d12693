// Where the page puts the element: a sandboxed iframe, a page whose Web Locks refuse, a
// framework that removes and adds it back. Only this file uses /gwse (which lets pages of
// an opaque origin in), so its counters are this file's alone.
import { expect } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { LINGER_MS, openConnectionCount } from '../../src/transport/connection.js';
import { serverView, shown, Tabs, type SessionTab } from '../support/frames.js';
import {
  AGENT, CHAT_TOPIC, chatLog, connected, messagesShown, publish, restOn, serverKnows, serverStats, uniqueId, waitFor,
  wireMessage,
} from '../support/gws.js';

const BASE = '/gwse/api/v2';
const URL_E = `${BASE}/notifications`;
const agentE = (id: string, action: string, o: Record<string, unknown> = {}) => restOn(BASE, 'agent', id, action, o);
const sentTexts = async (id: string) => (await restOn<{ operationName: string; body: Record<string, unknown> }[]>(BASE, 'received', id))
  .filter((r) => r.operationName === 'SendMessage').map((r) => r.body['text']);

const tabs = new Tabs(URL_E);
/** What a test leaves to undo after it (frames, containers). */
const cleanups: (() => void)[] = [];
afterEach(async function () {
  this.timeout(30_000);
  for (const undo of cleanups.splice(0)) undo();
  tabs.closeAll();
  // Every page gone: the server drops their sessions.
  await waitFor(async () => (await serverStats(BASE)).sessions === 0, 'sessions left', { timeout: 25_000 });
});

/** What the element in the sandboxed frame reports (it cannot be reached from here). */
interface Report {
  state: string;
  messages: string[];
  pending: number;
  errors: string[];
  /** The answer to command `n`: its value, or why it failed. */
  n?: number;
  value?: string | null;
  failed?: string;
}

/**
 * A chat embedded in an iframe sandboxed without `allow-same-origin` (an opaque origin:
 * Web Locks and storage exist but refuse): the script bundle and one `<gws-chat>`, which
 * reports what it shows and runs what it is asked (`start`, `send`) over postMessage.
 */
async function sandboxedChat(): Promise<{ last(): Report; run(op: 'start' | 'send', arg?: string): Promise<Report> }> {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.srcdoc = `<!doctype html><meta charset="utf-8"><body>
    <script src="/dist/gws-chat.min.js"></script>
    <script>
      const el = document.createElement('gws-chat');
      el.url = ${JSON.stringify(new URL(URL_E, location.href).href)};
      document.body.append(el);
      const errors = [];
      el.addEventListener('gws-error', (e) => errors.push(e.detail.message));
      const report = (extra) => parent.postMessage({
        state: el.connectionState, messages: el.messages.map((m) => m.text ?? ''), pending: el.pendingMessages.length,
        errors, ...extra,
      }, '*');
      el.session.addEventListener('change', () => report({}));
      addEventListener('message', async (e) => {
        const { n, op, arg } = e.data;
        try {
          report({ n, value: (op === 'start' ? await el.startChat({ nickname: 'PersonP' }) : await el.send(arg)) ?? null });
        } catch (err) {
          report({ n, failed: String(err && err.message || err) });
        }
      });
      report({});
    </script>`;
  let latest: Report | null = null;
  const answers = new Map<number, (r: Report) => void>();
  const onMessage = (e: MessageEvent) => {
    if (e.source !== frame.contentWindow) return;
    const r = e.data as Report;
    latest = r;
    if (r.n !== undefined) answers.get(r.n)?.(r);
  };
  window.addEventListener('message', onMessage);
  cleanups.push(() => {
    window.removeEventListener('message', onMessage);
    frame.remove();
  });
  document.body.append(frame);
  await waitFor(() => latest !== null, 'the sandboxed page never reported', { timeout: 8000 });
  let next = 0;
  return {
    last: () => latest!,
    run: (op, arg) => new Promise((resolve) => {
      const n = ++next;
      answers.set(n, resolve);
      frame.contentWindow!.postMessage({ n, op, arg }, '*');
    }),
  };
}

describe('where Web Locks or storage refuse, the tab works alone', function () {
  this.timeout(60_000);

  it('in an iframe sandboxed without allow-same-origin: connects, starts a chat, shows the agent, sends', async () => {
    const chat = await sandboxedChat();
    const started = await chat.run('start');
    expect(started.failed, 'startChat() failed').to.equal(undefined);
    expect(started.state).to.equal('connected');
    const id = started.value!;
    await agentE(id, 'join');
    await agentE(id, 'say', { text: 'Hello from the agent' });
    await waitFor(() => chat.last().messages.includes('Hello from the agent'), `not shown (${JSON.stringify(chat.last())})`);
    const sent = await chat.run('send', 'Hello from a sandboxed page');
    expect(sent.failed, 'send() failed').to.equal(undefined);
    await waitFor(() => chat.last().pending === 0 && chat.last().messages.includes('Hello from a sandboxed page'),
      `the message is not in the log (${JSON.stringify(chat.last())})`);
    expect(await sentTexts(id)).to.deep.equal(['Hello from a sandboxed page']);
    expect(chat.last().errors, 'gws-error').to.deep.equal([]);
  });

  it('in a page whose LockManager.request rejects (SecurityError): connects, starts a chat, shows the agent, sends', async () => {
    const page = await tabs.prepare();
    const w = page.tab as unknown as typeof globalThis;
    w.LockManager.prototype.request = function refuse() {
      return Promise.reject(new w.DOMException('The request was denied.', 'SecurityError'));
    } as typeof w.LockManager.prototype.request;
    const { session } = tabs.start(page);
    const id = await session.startChat({ nickname: 'PersonP' });
    await waitFor(() => session.connectionState === 'connected', `never connected (${session.connectionState})`, { timeout: 10_000 });
    await agentE(id, 'join');
    await agentE(id, 'say', { text: 'Hello from the agent' });
    await waitFor(() => session.state === 'Chatting', `not chatting (${session.state})`);
    await session.send('Hello from a page without locks');
    await waitFor(() => session.pendingMessages.length === 0, 'the message stayed on its way');
    await waitFor(async () => shown(session).length === (await serverView(BASE, id)).length, 'not all shown');
    expect(shown(session)).to.deep.equal(await serverView(BASE, id));
    expect(await sentTexts(id)).to.deep.equal(['Hello from a page without locks']);
    expect((page.tab as SessionTab).openConnectionCount(), 'its own connection').to.equal(1);
  });
});

describe('re-mounting (a framework re-renders)', function () {
  this.timeout(60_000);
  /** About one frame (a test page in the background gets no animation frames). */
  const aFrame = () => new Promise((resolve) => setTimeout(resolve, 16));

  it('reuses the connection: 50 removals and re-additions one frame apart make one handshake; it goes after the linger', async () => {
    const before = await serverStats(BASE);
    const id = uniqueId();
    await serverKnows(id, BASE);
    const box = document.createElement('div');
    document.body.append(box);
    cleanups.push(() => box.remove());
    const el = document.createElement('gws-chat') as GwsChat;
    el.url = URL_E;
    el.interactionId = id;
    box.append(el);
    await connected(el);
    for (let i = 0; i < 50; i++) {
      el.remove();
      await aFrame();
      box.append(el);
      await aFrame();
    }
    await connected(el);
    const during = await serverStats(BASE);
    expect(during.handshakes - before.handshakes, 'handshakes').to.equal(1);
    expect(openConnectionCount()).to.equal(1);
    // Still live.
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'after 50 re-mounts' })]), BASE);
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['after 50 re-mounts']);

    el.remove();
    const removedAt = performance.now();
    await waitFor(() => openConnectionCount() === 0, 'never disconnected', { timeout: LINGER_MS + 3000 });
    expect(performance.now() - removedAt, 'kept for the linger (ms)').to.be.at.least(LINGER_MS - 50);
    expect(el.connectionState).to.equal('disconnected');
    await waitFor(async () => (await serverStats(BASE)).sessions === before.sessions, 'the session was not closed', { timeout: 8000 });
  });

  it('says goodbye at once (a keepalive /meta/disconnect) when the page is left while the connection lingers', async () => {
    const t = await tabs.open({ interactionId: uniqueId() });
    await waitFor(() => t.session.connectionState === 'connected', 'never connected', { timeout: 10_000 });
    t.session.disconnect();
    expect(t.tab.openConnectionCount(), 'lingering').to.equal(1);
    const goodbyes: boolean[] = [];
    const original = t.tab.fetch.bind(t.tab);
    t.tab.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/disconnect')) goodbyes.push(init?.keepalive === true);
      return original(input, init);
    };
    t.tab.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(goodbyes, 'a keepalive /meta/disconnect').to.deep.equal([true]);
    expect(t.tab.openConnectionCount()).to.equal(0);
  });
});
