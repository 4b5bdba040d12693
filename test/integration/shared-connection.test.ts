// Several elements on one page share one CometD connection per URL; the last one out
// disconnects; re-targeting moves cleanly between interactions and servers.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import '../../src/gws-facebook-session.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import type { GwsFacebookSession } from '../../src/elements/gws-facebook-session.js';
import { LINGER_MS, openConnectionCount } from '../../src/transport/connection.js';
import {
  AGENT, CHAT_TOPIC, NOTIFICATIONS_URL, SECOND_SERVER_URL, agent, chatLog, connected, messagesShown, publish, rest,
  record, serverStats, uniqueId, wireMessage, waitFor,
} from '../support/gws.js';

const SECOND_SERVER = '/gws2/api/v2';

afterEach(() => fixtureCleanup());

describe('one connection per url', () => {
  // The second simulator serves only this file (whose tests run one after another), so
  // its counters are not disturbed by test pages running in parallel.
  it('shares one CometD session between elements and media, and the last one out disconnects', async () => {
    const before = await serverStats(SECOND_SERVER);
    // A plain container (not `fixture`, which waits for an animation frame that a test
    // page in the background never gets).
    const box = document.createElement('div');
    const make = (tag: 'gws-chat' | 'gws-facebook-session') => {
      const el = document.createElement(tag);
      el.url = SECOND_SERVER_URL;
      el.interactionId = uniqueId();
      box.append(el);
      return el;
    };
    make('gws-chat');
    make('gws-chat');
    make('gws-facebook-session');
    document.body.append(box);
    after(() => box.remove());
    const [a, b] = box.querySelectorAll('gws-chat');
    const fb = box.querySelector('gws-facebook-session') as GwsFacebookSession;
    await Promise.all([connected(a!), connected(b!), connected(fb)]);
    expect(openConnectionCount()).to.equal(1);
    const during = await serverStats(SECOND_SERVER);
    expect(during.handshakes - before.handshakes).to.equal(1);
    expect(during.sessions - before.sessions).to.equal(1);
    expect(during.subscribers).to.deep.equal({ '/v2/me/chats': 1, '/v2/me/facebooksession': 1 });

    // Removing one leaves the others working.
    a!.remove();
    await publish(CHAT_TOPIC, chatLog(b!.interactionId, [wireMessage(1, 'Text', AGENT, { text: 'still served' })]), SECOND_SERVER);
    await messagesShown(b!, 1);
    expect(a!.connectionState).to.equal('disconnected');

    b!.remove();
    fb.remove();
    await null; // removal is settled a microtask later (an element only moved keeps its connection)
    // Kept a moment for an element added back (LINGER_MS), then disconnected.
    expect(openConnectionCount(), 'lingering').to.equal(1);
    await waitFor(() => openConnectionCount() === 0, 'never disconnected', { timeout: LINGER_MS + 2000 });
    await waitFor(async () => (await serverStats(SECOND_SERVER)).sessions === before.sessions, 'the session was not closed', { timeout: 8000 });
  });
});

describe('re-targeting', () => {
  it('follows another interaction when interaction-id changes, without stale entries', async () => {
    const first = uniqueId();
    const second = uniqueId();
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${first}></gws-chat>`);
    await connected(el);
    await publish(CHAT_TOPIC, chatLog(first, [wireMessage(1, 'Text', AGENT, { text: 'for first' })]));
    await messagesShown(el, 1);
    el.interactionId = second;
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    await connected(el);
    await publish(CHAT_TOPIC, chatLog(first, [wireMessage(2, 'Text', AGENT, { text: 'late for first' })]));
    await publish(CHAT_TOPIC, chatLog(second, [wireMessage(1, 'Text', AGENT, { text: 'for second' })]));
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['for second']);
  });

  it('shows the whole history of the interaction it switches to, even mid catch-up', async () => {
    const a = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'A', state: 'Chatting' });
    const b = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'B', state: 'Chatting' });
    for (const [id, text] of [[a, 'history of A'], [b, 'history of B'], [b, 'more of B']] as const) {
      await agent(id, 'say', { text, silent: true });
    }
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${a}></gws-chat>`);
    await waitFor(() => el.connectionState === 'connected');
    el.interactionId = b; // while A's catch-up may still be on its way
    await waitFor(() => el.messages.length === 2, `B's history not shown (${el.messages.map((m) => m.text).join(', ')})`);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['history of B', 'more of B']);
  });

  it('moves to another server when url changes', async () => {
    const id = uniqueId();
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
    await connected(el);
    const changes = record(el, 'gws-connection-change');
    el.url = SECOND_SERVER_URL;
    await el.updateComplete;
    await connected(el);
    expect(changes.map((e) => e.detail.state)).to.deep.equal(['connecting', 'connected']);
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'old server' })]));
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(2, 'Text', AGENT, { text: 'new server' })]), SECOND_SERVER);
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['new server']);
    expect((await serverStats(SECOND_SERVER)).subscribers['/v2/me/chats']).to.equal(1);
  });
});
