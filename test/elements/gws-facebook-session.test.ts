import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-facebook-session.js';
import { GwsFacebookSession } from '../../src/elements/gws-facebook-session.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, FB_TOPIC, NOTIFICATIONS_URL, chatLog, connected, entries, fbLog, fbState,
  messagesShown, partText, publish, record, uniqueId, wireMessage, waitFor,
} from '../support/gws.js';

async function liveSession(id = uniqueId('FB')): Promise<GwsFacebookSession> {
  const el = await fixture<GwsFacebookSession>(html`<gws-facebook-session url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-facebook-session>`);
  await connected(el);
  return el;
}

afterEach(() => fixtureCleanup());

describe('<gws-facebook-session>', () => {
  it('upgrades to GwsFacebookSession', async () => {
    const el = await fixture(html`<gws-facebook-session></gws-facebook-session>`);
    expect(el).to.be.instanceOf(GwsFacebookSession);
    await expect(el).to.be.accessible();
  });

  it('follows its session on /v2/me/facebooksession', async () => {
    const el = await liveSession();
    const id = el.interactionId;
    await publish(FB_TOPIC, fbState(id, { state: 'Chatting', capabilities: ['SendMessage'], participants: [CUSTOMER, AGENT] }));
    await publish(FB_TOPIC, fbLog(id, [
      wireMessage(1, 'ParticipantJoined', AGENT),
      wireMessage(2, 'TypingStarted', AGENT),
      wireMessage(3, 'Text', CUSTOMER, { text: 'Hi from Messenger' }),
    ]));
    await messagesShown(el, 2);
    await waitFor(() => el.state === 'Chatting');
    expect(el.capabilities).to.deep.equal(['SendMessage']);
    expect(entries(el).map((e) => e.getAttribute('part'))).to.deep.equal([
      'message message-joined', 'message message-text message-own',
    ]);
    expect(partText(el, 'typing')).to.equal('Marat is typing…');
    await expect(el).to.be.accessible();
  });

  it('ignores chat traffic for the same id on the chats topic', async () => {
    const el = await liveSession();
    const errors = record(el, 'gws-error');
    await publish(CHAT_TOPIC, chatLog(el.interactionId, [wireMessage(1, 'Text', AGENT, { text: 'wrong topic' })]));
    await publish(FB_TOPIC, fbLog(el.interactionId, [wireMessage(1, 'Text', AGENT, { text: 'right topic' })]));
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['right topic']);
    expect(errors).to.have.length(0);
  });
});
