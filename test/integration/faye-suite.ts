// The user-visible core against faye, a second Bayeux server implementation (the simulator
// with `bayeux: 'faye'`; every other test runs on cometd-nodejs-server). Run twice: with
// the elements from the source (faye.test.ts) and from the script bundle, whose CometD
// client is trimmed at build time (faye-bundle.test.ts). Only types come from src/ here.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import type { GwsFacebookSession } from '../../src/elements/gws-facebook-session.js';
import type { ChatSession } from '../../src/session/chat-session.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, FB_TOPIC, SUPERVISOR, chatLog, chatState, entries, fbLog, fbState, partText,
  plain, publish, record, restOn, serverStats, uniqueId, waitFor, wireMessage,
} from '../support/gws.js';
import { input } from '../support/parts.js';

export interface FayeKit {
  /** The faye simulator's API root, e.g. `/faye/api/v2`. */
  readonly basePath: string;
  /** The ChatSession class under test (from the source, or from the bundle). */
  chatSession(): typeof ChatSession;
}

export function fayeSuite(kit: FayeKit): void {
  const { basePath } = kit;
  const url = `${basePath}/notifications`;
  const mounted: Element[] = [];
  const sessions: ChatSession[] = [];
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
    for (const s of sessions.splice(0)) s.disconnect();
    localStorage.clear();
  });

  const send = (topic: string, data: unknown) => publish(topic, data, basePath);
  const rest = <T>(method: string, ...args: unknown[]) => restOn<T>(basePath, method, ...args);

  async function element<T extends GwsChat | GwsFacebookSession>(tag: 'gws-chat' | 'gws-facebook-session', id: string): Promise<T> {
    const el = document.createElement(tag) as T;
    el.setAttribute('url', url);
    el.setAttribute('interaction-id', id);
    document.body.append(el);
    mounted.push(el);
    await waitUntil(() => el.connectionState === 'connected', `never connected over faye (state ${el.connectionState})`, { timeout: 8000 });
    return el;
  }

  /** A chat the faye simulator knows, followed by a connected `<gws-chat>` that has read its state. */
  async function liveChat(): Promise<GwsChat> {
    const id = uniqueId('FY');
    await rest('know', chatLog(id, []));
    const el = await element<GwsChat>('gws-chat', id);
    await waitFor(() => el.state !== null, 'the chat\'s state was never read');
    return el;
  }

  /** The log's lines as a reader sees them, without their times. */
  const texts = (el: Element) => entries(el).map((e) => plain(e.querySelector('span')?.textContent));

  describe('<gws-chat> over faye: connection', () => {
    it('goes from connecting to connected, subscribed on the server', async () => {
      const before = await serverStats(basePath);
      const el = document.createElement('gws-chat') as GwsChat;
      const changes = record(el, 'gws-connection-change');
      el.url = url;
      el.interactionId = uniqueId('FY');
      await rest('know', chatLog(el.interactionId, []));
      document.body.append(el);
      mounted.push(el);
      await waitUntil(() => el.connectionState === 'connected', 'never connected over faye', { timeout: 8000 });
      expect(changes.map((e) => e.detail.state)).to.deep.equal(['connecting', 'connected']);
      await el.updateComplete;
      expect(partText(el, 'status')).not.to.equal('Connecting…');
      const after = await serverStats(basePath);
      expect(after.subscribers[CHAT_TOPIC], 'subscribers of /v2/me/chats').to.be.greaterThan(0);
      expect(after.handshakes).to.be.greaterThanOrEqual(before.handshakes);
    });
  });

  describe('<gws-chat> over faye: following an interaction', () => {
    it('shows messages in index order, whatever order they arrive in', async () => {
      const el = await liveChat();
      const id = el.interactionId;
      await send(CHAT_TOPIC, chatLog(id, [wireMessage(3, 'Text', AGENT, { text: 'third' })]));
      await send(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'first' })]));
      await send(CHAT_TOPIC, chatLog(id, [wireMessage(2, 'Text', CUSTOMER, { text: 'second' })]));
      await waitFor(() => entries(el).length === 3, 'the three messages never shown');
      expect(el.messages.map((m) => m.text)).to.deep.equal(['first', 'second', 'third']);
      expect(entries(el).map((e) => /first|second|third/.exec(e.textContent ?? '')?.[0])).to.deep.equal(['first', 'second', 'third']);
    });

    it('shows a participant joining and leaving, and a notice', async () => {
      const el = await liveChat();
      await send(CHAT_TOPIC, chatLog(el.interactionId, [
        wireMessage(1, 'ParticipantJoined', AGENT),
        wireMessage(2, 'Notice', null, { text: 'Chat is being recorded' }),
        wireMessage(3, 'ParticipantLeft', AGENT),
      ]));
      await waitFor(() => entries(el).length === 3, 'the system lines never shown');
      expect(texts(el)).to.deep.equal(['Marat joined the chat', 'Chat is being recorded', 'Marat left the chat']);
    });

    it('shows the agent typing and clears it when they stop', async () => {
      const el = await liveChat();
      await send(CHAT_TOPIC, chatLog(el.interactionId, [wireMessage(1, 'TypingStarted', AGENT)]));
      await waitFor(() => partText(el, 'typing') === 'Marat is typing…', 'typing never shown');
      await send(CHAT_TOPIC, chatLog(el.interactionId, [wireMessage(2, 'TypingStopped', AGENT)]));
      await waitFor(() => partText(el, 'typing') === '', 'typing never cleared');
    });

    it('shows only its own interaction, and never what is not visible to All', async () => {
      const el = await liveChat();
      const other = uniqueId('FY');
      await rest('know', chatLog(other, []));
      await send(CHAT_TOPIC, chatLog(other, [wireMessage(1, 'Text', AGENT, { text: 'not yours' })]));
      await send(CHAT_TOPIC, chatState(other, { state: 'Completed' }));
      await send(CHAT_TOPIC, chatLog(el.interactionId, [
        wireMessage(1, 'Text', SUPERVISOR, { text: 'agents only', visibility: 'Agents' }),
        wireMessage(2, 'Text', AGENT, { text: 'yours' }),
      ]));
      await waitFor(() => entries(el).length === 1, 'its own message never shown');
      expect(el.messages.map((m) => m.text)).to.deep.equal(['yours']);
      expect(el.state).not.to.equal('Completed');
      const shown = el.shadowRoot!.textContent!;
      expect(shown).not.to.contain('not yours');
      expect(shown).not.to.contain('agents only');
    });
  });

  describe('<gws-chat> over faye: the customer talks', () => {
    it('sends a message (REST to the simulator), shown once delivered, and sees the reply', async () => {
      const id = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
      const el = await element<GwsChat>('gws-chat', id);
      await rest('publishState', id);
      await waitFor(() => el.capabilities.includes('SendMessage'), 'the chat\'s capabilities never arrived');
      await el.updateComplete;
      input(el).focus();
      await sendKeys({ type: 'Hello over faye' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.messages.some((m) => m.own && m.text === 'Hello over faye'), 'the sent message never delivered');
      expect(el.pendingMessages).to.deep.equal([]);
      const ops = await rest<{ operationName: string; body: Record<string, unknown> }[]>('received', id);
      expect(ops.filter((o) => o.operationName === 'SendMessage').map((o) => o.body['text'])).to.deep.equal(['Hello over faye']);
      await rest('agent', id, 'say', { text: 'Got it' });
      await waitFor(() => el.messages.some((m) => !m.own && m.text === 'Got it'), 'the agent\'s reply never shown');
    });
  });

  describe('<gws-chat> over faye: the server forgets the session', () => {
    it('handshakes again and keeps showing the conversation, missed messages included', async () => {
      const id = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
      const el = await element<GwsChat>('gws-chat', id);
      await rest('agent', id, 'say', { text: 'before' });
      await waitFor(() => el.messages.some((m) => m.text === 'before'), 'the first message never shown');
      const { handshakes } = await serverStats(basePath);
      await executeServerCommand('gws-forget-clients', { basePath });
      // Logged while the client has no session: it reads the log when it is back.
      await rest('agent', id, 'say', { text: 'while forgotten' });
      await waitFor(async () => (await serverStats(basePath)).handshakes > handshakes, 'no new handshake', { timeout: 8000 });
      await waitFor(async () => (await serverStats(basePath)).subscribers[CHAT_TOPIC]! > 0, 'not subscribed again', { timeout: 8000 });
      await waitFor(() => el.connectionState === 'connected', 'not connected again');
      // Read back from the log on reconnecting (no later message shows a gap to fill).
      await waitFor(() => el.messages.some((m) => m.text === 'while forgotten'), 'the message missed while forgotten never shown', { timeout: 8000 });
      await rest('agent', id, 'say', { text: 'after' });
      await waitFor(() => el.messages.some((m) => m.text === 'after'), 'a message after the new handshake never shown', { timeout: 8000 });
      expect(el.messages.map((m) => m.text)).to.deep.equal(['before', 'while forgotten', 'after']);
    });
  });

  describe('<gws-chat> over faye: the server restarts', () => {
    it('says the connection is lost, then reconnects to the new server with what was said and sent meanwhile', async function () {
      this.timeout(70_000);
      const id = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
      const el = await element<GwsChat>('gws-chat', id);
      await rest('publishState', id);
      await waitFor(() => el.capabilities.includes('SendMessage'), 'the chat\'s capabilities never arrived');
      const changes: string[] = [];
      el.addEventListener('gws-connection-change', (e) => changes.push(e.detail.state));
      // Every open request cut; the faye server comes back as a new one, without any session.
      await executeServerCommand('gws-outage', { basePath, restart: true });
      try {
        await waitFor(() => el.connectionState === 'reconnecting', 'never noticed the outage', { timeout: 20_000 });
        await el.updateComplete;
        expect(partText(el, 'status')).to.match(/^Connection lost\. Reconnecting…/);
        await rest('agent', id, 'say', { text: 'said during the outage' });
        input(el).focus();
        await sendKeys({ type: 'sent during the outage' });
        await sendKeys({ press: 'Enter' });
      } finally {
        await executeServerCommand('gws-recover', { basePath });
      }
      await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 40_000 });
      await el.updateComplete;
      expect(partText(el, 'status')).to.equal('Reconnected.');
      await waitFor(() => el.messages.some((m) => m.text === 'said during the outage')
        && el.messages.some((m) => m.own && m.text === 'sent during the outage'), 'what was said and sent during the outage never shown', { timeout: 8000 });
      expect(changes).to.deep.equal(['reconnecting', 'connected']);
      await rest('agent', id, 'say', { text: 'after the restart' });
      await waitFor(() => el.messages.some((m) => m.text === 'after the restart'), 'a message after the restart never shown', { timeout: 8000 });
    });
  });

  describe('<gws-facebook-session> over faye', () => {
    it('follows its session on /v2/me/facebooksession', async () => {
      const id = uniqueId('FB');
      const el = await element<GwsFacebookSession>('gws-facebook-session', id);
      await send(FB_TOPIC, fbState(id, { state: 'Chatting', capabilities: ['SendMessage'], participants: [CUSTOMER, AGENT] }));
      await send(FB_TOPIC, fbLog(id, [
        wireMessage(1, 'ParticipantJoined', AGENT),
        wireMessage(2, 'Text', AGENT, { text: 'Hi from Messenger' }),
      ]));
      await waitFor(() => entries(el).length === 2, 'the session\'s log never shown');
      await waitFor(() => el.state === 'Chatting', 'the session\'s state never shown');
      expect(texts(el)[0]).to.equal('Marat joined the chat');
      expect(entries(el)[1]!.textContent).to.contain('Hi from Messenger');
    });
  });

  describe('a chat and a Facebook session over faye on one page', () => {
    it('share one session on the server, and each shows only its own medium', async () => {
      const chatId = uniqueId('FY');
      const fbId = uniqueId('FB');
      await rest('know', chatLog(chatId, []));
      const chat = await element<GwsChat>('gws-chat', chatId);
      const fb = await element<GwsFacebookSession>('gws-facebook-session', fbId);
      const stats = await serverStats(basePath);
      expect(stats.sessions, 'sessions on the server').to.equal(1);
      expect(stats.subscribers[CHAT_TOPIC]).to.equal(1);
      expect(stats.subscribers[FB_TOPIC]).to.equal(1);
      await send(FB_TOPIC, fbLog(fbId, [wireMessage(1, 'Text', AGENT, { text: 'on Messenger' })]));
      await send(CHAT_TOPIC, chatLog(chatId, [wireMessage(1, 'Text', AGENT, { text: 'in the chat' })]));
      await waitFor(() => chat.messages.length === 1 && fb.messages.length === 1, 'each message never shown');
      expect(chat.messages.map((m) => m.text)).to.deep.equal(['in the chat']);
      expect(fb.messages.map((m) => m.text)).to.deep.equal(['on Messenger']);
    });
  });

  describe('<gws-chat> over faye: leaving', () => {
    it('leaves no session on the server once taken out of the page', async () => {
      const id = uniqueId('FY');
      await rest('know', chatLog(id, []));
      const el = await element<GwsChat>('gws-chat', id);
      await waitFor(async () => (await serverStats(basePath)).sessions > 0, 'no session on the server');
      el.remove();
      // The connection lingers 3 s for an element coming back, then says goodbye.
      await waitFor(async () => (await serverStats(basePath)).sessions === 0, 'a session stayed on the server', { timeout: 8000, interval: 200 });
      expect((await serverStats(basePath)).subscribers[CHAT_TOPIC]).to.equal(0);
    });
  });

  describe('ChatSession over faye, with no element', () => {
    it('connects, follows the chat and sends', async () => {
      const id = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
      const Session = kit.chatSession();
      const session = new Session({ url, interactionId: id });
      sessions.push(session);
      const heard: string[] = [];
      session.addEventListener('gws-message', (e) => heard.push((e as CustomEvent<{ message: { text: string } }>).detail.message.text));
      session.connect();
      await waitUntil(() => session.connectionState === 'connected', 'never connected over faye', { timeout: 8000 });
      await rest('agent', id, 'say', { text: 'Hello, headless' });
      await waitFor(() => heard.includes('Hello, headless'), 'the agent\'s message never heard');
      await rest('publishState', id);
      await waitFor(() => session.capabilities.includes('SendMessage'), 'the chat\'s capabilities never arrived');
      await session.send('Hi from the engine');
      await waitFor(() => session.messages.some((m) => m.own && m.text === 'Hi from the engine'), 'the sent message never delivered');
      expect(heard).to.deep.equal(['Hello, headless', 'Hi from the engine']);
    });
  });
}
