// The engine alone, with no element, against the real CometD simulator: every defect of
// the "no message lost or doubled" issue, each reproduced as a user would meet it. These
// tests run on their own simulator (/gws5), which only this file takes down.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import '../../src/gws-facebook-session.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import type { GwsFacebookSession } from '../../src/elements/gws-facebook-session.js';
import { LOG_TYPES } from '../../src/model/transcript.js';
import { ChatSession, type ChatSessionOptions } from '../../src/session/chat-session.js';
import { outage, record, recover, restOn, waitFor } from '../support/gws.js';

const BASE = '/gws5/api/v2';
const URL5 = `${BASE}/notifications`;
const rest5 = <T = unknown>(method: string, ...args: unknown[]) => restOn<T>(BASE, method, ...args);
const agent5 = (id: string, action: string, o: Record<string, unknown> = {}) => rest5('agent', id, action, o);

interface ServerMessage { index: number; type: string; text?: string; visibility: string }
interface Received { operationName: string; body: Record<string, unknown> }

async function serverView(id: string): Promise<string[]> {
  const log = await rest5<ServerMessage[]>('log', id);
  return log.filter((m) => m.visibility === 'All' && LOG_TYPES.has(m.type)).map((m) => `${m.index}:${m.text ?? ''}`);
}
const shown = (s: { messages: readonly { index: number; text: string }[] }) => s.messages.map((m) => `${m.index}:${m.text}`);
const sent = async (id: string) => (await rest5<Received[]>('received', id))
  .filter((r) => r.operationName === 'SendMessage').map((r) => r.body['text']);

const sessions: ChatSession[] = [];
/** A connected session on the /gws5 simulator; retries wait 0.25 s (random 0). */
function session(options: ChatSessionOptions = {}): ChatSession {
  const s = new ChatSession({ url: URL5, random: () => 0, ...options });
  sessions.push(s);
  s.connect();
  return s;
}

async function chat(): Promise<string> {
  const id = await rest5<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
  return id;
}

async function following(options: ChatSessionOptions = {}): Promise<{ s: ChatSession; id: string }> {
  const id = options.interactionId ?? await chat();
  const s = session({ interactionId: id, ...options });
  await waitFor(() => s.connectionState === 'connected', `not connected (${s.connectionState})`, { timeout: 10_000 });
  await rest5('publishState', id);
  await waitFor(() => s.capabilities.includes('SendMessage'), 'no capabilities');
  return { s, id };
}

async function sameLogAsServer(s: ChatSession, id: string): Promise<void> {
  await waitFor(() => s.connectionState === 'connected' && s.pendingMessages.length === 0,
    `still ${s.connectionState} with ${s.pendingMessages.map((m) => `${m.text}:${m.status}`).join(', ')} unsent`, { timeout: 20_000 });
  const want = await serverView(id);
  await waitFor(() => shown(s).length >= want.length, `shows ${shown(s).length} of ${want.length}`, { timeout: 20_000 });
  expect(shown(s)).to.deep.equal(want);
}

const frames: HTMLIFrameElement[] = [];
/** Another page of the site in a frame, with the built package loaded as `window.gws`. */
async function page(): Promise<Window & { gws: typeof import('../../src/index.js') }> {
  const frame = document.createElement('iframe');
  frames.push(frame);
  const ready = new Promise<void>((resolve) => {
    frame.addEventListener('load', () => {
      const w = frame.contentWindow as Window & { gws?: unknown };
      if (w.gws) resolve();
      else w.addEventListener('gws-ready', () => resolve(), { once: true });
    }, { once: true });
  });
  frame.src = '/test/session/frame.html';
  document.body.append(frame);
  await ready;
  return frame.contentWindow as Window & { gws: typeof import('../../src/index.js') };
}
/** Reloads a frame's page (its sessions go with it, as with a real reload). */
async function reload(w: Window): Promise<Window & { gws: typeof import('../../src/index.js') }> {
  const frame = frames.find((f) => f.contentWindow === w)!;
  const ready = new Promise<void>((resolve) => {
    frame.addEventListener('load', () => {
      const next = frame.contentWindow as Window & { gws?: unknown };
      if (next.gws) resolve();
      else next.addEventListener('gws-ready', () => resolve(), { once: true });
    }, { once: true });
  });
  w.location.reload();
  await ready;
  return frame.contentWindow as Window & { gws: typeof import('../../src/index.js') };
}

