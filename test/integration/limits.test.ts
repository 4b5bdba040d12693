// A state over the size limits against a live <gws-chat> on the real CometD server: what is
// over a limit is cut or dropped, the rest of the state is kept, and the customer can chat.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { MAX_LIST, MAX_TEXT_LENGTH } from '../../src/protocol/parse.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, NOTIFICATIONS_URL, chatLog, chatState, connected, messagesShown, partText, publish,
  record, serverKnows, uniqueId, waitFor, wireMessage,
} from '../support/gws.js';

afterEach(() => fixtureCleanup());

async function liveChat(id: string): Promise<GwsChat> {
  await serverKnows(id);
  const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  await connected(el);
  return el;
}

const input = (el: GwsChat) => el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;

/** A whole state over every limit at once: a huge userData value, 1,001 keys, 1,001 participants. */
function oversizedState(id: string, notificationType: string): Record<string, unknown> {
  const bystanders = Array.from({ length: MAX_LIST - 1 }, (_, i) => ({ participantId: `X${i}`, nickname: `Guest ${i}`, type: 'External' }));
  // Keys sorted on the way (the simulator's JSON): `account` comes among the first 1,000.
  const userData: Record<string, unknown> = { account: '1042', big: 'u'.repeat(70_000) };
  for (let i = 0; Object.keys(userData).length <= MAX_LIST; i++) userData[`k${i}`] = i;
  return chatState(id, {
    state: 'Chatting',
    capabilities: ['SendMessage', 'SendTyping', 'Complete'],
    participants: [CUSTOMER, AGENT, ...bystanders],
    userData,
  }, notificationType);
}

describe('<gws-chat> with a state over the size limits', function () {
  this.timeout(30_000);

  it('keeps the rest of the state, stays usable, and says what was cut once', async () => {
    const id = uniqueId('LIM');
    const el = await liveChat(id);
    const errors = record(el, 'gws-error');

    await publish(CHAT_TOPIC, oversizedState(id, 'StatusChange'));
    await waitFor(() => el.state === 'Chatting', `state stayed ${String(el.state)}`);
    await el.updateComplete;

    expect(el.capabilities).to.include('SendMessage');
    expect(el.participants).to.have.length(MAX_LIST);
    expect(el.participants[1]!.nickname).to.equal(AGENT.nickname);
    expect(el.userData['account']).to.equal('1042');
    expect(el.userData).to.not.have.property('big');
    expect(Object.keys(el.userData).length).to.be.at.most(MAX_LIST);
    expect(input(el).disabled, 'the customer can type').to.equal(false);
    expect(partText(el, 'status')).to.not.include('Connecting');

    // GWS repeats the whole state with every change: told once, not each time.
    await publish(CHAT_TOPIC, oversizedState(id, 'ParticipantsUpdated'));
    await publish(CHAT_TOPIC, oversizedState(id, 'PropertiesUpdated'));
    // The message after them has been handled once it shows (notifications arrive in order).
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'Still here' })]));
    await messagesShown(el, 1);

    expect(errors.map((e) => e.detail.kind)).to.deep.equal(['protocol']);
    const message = errors[0]!.detail.message;
    expect(message).to.include('"big" dropped').and.include(`${MAX_TEXT_LENGTH}`);
    expect(message).to.include(`userData: more than ${MAX_LIST} keys`);
    expect(message).to.include(`participants: more than ${MAX_LIST} entries`);
    expect(el.state).to.equal('Chatting');
    expect(input(el).disabled).to.equal(false);
  });
});
