// Nothing lost: restarts, outages while sending, index gaps, reloads. Every test runs on
// its own simulator (/gws3), which only this file takes down, and ends by comparing the
// log the customer sees with the server's.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { LOG_TYPES } from '../../src/model/transcript.js';
import { openConnectionCount } from '../../src/transport/connection.js';
import { connected, outage, partText, recover, restOn, serverStats, setOffline, waitFor } from '../support/gws.js';
import { input, parts } from '../support/parts.js';

const BASE = '/gws3/api/v2';
const URL3 = `${BASE}/notifications`;
const rest3 = <T = unknown>(method: string, ...args: unknown[]) => restOn<T>(BASE, method, ...args);
const agent3 = (id: string, action: string, o: Record<string, unknown> = {}) => rest3('agent', id, action, o);

interface ServerMessage { index: number; type: string; text?: string; url?: string; visibility: string }

/** The server's log as the customer should see it. */
async function serverView(id: string): Promise<string[]> {
  const log = await rest3<ServerMessage[]>('log', id);
  return log.filter((m) => m.visibility === 'All' && LOG_TYPES.has(m.type)).map((m) => `${m.index}:${m.type}:${m.text ?? m.url ?? ''}`);
}
const shown = (el: GwsChat) => el.messages.map((m) => `${m.index}:${m.type}:${m.text || m.url}`);

async function expectSameLogAsServer(el: GwsChat, id: string): Promise<void> {
  await waitFor(() => el.connectionState === 'connected' && el.pendingMessages.length === 0,
    `still ${el.connectionState} with ${el.pendingMessages.length} unsent`, { timeout: 40_000 });
  const want = await serverView(id);
  await waitFor(() => shown(el).length >= want.length, `shows ${shown(el).length} of ${want.length} entries`, { timeout: 30_000 });
  expect(shown(el)).to.deep.equal(want);
  expect(el.pendingMessages).to.deep.equal([]);
}

async function chatting(): Promise<{ el: GwsChat; id: string }> {
  const id = await rest3<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
  const el = await fixture<GwsChat>(html`<gws-chat url=${URL3} interaction-id=${id}></gws-chat>`);
  await connected(el);
  await rest3('publishState', id);
  await waitFor(() => el.capabilities.includes('SendMessage'));
  return { el, id };
}

