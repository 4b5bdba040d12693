import { expect, waitUntil } from '@open-wc/testing';
import { ChatSession, type ChatSessionOptions } from '../../../src/session/chat-session.js';
import { GwsChatError } from '../../../src/session/gws-chat-error.js';
import { sessionKey, transcriptKey } from '../../../src/session/storage.js';
import { OperationError } from '../../../src/transport/rest.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';
import { FakeSender, FakeSource } from '../../support/fake-source.js';
import { AGENT, CUSTOMER, chatLog, chatState, fbLog, fbState, record, wireMessage, type WireParticipant } from '../../support/gws.js';

// Pure tests of the engine: no server, no element. The test drives the notification
// connection by hand (FakeSource), answers every REST request by hand (FakeSender), and
// moves a fake clock; `flush()` lets promise callbacks run (no real time passes).

async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

const URL = 'https://gws.example.com/api/v2/notifications';
const API = 'https://gws.example.com/api/v2';
/**
 * Where requests about chat `id` go: under the configured API root, never the resource URI
 * the `chatState` builder announces (`http://localhost:8080/...`).
 */
const chatUri = (id: string) => `${API}/chats/${id}`;
const ALL = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'];
const REQUEST_TIMEOUT = 10_000;

const text = (index: number, from: WireParticipant, words: string) => wireMessage(index, 'Text', from, { text: words });
const chatting = (id: string, capabilities = ALL) =>
  chatState(id, { state: 'Chatting', capabilities, participants: [CUSTOMER, AGENT] });

let ids = 0;
/** An interaction id no other test of this file uses. */
const newChatId = () => `UNIT${Date.now().toString(36)}${++ids}`.toUpperCase();

const sessions: ChatSession[] = [];

function harness(options: Partial<ChatSessionOptions> = {}) {
  const source = new FakeSource();
  const sender = new FakeSender();
  const scheduler = new FakeScheduler();
  const sourceUrls: string[] = [];
  const session = new ChatSession({
    url: URL,
    source: (url) => {
      sourceUrls.push(url);
      return source;
    },
    sender: sender.factory,
    scheduler,
    random: () => 0.5,
    requestTimeout: REQUEST_TIMEOUT,
    ...options,
  });
  sessions.push(session);
  const sendMessages = () => sender.posts('SendMessage').map((r) => r.body?.['text']);
  return { session, source, sender, scheduler, sourceUrls, sendMessages, id: options.interactionId ?? '' };
}

/**
 * A session following chat `id`, connected, its state known (all capabilities) and its
 * first catch-up answered with `log`.
 */
async function following(id = newChatId(), log: unknown[] = [], options: Partial<ChatSessionOptions> = {}) {
  const h = harness({ interactionId: id, ...options });
  h.session.connect();
  h.source.state('connected');
  h.source.push(chatting(id));
  h.sender.gets[0]!.answer({ messages: log });
  await flush();
  return { ...h, id };
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  for (const s of sessions.splice(0)) s.disconnect();
  localStorage.clear(); sessionStorage.clear();
});

