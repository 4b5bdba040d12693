import { expect } from '@open-wc/testing';
import { ChatSession } from '../../../src/session/chat-session.js';
import { GwsChatError } from '../../../src/session/gws-chat-error.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';
import { FakeSender, FakeSource } from '../../support/fake-source.js';
import { OperationError } from '../../../src/transport/rest.js';
import { AGENT, CUSTOMER, chatState, fbState } from '../../support/gws.js';

// Issue 14's trust boundary in the engine alone (no server): with no API root configured (a
// `url` that is not a URL), nothing falls back to the uri a notification gave; the state is
// read back (`GET {api}/chats/{id}`) with the log after every (re)connection.

async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

const ALL = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'];

describe('ChatSession without a configured API root', () => {
  let session: ChatSession;
  afterEach(() => {
    session.disconnect();
    localStorage.clear(); sessionStorage.clear();
  });

  it('rejects endChat and send with a clear error, and requests nothing at the uri a notification gave', async () => {
    const source = new FakeSource();
    const sender = new FakeSender();
    session = new ChatSession({
      url: 'http://[not a url', interactionId: 'C1', source: () => source, sender: sender.factory,
      scheduler: new FakeScheduler(), random: () => 0.5,
    });
    session.connect();
    source.state('connected');
    source.push(chatState('C1', { state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT], uri: 'http://evil.example/api/v2/chats/C1' }));
    expect(session.capabilities).to.include('Complete');

    const ending = await session.endChat().then(() => null, (e: unknown) => e);
    expect(ending).to.be.instanceOf(GwsChatError);
    expect((ending as GwsChatError).reason).to.equal('no-interaction');
    expect((ending as GwsChatError).message).to.match(/API root/);

    const sending = session.send('Hello').then(() => null, (e: unknown) => e);
    session.draftChanged('Hel');
    await flush();
    expect(await sending).to.be.instanceOf(GwsChatError);
    expect(sender.requests.map((r) => r.url), 'requests made').to.deep.equal([]);
    // The catch-up gives up rather than ask again and again.
    expect(session.catchUpStatus.kind).to.equal('failed');
  });
});

describe('ChatSession reading the chat\'s state', () => {
  const URL = 'https://gws.example.com/api/v2/notifications';
  const API = 'https://gws.example.com/api/v2';
  const sessions: ChatSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.disconnect();
    localStorage.clear(); sessionStorage.clear();
  });

  function harness(options: { medium?: 'facebooksession' } = {}) {
    const source = new FakeSource();
    const sender = new FakeSender();
    const scheduler = new FakeScheduler();
    const session = new ChatSession({
      url: URL, interactionId: 'C1', source: () => source, sender: sender.factory, scheduler, random: () => 0, ...options,
    });
    sessions.push(session);
    session.connect();
    return { session, source, sender, scheduler };
  }
  const resource = (chat: Record<string, unknown>) => ({ chat: { id: 'C1', uri: 'http://evil.example/api/v2/chats/C1', ...chat } });

  it('reads it under the API root after connecting and after every reconnection, and shows what it says', async () => {
    const { session, source, sender } = harness();
    source.push(chatState('C1', { state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT] }));
    expect(sender.stateReads, 'nothing read before the connection').to.have.length(0);
    source.state('connected');
    expect(sender.stateReads.map((r) => r.url)).to.deep.equal([`${API}/chats/C1`]);
    sender.stateReads[0]!.answer(resource({ state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT] }));
    sender.gets[0]!.answer({ messages: [] });
    await flush();

    // Lost, then back: the agent ended the chat meanwhile (no notification came).
    source.state('reconnecting');
    source.state('connected');
    expect(sender.stateReads).to.have.length(2);
    const states: string[] = [];
    session.addEventListener('gws-state-change', (e) => states.push(e.detail.state));
    sender.stateReads[1]!.answer(resource({ state: 'Completed', capabilities: [], participants: [CUSTOMER] }));
    await flush();
    expect(states).to.deep.equal(['Completed']);
    expect(session.ended).to.equal(true);
    expect(session.participants.map((p) => p.nickname)).to.deep.equal([CUSTOMER.nickname]);
    expect(sender.requests.every((r) => r.url.startsWith(API))).to.equal(true);
  });

  it('ignores a read answered after a newer state notification', async () => {
    const { session, source, sender } = harness();
    source.state('connected');
    source.push(chatState('C1', { state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT] }));
    sender.stateReads[0]!.answer(resource({ state: 'WaitingForAgent', capabilities: ALL, participants: [CUSTOMER] }));
    await flush();
    expect(session.state).to.equal('Chatting');
    expect(session.participants).to.have.length(2);
  });

  it('tries a failed read again, and leaves a refused one alone (the log still tells)', async () => {
    const { session, source, sender, scheduler } = harness();
    source.state('connected');
    sender.stateReads[0]!.fail(new OperationError('Busy', 'http', 503));
    await flush();
    scheduler.advance(60_000);
    await flush();
    expect(sender.stateReads).to.have.length(2);
    sender.stateReads[1]!.fail(new OperationError('Method not allowed', 'http', 405));
    await flush();
    scheduler.advance(600_000);
    await flush();
    expect(sender.stateReads).to.have.length(2);
    expect(session.catchUpStatus.kind).not.to.equal('failed');
  });

  it('reports an answer that is not a usable resource, and keeps what it knew', async () => {
    const { session, source, sender } = harness();
    const errors: string[] = [];
    session.addEventListener('gws-error', (e) => errors.push(e.detail.message));
    source.state('connected');
    source.push(chatState('C1', { state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT] }));
    sender.stateReads[0]!.answer({ chat: { id: 'OTHER', state: 'Completed' } });
    await flush();
    expect(session.state).to.equal('Chatting');
    expect(errors.some((m) => m.includes('another chat'))).to.equal(true);
  });

  it('does not read a Facebook session\'s state (GWS documents no such read)', async () => {
    const { session, source, sender } = harness({ medium: 'facebooksession' });
    source.state('connected');
    source.push(fbState('C1', { state: 'Chatting', capabilities: ['SendMessage'] }));
    await flush();
    expect(session.state).to.equal('Chatting');
    expect(sender.requests.filter((r) => r.method === 'GET')).to.deep.equal([]);
  });
});