async function typeAndSend(el: GwsChat, text: string) {
  input(el).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

afterEach(async () => {
  await recover(BASE);
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

describe('resilience', function () {
  this.timeout(60_000);

  it('catches up after a server restart, with what was said during the outage', async () => {
    const { el, id } = await chatting();
    const changes: string[] = [];
    el.addEventListener('gws-connection-change', (e) => changes.push(e.detail.state));
    await agent3(id, 'join');
    await agent3(id, 'say', { text: 'before the restart' });
    await waitFor(() => el.messages.length === 2);

    await outage(BASE);
    await waitFor(() => el.connectionState === 'reconnecting', 'never noticed the outage', { timeout: 20_000 });
    await el.updateComplete;
    expect(partText(el, 'status')).to.match(/^Connection lost\. Reconnecting…/);
    expect(el.shadowRoot!.querySelector('[part="reconnect-button"]')).to.exist;
    await agent3(id, 'say', { text: 'said during the outage' });
    await agent3(id, 'say', { text: 'and more' });

    await recover(BASE);
    await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 40_000 });
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('Reconnected.');
    await expectSameLogAsServer(el, id);
    expect(changes).to.deep.equal(['reconnecting', 'connected']);
    await waitFor(() => partText(el, 'status') === '', 'the "Reconnected." notice never went away', { timeout: 8000 });
  });

  it('queues what the customer sends during an outage and sends it in order once connected', async () => {
    const { el, id } = await chatting();
    await outage(BASE);
    await waitFor(() => el.connectionState === 'reconnecting', 'never noticed the outage', { timeout: 20_000 });
    await typeAndSend(el, 'first while offline');
    await typeAndSend(el, 'second while offline');
    await el.updateComplete;
    expect(el.pendingMessages.map((p) => [p.text, p.status])).to.deep.equal([
      ['first while offline', 'waiting'], ['second while offline', 'waiting'],
    ]);
    expect(parts(el, 'message-waiting')).to.have.length(2);
    expect(partText(el, 'message-waiting')).to.contain('Waiting to send…');

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="reconnect-button"]')?.click();
    await recover(BASE);
    await expectSameLogAsServer(el, id);
    const sent = (await rest3<{ operationName: string; body: { text?: string } }[]>('received', id))
      .filter((r) => r.operationName === 'SendMessage').map((r) => r.body.text);
    expect(sent).to.deep.equal(['first while offline', 'second while offline']);
  });

  it('says when the browser is offline, queues what is sent, and delivers it when back online', async () => {
    const { el, id } = await chatting();
    // The network goes: the server is unreachable and the browser says it is offline.
    await outage(BASE, false);
    setOffline(true);
    try {
      await waitFor(() => el.connectionState === 'reconnecting', 'going offline not noticed', { timeout: 20_000 });
      await el.updateComplete;
      expect(partText(el, 'status')).to.equal('You are offline. Messages will be sent when you are back online.');
      await typeAndSend(el, 'sent while offline');
      expect(el.pendingMessages.map((p) => p.status)).to.deep.equal(['waiting']);
      await expect(el).to.be.accessible();
    } finally {
      await recover(BASE);
      // Back online: the element tries at once rather than waiting for its next attempt.
      setOffline(false);
    }
    await expectSameLogAsServer(el, id);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['sent while offline']);
  });

  it('fetches what a gap in the indices shows was lost, while connected', async () => {
    const { el, id } = await chatting();
    await agent3(id, 'say', { text: 'one' });
    await waitFor(() => el.messages.length === 1);
    await agent3(id, 'say', { text: 'two (lost on the way)', silent: true });
    await agent3(id, 'say', { text: 'three (lost on the way)', silent: true });
    await agent3(id, 'say', { text: 'four' });
    await expectSameLogAsServer(el, id);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['one', 'two (lost on the way)', 'three (lost on the way)', 'four']);
  });

  it('keeps the chat, its transcript and unsent messages across a reload', async () => {
    const first = await fixture<GwsChat>(html`<gws-chat url=${URL3} nickname="Reloader"></gws-chat>`);
    const id = await first.startChat();
    await agent3(id, 'join');
    await agent3(id, 'say', { text: 'hello Reloader' });
    await waitFor(() => first.messages.some((m) => m.text === 'hello Reloader'));
    await outage(BASE);
    await waitFor(() => first.connectionState === 'reconnecting', 'never noticed the outage', { timeout: 20_000 });
    await typeAndSend(first, 'typed before the reload');
    expect(first.pendingMessages.map((p) => p.status)).to.deep.equal(['waiting']);
    const before = first.messages.length;
    first.remove(); // the page unloads
    await null;

    const second = document.createElement('gws-chat');
    second.url = URL3;
    document.body.append(second);
    try {
      await second.updateComplete;
      // At once, before any network: the same chat, its transcript, the unsent message.
      expect(second.interactionId).to.equal(id);
      expect(second.messages.length).to.equal(before);
      // Its unsent message, once taken over (under a Web Lock: between tabs, one takes it).
      await waitFor(() => second.pendingMessages.length === 1, 'the unsent message was not taken over');
      expect(second.pendingMessages.map((p) => [p.text, p.status])).to.deep.equal([['typed before the reload', 'waiting']]);
      // ... and its last known state: the customer can type and send before any notification.
      expect(second.state).to.equal('Chatting');
      expect(second.capabilities).to.include('SendMessage');
      expect(second.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!.disabled).to.equal(false);
      await recover(BASE);
      await expectSameLogAsServer(second, id);
      expect(second.messages.filter((m) => m.text === 'typed before the reload')).to.have.length(1);
    } finally {
      second.remove();
    }
  });

  it('does not resume a chat that ended', async () => {
    const first = await fixture<GwsChat>(html`<gws-chat url=${URL3} nickname="Ender"></gws-chat>`);
    await first.startChat();
    await waitFor(() => first.state === 'WaitingForAgent');
    await first.endChat();
    await waitFor(() => first.ended);
    first.remove();
    const second = await fixture<GwsChat>(html`<gws-chat url=${URL3}></gws-chat>`);
    expect(second.interactionId).to.equal('');
    expect(second.shadowRoot!.querySelector('[part="start-button"]')).to.exist;
  });

  it('leaves no subscription, timer or listener behind when removed', async () => {
    // Timers: every timeout started from now on, minus those that ran or were cleared.
    const pending = new Map<number, number>();
    const stacks = new Map<number, string>();
    const realSetTimeout = window.setTimeout;
    const realClearTimeout = window.clearTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
      const handle: number = realSetTimeout(() => {
        pending.delete(handle);
        if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...rest);
      }, ms);
      pending.set(handle, ms ?? 0);
      stacks.set(handle, new Error().stack ?? '');
      return handle;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((handle?: number) => {
      if (handle !== undefined) pending.delete(handle);
      realClearTimeout(handle);
    }) as typeof window.clearTimeout;
    const added: [string, unknown][] = [];
    const removed: [string, unknown][] = [];
    const realAdd = window.addEventListener.bind(window);
    const realRemove = window.removeEventListener.bind(window);
    window.addEventListener = ((type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) => {
      added.push([type, fn]);
      realAdd(type, fn, o);
    }) as typeof window.addEventListener;
    window.removeEventListener = ((type: string, fn: EventListenerOrEventListenerObject, o?: boolean | EventListenerOptions) => {
      removed.push([type, fn]);
      realRemove(type, fn, o);
    }) as typeof window.removeEventListener;
    try {
      const before = await serverStats(BASE);
      const { el, id } = await chatting();
      await typeAndSend(el, 'hello');
      await agent3(id, 'typing');
      await waitFor(() => el.messages.length === 1 && el.typingParticipants.length === 1);
      input(el).focus();
      await sendKeys({ type: 'a draft' }); // typing notifications and their idle timer
      el.remove();
      await null; // an element that is only moved keeps its connection: removal is settled a microtask later
      expect(openConnectionCount()).to.equal(0);
      await waitFor(async () => (await serverStats(BASE)).sessions === before.sessions, 'session not closed');
      expect((await serverStats(BASE)).subscribers['/v2/me/chats']).to.equal(0);
      const listening = added.filter(([type, fn]) => !removed.some(([t, f]) => t === type && f === fn));
      expect(listening.map(([type]) => type)).to.deep.equal([]);
      // The test runner's and the test helpers' own timeouts may still be pending; none of ours.
      const infrastructure = /__web-dev-server__|testing-helpers|test-runner-commands/;
      const left = () => [...pending.keys()].map((h) => stacks.get(h) ?? '').filter((stack) => !infrastructure.test(stack));
      // CometD's own /meta/disconnect request keeps its timeout until its answer arrives.
      await waitFor(() => left().length === 0, 'timers left behind', { timeout: 3000 }).catch(() => {});
      expect(left(), 'timers left behind').to.deep.equal([]);
    } finally {
      window.addEventListener = realAdd;
      window.removeEventListener = realRemove;
      window.setTimeout = realSetTimeout;
      window.clearTimeout = realClearTimeout;
    }
  });
});