describe('ChatSession (pure)', () => {
  describe('status', () => {
    it('is idle without an interaction, follows one once configured, and has ended when the server says Completed', async () => {
      const { session, source } = harness();
      expect(session.status).to.deep.equal({ kind: 'idle' });
      expect(session.interactionId).to.equal('');
      expect(session.sendBlocked).to.equal('no-interaction');

      session.configure({ interactionId: 'C1' });
      expect(session.status).to.deep.equal({ kind: 'following', interactionId: 'C1' });
      expect(session.interactionId).to.equal('C1');

      session.connect();
      source.state('connected');
      source.push(chatting('C1'));
      expect(session.status).to.deep.equal({ kind: 'following', interactionId: 'C1' });
      source.push(chatState('C1', { state: 'Completed' }));
      expect(session.status).to.deep.equal({ kind: 'ended', interactionId: 'C1' });
      expect(session.ended).to.equal(true);
      expect(session.interactionId).to.equal('C1');
      expect(session.sendBlocked).to.equal('ended');
    });

    it('startChat goes idle → starting → following, asks once connected, and fires gws-chat-started', async () => {
      const { session, source, sender } = harness();
      const started = record(session, 'gws-chat-started');
      const messages = record(session, 'gws-message');
      session.connect();
      const result = session.startChat({ nickname: ' Ann ', subject: 'Billing' });
      expect(session.status).to.deep.equal({ kind: 'starting' });
      expect(session.busy).to.equal('starting');
      expect(session.interactionId).to.equal('');
      await flush();
      expect(sender.requests, 'nothing asked before the connection is up').to.have.length(0);

      source.state('connected');
      // Starts go one at a time across tabs (a Web Lock, granted a task later).
      await waitUntil(() => sender.posts('RequestChat').length === 1, 'RequestChat not sent');
      const [request] = sender.posts('RequestChat');
      expect(request!.url).to.equal(`${API}/chats`);
      expect(request!.body).to.deep.equal({ operationName: 'RequestChat', nickname: 'Ann', subject: 'Billing' });
      // The new chat's first notification can come before the answer with its id.
      source.push(chatLog('NEW1', [text(1, AGENT, 'Welcome')]));
      request!.answer({ id: 'NEW1' });

      expect(await result).to.equal('NEW1');
      expect(session.status).to.deep.equal({ kind: 'following', interactionId: 'NEW1' });
      expect(session.interactionId).to.equal('NEW1');
      expect(session.busy).to.equal(null);
      expect(started.map((e) => e.detail)).to.deep.equal([{ interactionId: 'NEW1' }]);
      expect(session.messages.map((m) => m.text)).to.deep.equal(['Welcome']);
      expect(messages).to.have.length(1);
      // Already connected: its log is read at once.
      expect(sender.gets.map((r) => r.url)).to.deep.equal([`${API}/chats/NEW1/messages?index=0`]);
    });

    it('a startChat the server refuses rejects, reports a server error, and returns to idle', async () => {
      const { session, source, sender } = harness();
      const errors = record(session, 'gws-error');
      session.connect();
      const result = session.startChat();
      source.state('connected');
      await waitUntil(() => sender.posts('RequestChat').length === 1, 'RequestChat not sent');
      source.push(chatLog('OTHER', [text(1, AGENT, 'not ours')]));
      sender.posts('RequestChat')[0]!.fail(new OperationError('No agents today.', 'status', 200, 2));

      const error = await result.then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(GwsChatError);
      expect((error as GwsChatError).reason).to.equal('server');
      expect(session.status).to.deep.equal({ kind: 'idle' });
      expect(session.busy).to.equal(null);
      expect(session.messages).to.have.length(0);
      expect(errors.map((e) => e.detail)).to.deep.equal([{ kind: 'server', message: 'No agents today.' }]);
      expect(sender.posts('RequestChat'), 'a refusal is not retried').to.have.length(1);
    });
  });

  describe('events', () => {
    it('fires gws-message once per new log entry, with the entry as detail.message', async () => {
      const { session, source, id } = await following();
      const seen = record(session, 'gws-message');
      const log = chatLog(id, [text(1, AGENT, 'Hello'), wireMessage(2, 'TypingStarted', AGENT), text(3, CUSTOMER, 'Hi')]);
      source.push(log);
      source.push(log); // a replay
      expect(seen.map((e) => [e.detail.message.index, e.detail.message.text, e.detail.message.own])).to.deep.equal([
        [1, 'Hello', false],
        [3, 'Hi', true],
      ]);
      expect(seen[0]!.detail.message).to.equal(session.messages[0]);
    });

    it('fires gws-state-change with the previous state', async () => {
      const { session, source } = harness({ interactionId: 'S1' });
      const seen = record(session, 'gws-state-change');
      session.connect();
      source.state('connected');
      source.push(chatting('S1'));
      source.push(chatting('S1'));
      source.push(chatState('S1', { state: 'Completed' }));
      expect(seen.map((e) => e.detail)).to.deep.equal([
        { state: 'Chatting', previousState: null },
        { state: 'Completed', previousState: 'Chatting' },
      ]);
      expect(session.state).to.equal('Completed');
    });

    it('fires gws-connection-change on each change of the connection state, and only then', async () => {
      const { session, source } = harness({ interactionId: 'K1' });
      const seen = record(session, 'gws-connection-change');
      expect(session.connectionState).to.equal('disconnected');
      session.connect();
      source.state('connecting');
      source.state('connected');
      source.state('connected');
      source.state('reconnecting', 123_456);
      expect(session.retryAt).to.equal(123_456);
      source.state('reconnecting', 234_567);
      expect(seen.map((e) => e.detail.state)).to.deep.equal(['connecting', 'connected', 'reconnecting']);
      expect(session.connectionState).to.equal('reconnecting');
      expect(session.retryAt).to.equal(234_567);
      source.state('connected');
      expect(session.reconnectedAt).to.be.a('number');
      session.disconnect();
      expect(seen.map((e) => e.detail.state)).to.deep.equal(['connecting', 'connected', 'reconnecting', 'connected', 'disconnected']);
    });

    it('a gws-before-send handler that calls preventDefault keeps the message from being sent', async () => {
      const { session, sendMessages } = await following();
      const before = record(session, 'gws-before-send');
      session.addEventListener('gws-before-send', (e) => e.preventDefault());
      const error = await session.send('secret').then(() => null, (e: unknown) => e);
      expect(before.map((e) => [e.detail.text, e.cancelable])).to.deep.equal([['secret', true]]);
      expect(error).to.be.instanceOf(GwsChatError);
      expect((error as GwsChatError).reason).to.equal('canceled');
      await flush();
      expect(sendMessages()).to.deep.equal([]);
      expect(session.pendingMessages).to.have.length(0);
    });

    it('a gws-before-send handler that changes detail.text changes what is sent', async () => {
      const { session, sendMessages } = await following();
      session.addEventListener('gws-before-send', (e) => {
        (e as CustomEvent<{ text: string }>).detail.text = 'My card ends ****';
      });
      void session.send('My card ends 4242');
      await flush();
      expect(sendMessages()).to.deep.equal(['My card ends ****']);
      expect(session.pendingMessages.map((m) => m.text)).to.deep.equal(['My card ends ****']);
    });

    it('fires gws-send once when the server accepts a message, not again at its echo', async () => {
      const { session, source, sender, id } = await following();
      const sent = record(session, 'gws-send');
      const result = session.send('Hello there');
      await flush();
      expect(sent).to.have.length(0);
      sender.posts('SendMessage')[0]!.answer();
      await result;
      expect(sent.map((e) => e.detail)).to.deep.equal([{ text: 'Hello there' }]);
      source.push(chatLog(id, [text(1, CUSTOMER, 'Hello there')]));
      await flush();
      expect(sent).to.have.length(1);
    });

    it('fires gws-error of kind protocol, transport and server', async () => {
      const { session, source, sender, id } = await following();
      const errors = record(session, 'gws-error');
      source.push(chatLog(id, [{ index: 'one', type: 'Text' }]));
      source.error('The notification connection stopped.');
      source.push({ ...chatState(id, {}, 'Error'), referenceId: 7, errorMessage: 'Not allowed now.' });
      const refused = session.send('hi');
      await flush();
      sender.posts('SendMessage')[0]!.fail(new OperationError('Refused.', 'status', 200, 3));
      await refused.catch(() => {});
      await flush();
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['protocol', 'transport', 'server', 'server']);
      expect(errors[0]!.detail.message).to.contain('index');
      expect(errors[1]!.detail.message).to.equal('The notification connection stopped.');
      expect(errors[2]!.detail).to.deep.equal({ kind: 'server', message: 'Not allowed now.', referenceId: 7 });
      expect(errors[3]!.detail.message).to.equal('Refused.');
    });

    it('fires change whenever what is shown may have changed', async () => {
      const { session, source, sender, id } = harness({ interactionId: newChatId() });
      let changes = 0;
      session.addEventListener('change', () => changes++);
      session.connect();
      source.state('connected');
      expect(changes, 'connection').to.be.greaterThan(0);
      changes = 0;
      source.push(chatting(id));
      expect(changes, 'state').to.be.greaterThan(0);
      changes = 0;
      sender.gets[0]!.answer({ messages: [text(1, AGENT, 'Hi')] });
      await flush();
      expect(changes, 'catch-up').to.be.greaterThan(0);
      changes = 0;
      void session.send('Hello');
      expect(changes, 'outbox').to.be.greaterThan(0);
    });
  });

  describe('disconnect', () => {
    it('stops the subscription, aborts what is out, and leaves no timer pending', async () => {
      const { session, source, sender, scheduler, sourceUrls, id } = harness({ interactionId: newChatId() });
      session.connect();
      expect(sourceUrls).to.deep.equal([URL]);
      expect(source.active).to.have.length(1);
      expect(source.active[0]!.topic).to.equal('/v2/me/chats');
      source.state('connected');
      source.push(chatting(id));
      // A catch-up (the log and the state) and a message are out (each with its deadline),
      // and an agent is typing.
      source.push(chatLog(id, [wireMessage(1, 'TypingStarted', AGENT)]));
      void session.send('Anyone?');
      await flush();
      expect(sender.open.map((r) => r.body?.['operationName'] ?? 'GET')).to.deep.equal(['GET', 'GET', 'SendMessage']);
      expect(scheduler.pending).to.be.greaterThan(0);

      session.disconnect();
      await flush();
      expect(source.active).to.have.length(0);
      expect(source.subscriptions.every((s) => s.stopped)).to.equal(true);
      expect(sender.open).to.have.length(0);
      expect(scheduler.pending).to.equal(0);
      expect(session.connectionState).to.equal('disconnected');
      expect(session.typingParticipants).to.have.length(0);
      // The message is kept for later, not failed.
      expect(session.pendingMessages.map((m) => [m.text, m.status])).to.deep.equal([['Anyone?', 'waiting']]);
    });
    it('tells the server the customer stopped typing, leaving no timer of its own behind', async () => {
      const { session, sender, scheduler } = await following();
      session.draftChanged('Hel');
      session.disconnect();
      await flush();
      // Typing notifications are not aborted by disconnect(): the browser ends them at their
      // own deadline (AbortSignal.timeout), so no timer of the session's is left.
      expect(sender.open.map((r) => r.body?.['operationName'])).to.deep.equal([
        'SendStartTypingNotification', 'SendStopTypingNotification',
      ]);
      expect(sender.open.every((r) => r.signal !== undefined && !r.signal.aborted)).to.equal(true);
      expect(scheduler.pending).to.equal(0);
    });
  });

  describe('catching up', () => {
    it('after connecting, reads the log from index 0 under the configured API root (not the uri the state notification gave)', async () => {
      const id = newChatId();
      const { session, source, sender } = harness({ interactionId: id });
      session.connect();
      source.push(chatting(id));
      expect(sender.gets).to.have.length(0);
      source.state('connected');
      expect(sender.gets.map((r) => r.url)).to.deep.equal([`${chatUri(id)}/messages?index=0`]);
      expect(session.catchUpStatus).to.deep.include({ kind: 'fetching', from: 0 });
      sender.gets[0]!.answer({ messages: [text(1, AGENT, 'Hi'), text(2, CUSTOMER, 'Hello')] });
      await flush();
      expect(session.messages.map((m) => m.text)).to.deep.equal(['Hi', 'Hello']);
      expect(session.catchUpStatus).to.deep.equal({ kind: 'idle' });
    });

    it('a live message that arrives before "connected" does not make the first read start midway', async () => {
      // A tab joining while the agent talks: the leader relays a message before this tab is told
      // it is connected. Its first read must still fetch the beginning of the log.
      const id = newChatId();
      const { session, source, sender } = harness({ interactionId: id });
      session.connect();
      source.push(chatting(id));
      source.push(chatLog(id, [text(7, AGENT, 'seven')]));
      source.state('connected');
      expect(sender.gets.map((r) => r.url)).to.deep.equal([`${chatUri(id)}/messages?index=0`]);
      sender.gets[0]!.answer({ messages: [1, 2, 3, 4, 5, 6].map((i) => text(i, AGENT, `m${i}`)).concat(text(7, AGENT, 'seven')) });
      await flush();
      expect(session.messages.map((m) => m.text)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'seven']);
      // Once the beginning is known, a reconnection reads only from the highest index.
      source.state('reconnecting');
      source.state('connected');
      expect(sender.gets.map((r) => r.url).slice(1)).to.deep.equal([`${chatUri(id)}/messages?index=7`]);
    });

    it('a failed first read is asked again from index 0, however far live messages went', async () => {
      const id = newChatId();
      const { session, source, sender } = harness({ interactionId: id });
      session.connect();
      source.push(chatting(id));
      source.state('connected');
      source.push(chatLog(id, [text(4, AGENT, 'four')]));
      source.state('reconnecting');
      source.state('connected');
      expect(sender.gets.map((r) => r.url).at(-1)).to.equal(`${chatUri(id)}/messages?index=0`);
      expect(session.catchUpStatus).to.deep.include({ from: 0 });
    });

    it('tells live messages from history: `live` is false for what a read of the log brought, true for a notification, also while a read is out', async () => {
      const id = newChatId();
      const { session, source, sender } = harness({ interactionId: id });
      const seen = record(session, 'gws-message');
      session.connect();
      source.push(chatting(id));
      source.state('connected');
      // A read of the log is out; a live message arrives meanwhile.
      source.push(chatLog(id, [text(3, AGENT, 'live while reading')]));
      sender.gets[0]!.answer({ messages: [text(1, AGENT, 'old one'), text(2, CUSTOMER, 'old two'), text(3, AGENT, 'live while reading')] });
      await flush();
      expect(seen.map((e) => [e.detail.message.text, e.detail.live])).to.deep.equal([
        ['live while reading', true], ['old one', false], ['old two', false],
      ]);
    });

    it('before any state notification, reads the log below the API root of url', async () => {
      const { session, source, sender } = harness({ interactionId: 'A/B' });
      session.connect();
      source.state('connected');
      expect(sender.gets.map((r) => r.url)).to.deep.equal([`${API}/chats/A%2FB/messages?index=0`]);
    });

    it('after a gap in the indices, reads the log from the highest index seen', async () => {
      const { source, sender, id } = await following();
      source.push(chatLog(id, [text(1, AGENT, 'one')]));
      source.push(chatLog(id, [text(2, AGENT, 'two')]));
      expect(sender.gets).to.have.length(1);
      source.push(chatLog(id, [text(5, AGENT, 'five')]));
      expect(sender.gets.map((r) => r.url).slice(1)).to.deep.equal([`${chatUri(id)}/messages?index=2`]);
    });

    it('a log notification of this chat that cannot be parsed is read again from the log', async () => {
      const { session, source, sender, id } = await following(undefined, [text(1, AGENT, 'one'), text(2, AGENT, 'two')]);
      const errors = record(session, 'gws-error');
      source.push(chatLog(id, 'not a list' as unknown as unknown[]));
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['protocol']);
      expect(sender.gets.map((r) => r.url).slice(1)).to.deep.equal([`${chatUri(id)}/messages?index=2`]);
      sender.gets[1]!.answer({ messages: [text(2, AGENT, 'two'), text(3, AGENT, 'three')] });
      await flush();
      expect(session.messages.map((m) => m.text)).to.deep.equal(['one', 'two', 'three']);
    });

    it('a long log still being merged is not merged into the interaction followed next', async () => {
      const { session, source, sender, scheduler, id } = await following();
      source.push(chatLog(id, [text(1, AGENT, 'one')]));
      source.push(chatLog(id, [text(3_000, AGENT, 'last')]));
      // More than one slice: the rest is merged a task later.
      sender.gets[1]!.answer({ messages: Array.from({ length: 2_500 }, (_, i) => text(i + 1, AGENT, `m${i + 1}`)) });
      await flush();
      session.configure({ interactionId: 'NEXT' });
      scheduler.advance(0);
      await flush();
      expect(session.interactionId).to.equal('NEXT');
      expect(session.messages).to.have.length(0);
    });

    it('ignores the notifications of another interaction silently', async () => {
      const { session, source, sender } = await following();
      const events = ['gws-message', 'gws-error', 'gws-state-change', 'change'].map((t) => [t, record(session, t as 'gws-message')] as const);
      source.push(chatLog('SOMEONE-ELSE', [text(1, AGENT, 'one'), text(7, AGENT, 'seven')]));
      source.push(chatLog('SOMEONE-ELSE', 'unparseable' as unknown as unknown[]));
      source.push(chatState('SOMEONE-ELSE', { state: 'Completed' }));
      await flush();
      expect(session.messages).to.have.length(0);
      expect(session.state).to.equal('Chatting');
      expect(sender.gets).to.have.length(1);
      expect(events.filter(([, seen]) => seen.length > 0).map(([type]) => type)).to.deep.equal([]);
    });
  });

  describe('the outbox', () => {
    it('stores a message as attempted before its request goes out, so a page killed mid-request cannot send it twice', async () => {
      const { session, sender, id } = await following();
      void session.send('in flight').catch(() => {});
      await flush();
      expect(sender.posts('SendMessage')).to.have.length(1); // out, not answered
      const key = Object.keys(localStorage).find((k) => k.startsWith('gws-chat:outbox:') && k.includes(`:${id}|`))!;
      const stored = JSON.parse(localStorage.getItem(key)!) as { items: { text: string; attempted: boolean }[] };
      expect(stored.items.map((i) => [i.text, i.attempted])).to.deep.equal([['in flight', true]]);
    });

    it('keeps a message sent while not connected waiting, and sends it once connected', async () => {
      const { session, source, sender, sendMessages } = await following();
      source.state('reconnecting', null);
      const result = session.send('while offline');
      await flush();
      expect(session.pendingMessages.map((m) => [m.text, m.status])).to.deep.equal([['while offline', 'waiting']]);
      expect(sendMessages()).to.deep.equal([]);
      source.state('connected');
      await flush();
      expect(sendMessages()).to.deep.equal(['while offline']);
      expect(session.pendingMessages.map((m) => m.status)).to.deep.equal(['sending']);
      sender.posts('SendMessage')[0]!.answer();
      await result;
    });

    it('takes a message out when its echo (the customer\'s text, same words) arrives', async () => {
      const { session, source, sender, id } = await following();
      const result = session.send('  Where is   my order? ');
      await flush();
      sender.posts('SendMessage')[0]!.answer();
      await result;
      expect(session.pendingMessages.map((m) => m.delivery.state)).to.deep.equal(['accepted']);
      // The same words from the agent are no echo.
      source.push(chatLog(id, [text(1, AGENT, 'Where is my order?')]));
      expect(session.pendingMessages).to.have.length(1);
      source.push(chatLog(id, [text(2, CUSTOMER, 'Where is my order?')]));
      expect(session.pendingMessages).to.have.length(0);
      expect(session.messages.map((m) => m.text)).to.deep.equal(['Where is my order?', 'Where is my order?']);
    });

    describe('a SendMessage that got no answer before its deadline', () => {
      /** Sends `words` and lets its request run past the deadline. */
      async function timedOut(words: string) {
        const h = await following(undefined, [text(1, AGENT, 'Hi')]);
        const errors = record(h.session, 'gws-error');
        const sent = record(h.session, 'gws-send');
        const result = h.session.send(words);
        result.catch(() => {});
        await flush();
        h.scheduler.advance(REQUEST_TIMEOUT);
        await flush();
        return { ...h, errors, sent, result };
      }

      it('is held unconfirmed, not sent again, while the log is read', async () => {
        const { session, sender, sendMessages, errors, scheduler, id } = await timedOut('Are you there?');
        expect(sender.posts('SendMessage')[0]!.signal!.aborted).to.equal(true);
        expect(errors.map((e) => e.detail.kind)).to.deep.equal(['transport']);
        expect(session.pendingMessages.map((m) => [m.text, m.status, m.delivery.state])).to.deep.equal([
          ['Are you there?', 'waiting', 'unconfirmed'],
        ]);
        expect(sender.gets.map((r) => r.url).slice(1)).to.deep.equal([`${chatUri(id)}/messages?index=1`]);
        scheduler.advance(60_000);
        await flush();
        expect(sendMessages()).to.deep.equal(['Are you there?']);
      });

      it('is sent again exactly once when the log read after the failure lacks it', async () => {
        const { session, sender, sendMessages, sent, result, source } = await timedOut('Are you there?');
        sender.gets[1]!.answer({ messages: [text(1, AGENT, 'Hi')] });
        await flush();
        expect(sendMessages()).to.deep.equal(['Are you there?', 'Are you there?']);
        sender.posts('SendMessage')[1]!.answer();
        await result;
        expect(sent).to.have.length(1);
        // A later reconnection and catch-up sends nothing more.
        source.state('reconnecting');
        source.state('connected');
        sender.gets[2]!.answer({ messages: [] });
        await flush();
        expect(sendMessages()).to.have.length(2);
        expect(session.pendingMessages).to.have.length(0);
      });

      it('is not sent again when the log read after the failure contains it', async () => {
        const { session, sender, sendMessages, sent, result } = await timedOut('Are you there?');
        sender.gets[1]!.answer({ messages: [text(1, AGENT, 'Hi'), text(2, CUSTOMER, 'Are you there?')] });
        await result;
        await flush();
        expect(sendMessages()).to.deep.equal(['Are you there?']);
        expect(session.pendingMessages).to.have.length(0);
        expect(session.messages.map((m) => m.text)).to.deep.equal(['Hi', 'Are you there?']);
        expect(sent.map((e) => e.detail.text)).to.deep.equal(['Are you there?']);
      });

      it('is not settled by a log read that started before the failure', async () => {
        const { session, source, sender, sendMessages, id } = await following(undefined, [text(1, AGENT, 'Hi')]);
        // A gap starts a catch-up; it is still out when the message's request fails.
        source.push(chatLog(id, [text(3, AGENT, 'three')]));
        expect(sender.gets).to.have.length(2);
        void session.send('Are you there?').catch(() => {});
        await flush();
        sender.posts('SendMessage')[0]!.fail(new OperationError('No answer in time.', 'timeout'));
        await flush();
        expect(session.pendingMessages.map((m) => m.delivery.state)).to.deep.equal(['unconfirmed']);

        sender.gets[1]!.answer({ messages: [text(1, AGENT, 'Hi'), text(2, AGENT, 'two'), text(3, AGENT, 'three')] });
        await flush();
        expect(sendMessages(), 'an older read settles nothing').to.deep.equal(['Are you there?']);
        expect(session.pendingMessages.map((m) => m.delivery.state)).to.deep.equal(['unconfirmed']);
        expect(sender.gets).to.have.length(3);

        sender.gets[2]!.answer({ messages: [text(3, AGENT, 'three')] });
        await flush();
        expect(sendMessages()).to.deep.equal(['Are you there?', 'Are you there?']);
        expect(session.pendingMessages.map((m) => [m.status, m.delivery.state])).to.deep.equal([['sending', 'sending']]);
      });
    });
  });

  describe('typing notifications', () => {
    it('sends SendStartTypingNotification once while typing, and the stop when the message is sent', async () => {
      const { session, sender, id } = await following();
      const typing = () => sender.posts().map((r) => r.body?.['operationName']).filter((o) => String(o).includes('Typing'));
      session.draftChanged('H');
      session.draftChanged('He');
      session.draftChanged('Hel');
      expect(typing()).to.deep.equal(['SendStartTypingNotification']);
      expect(sender.posts('SendStartTypingNotification')[0]!.url).to.equal(chatUri(id));
      void session.send('Hello');
      expect(typing()).to.deep.equal(['SendStartTypingNotification', 'SendStopTypingNotification']);
    });

    it('sends none without the capability', async () => {
      const id = newChatId();
      const { session, source, sender } = harness({ interactionId: id });
      session.connect();
      source.state('connected');
      source.push(chatting(id, ['SendMessage']));
      session.draftChanged('Hello');
      void session.send('Hello');
      await flush();
      expect(sender.posts().map((r) => r.body?.['operationName'])).to.deep.equal(['SendMessage']);
    });
  });

  describe('a Facebook session', () => {
    /** A Facebook session followed and connected, its state known. */
    function facebook() {
      const id = newChatId();
      const h = harness({ medium: 'facebooksession', interactionId: id });
      h.session.connect();
      h.source.state('connected');
      h.source.push(fbState(id, { state: 'Chatting', capabilities: ['SendMessage'], participants: [CUSTOMER, AGENT] }));
      h.source.push(fbLog(id, [text(1, AGENT, 'one')]));
      return { ...h, id };
    }

    it('subscribes to its own topic and does not read the log back on connecting or reconnecting', async () => {
      const { session, source, sender } = facebook();
      expect(source.active[0]!.topic).to.equal('/v2/me/facebooksession');
      source.state('reconnecting');
      source.state('connected');
      await flush();
      expect(session.messages.map((m) => m.text)).to.deep.equal(['one']);
      expect(sender.gets).to.deep.equal([]);
    });

    it('does not read the log back after a notification it cannot parse', async () => {
      const { session, source, sender, id } = facebook();
      const errors = record(session, 'gws-error');
      source.push(fbLog(id, 'garbage' as unknown as unknown[]));
      await flush();
      expect(errors.map((e) => e.detail.kind)).to.deep.equal(['protocol']);
      expect(sender.gets).to.deep.equal([]);
    });

    it('does not read the log back after a SendMessage that got no answer (it sends it again instead)', async () => {
      const { session, sender, scheduler, sendMessages } = facebook();
      void session.send('hi').catch(() => {});
      await flush();
      scheduler.advance(REQUEST_TIMEOUT);
      await flush();
      scheduler.advance(60_000);
      await flush();
      expect(sender.gets).to.deep.equal([]);
      expect(sendMessages()).to.deep.equal(['hi', 'hi']);
    });

    it('does not read the log back at a gap in the indices', async () => {
      const { session, source, sender, id } = facebook();
      source.push(fbLog(id, [text(5, AGENT, 'five')]));
      await flush();
      expect(session.messages.map((m) => m.text)).to.deep.equal(['one', 'five']);
      expect(sender.gets.map((r) => r.url)).to.deep.equal([]);
    });
  });

  describe('restoring a remembered chat', () => {
    it('follows the chat remembered for url, shows its stored entries at once, and fires no gws-message for them', async () => {
      const id = newChatId();
      localStorage.setItem(sessionKey(URL, 'chat'), JSON.stringify({ interactionId: id }));
      localStorage.setItem(transcriptKey(URL, id), JSON.stringify({
        resource: { uri: chatUri(id), state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT], userData: {} },
        messages: [text(1, AGENT, 'Hi'), text(2, CUSTOMER, 'Hello')],
      }));
      const { session, source, sender } = harness({ url: '' });
      const seen = record(session, 'gws-message');
      const states = record(session, 'gws-state-change');
      session.configure({ url: URL });

      expect(session.status).to.deep.equal({ kind: 'following', interactionId: id });
      expect(session.messages.map((m) => m.text)).to.deep.equal(['Hi', 'Hello']);
      expect(session.state).to.equal('Chatting');
      expect(session.sendBlocked).to.equal(null);
      expect(seen).to.have.length(0);
      expect(states).to.have.length(0);

      // Connected: the whole log is read (what is stored is only its recent part), at the
      // resource built from url (a stored uri is never trusted); only what is new is announced.
      session.connect();
      source.state('connected');
      expect(sender.gets.map((r) => r.url)).to.deep.equal([`${API}/chats/${id}/messages?index=0`]);
      sender.gets[0]!.answer({ messages: [text(1, AGENT, 'Hi'), text(2, CUSTOMER, 'Hello'), text(3, AGENT, 'How can I help?')] });
      await flush();
      expect(seen.map((e) => e.detail.message.text)).to.deep.equal(['How can I help?']);
    });

    it('follows an interactionId given explicitly instead of the remembered chat', async () => {
      localStorage.setItem(sessionKey(URL, 'chat'), JSON.stringify({ interactionId: 'REMEMBERED' }));
      const { session } = harness({ interactionId: 'GIVEN' });
      expect(session.status).to.deep.equal({ kind: 'following', interactionId: 'GIVEN' });
      session.configure({ interactionId: '' });
      expect(session.status).to.deep.equal({ kind: 'following', interactionId: 'REMEMBERED' });
    });
  });

  describe('what a review found', () => {
    it('ends the chat it was asked to end, even when another is followed before a retry', async () => {
      const { session, sender, scheduler, id } = await following();
      const ending = session.endChat();
      await flush();
      sender.posts('Complete')[0]!.fail(new OperationError('The server answered 503.', 'http', 503));
      await flush();
      session.configure({ interactionId: 'OTHER-CHAT' });
      scheduler.advance(60_000);
      await flush();
      const error = await ending.then(() => null, (e: GwsChatError) => e);
      expect(error?.reason, 'the retry stops with the re-target').to.equal('no-interaction');
      expect(sender.posts('Complete').map((r) => r.url)).to.deep.equal([chatUri(id)]);
    });

    it('tells one gws-error per failed message, not one per attempt', async () => {
      const { session, sender, scheduler } = await following();
      const errors = record(session, 'gws-error' as never) as unknown as CustomEvent[];
      const sending = session.send('busy server');
      sending.catch(() => {});
      for (let attempt = 0; attempt < 6; attempt++) {
        await flush();
        sender.posts('SendMessage')[attempt]!.fail(new OperationError('The server answered 503.', 'http', 503));
        await flush();
        scheduler.advance(60_000);
      }
      await flush();
      expect(sender.posts('SendMessage')).to.have.length(6);
      expect(session.pendingMessages.map((m) => m.status)).to.deep.equal(['failed']);
      expect(errors.map((e) => e.detail.message)).to.deep.equal(['The server answered 503.']);
    });

    it('a Facebook message cut off by disconnect() is sent again on connect(), not held for ever', async () => {
      const id = newChatId();
      const h = harness({ medium: 'facebooksession', interactionId: id });
      h.session.connect();
      h.source.state('connected');
      h.source.push(fbState(id, { state: 'Chatting', capabilities: ['SendMessage'], participants: [CUSTOMER, AGENT] }));
      const first = h.session.send('one');
      first.catch(() => {});
      await flush();
      h.session.disconnect();
      await flush();
      h.session.connect();
      h.source.state('connected');
      await flush();
      expect(h.sendMessages()).to.deep.equal(['one', 'one']);
      h.sender.posts('SendMessage')[1]!.answer();
      await first;
      void h.session.send('two').catch(() => {});
      await flush();
      expect(h.sendMessages(), 'nothing held up behind it').to.deep.equal(['one', 'one', 'two']);
    });

    it('retrying a failed message in a chat that ended rejects at once', async () => {
      const { session, sender, source, id } = await following();
      const sending = session.send('refused');
      sending.catch(() => {});
      await flush();
      sender.posts('SendMessage')[0]!.fail(new OperationError('Agent unavailable', 'status', 200, 5));
      await flush();
      source.push(chatState(id, { state: 'Completed', capabilities: [] }));
      const error = await session.retry(session.pendingMessages[0]!.key).then(() => null, (e: GwsChatError) => e);
      expect(error?.reason).to.equal('not-allowed');
      expect(session.pendingMessages.map((m) => m.status)).to.deep.equal(['failed']);
    });

    it('startChat() without connect() says so at once instead of waiting', async () => {
      const { session, sender } = harness();
      const error = await session.startChat({ nickname: 'P' }).then(() => null, (e: GwsChatError) => e);
      expect(error?.reason).to.equal('transport');
      expect(error?.message).to.match(/connect\(\)/);
      expect(sender.posts('RequestChat')).to.have.length(0);
      expect(session.status.kind).to.equal('idle');
    });

    it('types its events: e.detail is known to the compiler', () => {
      const { session } = harness();
      const texts: string[] = [];
      // This line does not compile unless the event map types `detail`.
      session.addEventListener('gws-message', (e) => texts.push(e.detail.message.text));
      expect(texts).to.deep.equal([]);
    });
  });
});
