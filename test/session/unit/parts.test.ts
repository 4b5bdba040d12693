// The small parts ChatSession coordinates, alone: its subscription, the wait for the
// connection before a chat is started, and what starting asks for.
import { expect } from '@open-wc/testing';
import { requestChatBody } from '../../../src/session/chat-start.js';
import { ConnectionWait } from '../../../src/session/connection-wait.js';
import type { GwsChatError } from '../../../src/session/gws-chat-error.js';
import { Subscription } from '../../../src/session/subscription.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';
import { FakeSource } from '../../support/fake-source.js';

describe('session parts: the subscription', () => {
  it('subscribes anew before leaving the old one, and passes on only what the current one hears', () => {
    const heard: unknown[] = [];
    const states: string[] = [];
    const sub = new Subscription({
      notification: (raw) => heard.push(raw),
      state: (state) => states.push(state),
      error: () => {},
    });
    const source = new FakeSource();
    sub.subscribe(source, '/v2/me/chats');
    const first = source.subscriptions[0]!;
    sub.subscribe(source, '/v2/me/chats');
    // The new one was made while the old one was still there (a shared connection survives).
    expect(source.subscriptions.length).to.equal(2);
    expect(first.stopped).to.equal(true);
    // A late notification of the old subscription is dropped; the new one's is passed on.
    first.observer.notification('late');
    first.observer.state('connected', null);
    source.push('fresh');
    expect(heard).to.deep.equal([{ channel: '/v2/me/chats', data: 'fresh' }]);
    expect(states).to.deep.equal([]);
    sub.unsubscribe();
    expect(sub.open).to.equal(false);
    const last = source.subscriptions[1]!;
    expect(last.stopped).to.equal(true);
    last.observer.notification('after');
    expect(heard.length).to.equal(1);
  });
});

describe('session parts: waiting for the connection', () => {
  const setUp = (explained = () => false) => {
    const scheduler = new FakeScheduler();
    return { scheduler, wait: new ConnectionWait({ scheduler, timeout: () => 1000, explained }) };
  };

  it('is over when the connection is up', async () => {
    const { wait } = setUp();
    const waiting = wait.wait();
    wait.connected();
    await waiting;
  });

  it('fails as a transport error at its deadline, or when the session is disconnected', async () => {
    const { scheduler, wait } = setUp();
    const timedOut = wait.wait().then(() => null, (e: GwsChatError) => e);
    scheduler.advance(1000);
    const e1 = await timedOut;
    expect([e1?.reason, e1?.message]).to.deep.equal(['transport', 'Could not reach the chat server.']);
    const dropped = wait.wait().then(() => null, (e: GwsChatError) => e);
    wait.fail('The chat was disconnected.');
    expect((await dropped)?.message).to.equal('The chat was disconnected.');
  });

  it('waits on past the deadline while a known cause is on screen and retried', async () => {
    let explained = true;
    const { scheduler, wait } = setUp(() => explained);
    let settled = false;
    const waiting = wait.wait().then(() => { settled = true; });
    scheduler.advance(5000);
    await Promise.resolve();
    expect(settled).to.equal(false);
    explained = false;
    wait.connected();
    await waiting;
    expect(settled).to.equal(true);
  });
});

describe('session parts: starting a chat', () => {
  it('asks with a trimmed nickname (Customer when none), and the subject and user data only when given', () => {
    expect(requestChatBody({})).to.deep.equal({ nickname: 'Customer' });
    expect(requestChatBody({ nickname: '  Ana ', subject: 'Order 7', userData: { k: 'v' } }))
      .to.deep.equal({ nickname: 'Ana', subject: 'Order 7', userData: { k: 'v' } });
  });
});
