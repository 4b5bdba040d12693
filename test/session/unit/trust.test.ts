import { expect } from '@open-wc/testing';
import { ChatSession } from '../../../src/session/chat-session.js';
import { GwsChatError } from '../../../src/session/gws-chat-error.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';
import { FakeSender, FakeSource } from '../../support/fake-source.js';
import { AGENT, CUSTOMER, chatState } from '../../support/gws.js';

// Where requests go is configuration: with no API root configured (a `url` that is not a
// URL), nothing falls back to the uri a notification gave.

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