afterEach(async () => {
  for (const s of sessions.splice(0)) s.disconnect();
  for (const f of frames.splice(0)) f.remove();
  await recover(BASE);
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

describe('ChatSession', function () {
  this.timeout(60_000);

  it('follows a chat with no element: messages, events with their detail, sending', async () => {
    const { s, id } = await following();
    const messages = record(s, 'gws-message' as never) as unknown as CustomEvent[];
    const accepted = record(s, 'gws-send' as never) as unknown as CustomEvent[];
    await agent5(id, 'say', { text: 'Hello from the agent' });
    await s.send('Hello from the customer');
    await sameLogAsServer(s, id);
    expect(messages.map((e) => e.detail.message.text)).to.deep.equal(['Hello from the agent', 'Hello from the customer']);
    expect(accepted.map((e) => e.detail.text)).to.deep.equal(['Hello from the customer']);
    expect(s.status).to.deep.equal({ kind: 'following', interactionId: id });
  });

  it('never loses the range a failing catch-up was for, whatever arrives live meanwhile (defect 1)', async () => {
    const id = await chat();
    for (const text of ['lost 1', 'lost 2', 'lost 3']) await agent5(id, 'say', { text, silent: true });
    // The first catch-up fails four times (503), while live messages with higher indices arrive.
    await rest5('failNext', 'GetMessages', { status: 503, statusCode: 503, statusMessage: 'Busy' }, 4);
    const s = session({ interactionId: id });
    await waitFor(() => s.connectionState === 'connected');
    await agent5(id, 'say', { text: 'live 4' });
    await waitFor(() => s.messages.some((m) => m.text === 'live 4'));
    await agent5(id, 'say', { text: 'live 5' });
    await sameLogAsServer(s, id);
    expect(shown(s)).to.deep.equal(['1:lost 1', '2:lost 2', '3:lost 3', '4:live 4', '5:live 5']);
  });

  it('survives the server going down each time it is asked for the log (defect 1, the hostile way)', async () => {
    const { s, id } = await following();
    await agent5(id, 'say', { text: 'seen' });
    for (let round = 0; round < 5; round++) {
      await outage(BASE);
      // Said while nobody could hear.
      await agent5(id, 'say', { text: `during outage ${round}`, silent: true });
      await recover(BASE);
      // The catch-up after the reconnect is cut too, and something is said live meanwhile.
      await waitFor(() => s.catchUpStatus.kind === 'fetching' || s.connectionState === 'connected', 'no catch-up', { timeout: 20_000 });
      await outage(BASE);
      await agent5(id, 'say', { text: `live ${round}`, silent: true });
      await recover(BASE);
    }
    await agent5(id, 'say', { text: 'the end' });
    await sameLogAsServer(s, id);
  });

  it('gives every request a deadline: a log read that never answers does not block later ones (defect 2)', async () => {
    const id = await chat();
    await agent5(id, 'say', { text: 'in the log', silent: true });
    await rest5('failNext', 'GetMessages', { hang: true });
    const s = session({ interactionId: id, requestTimeout: 600 });
    await sameLogAsServer(s, id);
    const reads = await rest5<unknown[]>('reads');
    expect(reads.length, 'the hanging read was given up and asked again').to.be.greaterThan(1);
  });

  it('a SendMessage that never answers is not "Sending…" forever, and is sent once (defect 2)', async () => {
    const { s, id } = await following({ requestTimeout: 600 });
    await rest5('failNext', 'SendMessage', { hang: true });
    const sending = s.send('are you there?');
    await s.send('second').catch(() => {});
    await sending;
    await sameLogAsServer(s, id);
    expect(await sent(id)).to.deep.equal(['are you there?', 'are you there?', 'second']);
    expect(shown(s).map((m) => m.split(':')[1])).to.deep.equal(['are you there?', 'second']);
  });

  it('a RequestChat that never answers ends "Starting…" with an error, and a retry works (defect 2)', async () => {
    const s = session({ requestTimeout: 600 });
    const errors = record(s, 'gws-error' as never) as unknown as CustomEvent[];
    await rest5('failNext', 'RequestChat', { hang: true });
    const start = s.startChat({ nickname: 'PersonP' });
    expect(s.busy).to.equal('starting');
    const error = await start.then(() => null, (e: Error) => e);
    expect(error?.message).to.match(/did not answer in time/);
    expect(s.busy).to.equal(null);
    expect(s.status.kind).to.equal('idle');
    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['transport']);
    const id = await s.startChat({ nickname: 'PersonP' });
    expect(s.interactionId).to.equal(id);
  });

  it('does not send again a message the server logged when its answer is a gateway error and its echo is lost (defect 4)', async () => {
    const { s, id } = await following();
    // The server logs it, its notification is lost, and a gateway answers 502.
    await rest5('failNext', 'SendMessage', { logged: true, status: 502, statusCode: 502, statusMessage: 'Bad gateway' });
    await s.send('logged, answer lost');
    await sameLogAsServer(s, id);
    expect(await sent(id), 'sent once').to.deep.equal(['logged, answer lost']);
    expect(shown(s)).to.deep.equal(['1:logged, answer lost']);
  });

  it('does not send again a message the server logged before its deadline passed, across a lost connection (defect 4)', async () => {
    const { s, id } = await following({ requestTimeout: 1000 });
    await rest5('failNext', 'SendMessage', { hang: true, logged: true });
    const sending = s.send('logged, no answer');
    // No answer: the deadline passes while the message waits, unconfirmed, for the log.
    await waitFor(() => s.pendingMessages[0]?.delivery.state === 'unconfirmed' || s.pendingMessages.length === 0, 'not unconfirmed');
    // Said while the connection is down: the catch-up must bring it, with our echo.
    await outage(BASE);
    await agent5(id, 'say', { text: 'during the outage', silent: true });
    await recover(BASE);
    await sending;
    await sameLogAsServer(s, id);
    expect(await sent(id), 'sent once').to.deep.equal(['logged, no answer']);
    expect(shown(s)).to.deep.equal(['1:logged, no answer', '2:during the outage']);
  });

  it('two sessions of one interaction on one page each send their own messages, once (defect 5)', async () => {
    const { s: a, id } = await following({ requestTimeout: 1500 });
    await rest5('failNext', 'SendMessage', { hang: true });
    const fromA = a.send('from A');
    await waitFor(async () => (await sent(id)).length === 1);
    // Added later, while A's message is on its way: B must neither send nor lose it.
    const { s: b } = await following({ interactionId: id, requestTimeout: 1500 });
    expect(b.pendingMessages).to.deep.equal([]);
    await b.send('from B');
    const stored = Object.keys(localStorage).filter((k) => k.startsWith('gws-chat:outbox:'))
      .flatMap((k) => (JSON.parse(localStorage.getItem(k)!) as { items?: { text: string }[] }).items ?? []);
    expect(stored.map((i) => i.text), 'B did not overwrite A').to.include('from A');
    await fromA;
    await sameLogAsServer(a, id);
    await sameLogAsServer(b, id);
    const texts = await sent(id);
    expect(texts.filter((t) => t === 'from A')).to.have.length(2); // the hung one, then once after the catch-up
    expect(texts.filter((t) => t === 'from B')).to.have.length(1);
    expect((await serverView(id)).map((m) => m.split(':')[1])).to.deep.equal(['from B', 'from A']);
  });

  it('a reload while a SendMessage is out does not send it twice (defect 3)', async () => {
    const id = await chat();
    const first = await page();
    const a = new first.gws.ChatSession({ url: URL5, interactionId: id, requestTimeout: 30_000 });
    a.connect();
    await waitFor(() => a.connectionState === 'connected', 'not connected', { timeout: 10_000 });
    await rest5('publishState', id);
    await waitFor(() => a.capabilities.includes('SendMessage'), 'no capabilities', { timeout: 10_000 });
    await rest5('failNext', 'SendMessage', { hang: true, logged: true });
    void a.send('in flight at the reload').catch(() => {});
    await waitFor(async () => (await sent(id)).length === 1);
    const second = await reload(first);
    const b = new second.gws.ChatSession({ url: URL5, interactionId: id });
    b.connect();
    await waitFor(() => b.connectionState === 'connected' && b.pendingMessages.length === 0 && b.messages.length === 1,
      `pending ${b.pendingMessages.length}, shown ${b.messages.length}`, { timeout: 15_000 });
    expect(await sent(id), 'not sent again').to.deep.equal(['in flight at the reload']);
    b.disconnect();
  });

  it('a reload while a SendMessage is out sends it once more only when the server does not have it (defect 3)', async () => {
    const id = await chat();
    const first = await page();
    // The next page sends it again only once this deadline has passed (the server had its chance).
    const a = new first.gws.ChatSession({ url: URL5, interactionId: id, requestTimeout: 3000 });
    a.connect();
    await waitFor(() => a.connectionState === 'connected', 'not connected', { timeout: 10_000 });
    await rest5('publishState', id);
    await waitFor(() => a.capabilities.includes('SendMessage'), 'no capabilities', { timeout: 10_000 });
    await rest5('failNext', 'SendMessage', { hang: true });
    void a.send('lost at the reload').catch(() => {});
    await waitFor(async () => (await sent(id)).length === 1);
    const second = await reload(first);
    const b = new second.gws.ChatSession({ url: URL5, interactionId: id });
    b.connect();
    await waitFor(() => b.pendingMessages.length === 0 && b.messages.length === 1, 'not delivered', { timeout: 15_000 });
    expect(await sent(id)).to.deep.equal(['lost at the reload', 'lost at the reload']);
    expect((await serverView(id)).map((m) => m.split(':')[1])).to.deep.equal(['lost at the reload']);
    b.disconnect();
  });

  it('a page opened beside a live one (duplicated tab) never sends that page\'s messages (defect 6)', async () => {
    const id = await chat();
    const first = await page();
    const a = new first.gws.ChatSession({ url: URL5, interactionId: id, requestTimeout: 30_000 });
    a.connect();
    await waitFor(() => a.connectionState === 'connected', 'not connected', { timeout: 10_000 });
    await rest5('publishState', id);
    await waitFor(() => a.capabilities.includes('SendMessage'), 'no capabilities', { timeout: 10_000 });
    await rest5('failNext', 'SendMessage', { hang: true });
    void a.send('belongs to the first page').catch(() => {});
    await waitFor(async () => (await sent(id)).length === 1);
    const second = await page();
    const b = new second.gws.ChatSession({ url: URL5, interactionId: id });
    b.connect();
    await waitFor(() => b.connectionState === 'connected' && b.catchUpStatus.kind === 'idle', 'not caught up', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(b.pendingMessages).to.deep.equal([]);
    expect(await sent(id), 'not sent by the duplicate').to.deep.equal(['belongs to the first page']);
    b.disconnect();
    a.disconnect();
  });

  it('keeps retrying a wrong or missing log only as GWS allows, and catches up a log of 12,000 entries (defect 9)', async () => {
    const id = await chat();
    await agent5(id, 'say-many', { count: 12_000 });
    const s = session({ interactionId: id });
    await waitFor(() => s.messages.length === 12_000, `shows ${s.messages.length}`, { timeout: 30_000 });
    expect(s.messages[11_999]!.text).to.equal('message 12000');
  });

  it('asks for the log from the highest index seen, so a second message with that index is not missed (defect 10)', async () => {
    const { s, id } = await following();
    await agent5(id, 'say', { text: 'one' });
    await agent5(id, 'say', { text: 'two' });
    await waitFor(() => s.messages.length === 2);
    await outage(BASE);
    // Published during the outage: another message with the index already seen, and a next one.
    await agent5(id, 'say', { text: 'two again', index: 2, silent: true });
    await agent5(id, 'say', { text: 'three', silent: true });
    await recover(BASE);
    await waitFor(() => s.messages.length === 4, `shows ${shown(s).join(', ')}`, { timeout: 20_000 });
    expect(shown(s)).to.deep.equal(['1:one', '2:two', '2:two again', '3:three']);
  });

  it('honours Retry-After on a 429 (defect 13)', async () => {
    const { s, id } = await following();
    await rest5('failNext', 'SendMessage', { status: 429, statusCode: 429, statusMessage: 'Slow down', retryAfter: 3 });
    const before = Date.now();
    const sending = s.send('patient');
    await waitFor(() => s.pendingMessages[0]?.status === 'failed');
    const delivery = s.pendingMessages[0]!.delivery;
    if (delivery.state !== 'retrying') throw new Error(`not retrying: ${JSON.stringify(delivery)}`);
    expect(delivery.at - before, `the server asked for 3 s; the schedule alone would wait at most 1 s (${delivery.error})`).to.be.within(2900, 3500);
    await sending;
    expect(await sent(id)).to.deep.equal(['patient', 'patient']);
  });
});

describe('elements over the engine', function () {
  this.timeout(30_000);

  it('say once that the interaction does not exist (catch-up 404) (defect 14)', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL5} interaction-id="NO-SUCH-CHAT"></gws-chat>`);
    const errors = record(el, 'gws-error');
    await waitFor(() => errors.length > 0, 'no gws-error', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(errors.map((e) => [e.detail.kind, e.detail.message])).to.deep.equal([
      ['server', 'The server does not know this chat (404); check the interaction id.'],
    ]);
    await el.updateComplete;
    // The customer is told in the element's language; the engine's words are the developers'.
    expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('This chat could not be found.');
    const reads = (await rest5<{ path: string }[]>('reads')).filter((r) => r.path.includes('NO-SUCH-CHAT'));
    expect(reads, 'asked once, not again and again').to.have.length(1);
  });

  it('a Facebook session never asks for a log GWS does not document (defect 15)', async () => {
    const id = await rest5<string>('create', 'facebooksession', { origin: location.origin, state: 'Chatting' });
    const el = await fixture<GwsFacebookSession>(html`<gws-facebook-session url=${URL5} interaction-id=${id}></gws-facebook-session>`);
    await waitFor(() => el.connectionState === 'connected', 'not connected', { timeout: 10_000 });
    await outage(BASE);
    await recover(BASE);
    await waitFor(() => el.connectionState === 'connected', 'not reconnected', { timeout: 15_000 });
    const reads = (await rest5<{ path: string }[]>('reads')).filter((r) => r.path.includes('facebooksessions'));
    expect(reads).to.deep.equal([]);
  });

  it('restoring a chat after a reload shows its entries silently (no gws-message)', async () => {
    const id = await chat();
    await rest5('publishState', id);
    const first = document.createElement('gws-chat') as GwsChat;
    first.url = URL5;
    document.body.append(first);
    // As if this tab had started it: remembered, with its transcript stored.
    const started = new ChatSession({ url: URL5 });
    sessions.push(started);
    localStorage.setItem(`gws-chat:session:chat:${new URL(URL5, location.href).href}`, JSON.stringify({ interactionId: id }));
    first.remove();
    await agent5(id, 'say', { text: 'before the reload' });
    const a = document.createElement('gws-chat') as GwsChat;
    a.url = URL5;
    document.body.append(a);
    await waitFor(() => a.messages.length === 1, 'not resumed', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 400)); // the transcript is stored within 300 ms
    a.remove();
    const heard: string[] = [];
    const listener = (e: Event) => heard.push((e as CustomEvent).detail.message.text);
    document.addEventListener('gws-message', listener);
    const b = document.createElement('gws-chat') as GwsChat;
    b.url = URL5;
    document.body.append(b);
    expect(b.messages.map((m) => m.text), 'shown at once').to.deep.equal(['before the reload']);
    await agent5(id, 'say', { text: 'after the reload' });
    await waitFor(() => b.messages.length === 2);
    document.removeEventListener('gws-message', listener);
    b.remove();
    expect(heard, 'only what happened on the wire').to.deep.equal(['after the reload']);
  });
});
