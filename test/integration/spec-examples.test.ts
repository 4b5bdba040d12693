// The spec's four example notifications, published verbatim through the real CometD
// server, as a customer would see them.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import '../../src/gws-facebook-session.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import type { GwsFacebookSession } from '../../src/elements/gws-facebook-session.js';
import {
  CHAT_TOPIC, FB_TOPIC, NOTIFICATIONS_URL, connected, entries, messagesShown, partText, plain, publishExample,
  record, specExample, waitFor,
} from '../support/gws.js';

afterEach(() => fixtureCleanup());

describe('spec example: chat MessageLogUpdated', () => {
  it('shows both messages that share index 3, once each, in order, with sender and time', async () => {
    // The example's chatUri ends in 0000Wa9CAM6W00FN (not the state example's id).
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id="0000Wa9CAM6W00FN"></gws-chat>`);
    await connected(el);
    const events = record(el, 'gws-message');
    const example = await specExample('chat-log');
    await publishExample(CHAT_TOPIC, example);
    await publishExample(CHAT_TOPIC, example); // an exact replay adds nothing
    await messagesShown(el, 2);
    const rows = entries(el);
    expect(rows.map((r) => r.querySelector('.body')!.textContent)).to.deep.equal(['How may I help you?', 'Are you still there?']);
    expect(rows.map((r) => r.querySelector('.sender')!.textContent)).to.deep.equal(['TestName', 'TestName']);
    expect(rows.map((r) => r.querySelector('time')!.getAttribute('datetime'))).to.deep.equal([
      '2014-01-09T09:58:12.035Z', '2014-01-09T09:58:12.047Z',
    ]);
    expect(el.messages).to.have.length(2);
    expect(events).to.have.length(2);
    await expect(el).to.be.accessible();
  });
});

describe('spec example: ChatStateChangeMessage', () => {
  it('sets state, participants, capabilities and user data of interaction 0000Wa9CAM6W00J', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id="0000Wa9CAM6W00J"></gws-chat>`);
    const other = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id="0000Wa9CAM6W00FN"></gws-chat>`);
    await connected(el);
    await connected(other);
    await publishExample(CHAT_TOPIC, await specExample('chat-state'));
    await waitFor(() => el.state === 'Chatting', 'state never arrived');
    expect(el.participants.map((p) => `${p.nickname}/${p.type}`)).to.deep.equal(['test_consult_clientL/Customer', 'TestName/Agent']);
    expect(el.capabilities).to.include.members(['SendMessage', 'Complete', 'SendStartTypingNotification']);
    expect(el.userData).to.deep.equal({ key1: 'value1', key2: 'value2' });
    // Not the example's interaction: nothing of it (what the server itself says may be read).
    expect(other.state).to.not.equal('Chatting');
    expect(other.userData).to.not.have.property('key1');
  });
});

describe('spec example: Facebook session', () => {
  it('shows the state and the log of session 0000Na9B26EF002X', async () => {
    const el = await fixture<GwsFacebookSession>(html`<gws-facebook-session url=${NOTIFICATIONS_URL} interaction-id="0000Na9B26EF002X"></gws-facebook-session>`);
    await connected(el);
    const typing = record(el, 'gws-typing');
    await publishExample(FB_TOPIC, await specExample('fb-state'));
    await publishExample(FB_TOPIC, await specExample('fb-log'));
    await messagesShown(el, 5);
    expect(el.state).to.equal('Chatting');
    expect(el.participants).to.deep.equal([]);
    const rows = entries(el);
    expect(rows.map((r) => r.getAttribute('part'))).to.deep.equal([
      'message message-joined', 'message message-joined', 'message message-left',
      'message message-text message-own', 'message message-joined',
    ]);
    expect(rows.map((r) => plain(r.textContent).replace(/ \d{1,2}:\d{2}.*$/, ''))).to.deep.equal([
      'PersonP joined the chat', 'Marat joined the chat', 'Marat left the chat', 'You Hello World', 'Marat joined the chat',
    ]);
    // The customer's own TypingStarted (index 4) is not shown to them.
    expect(typing).to.have.length(0);
    expect(partText(el, 'typing')).to.equal('');
    await expect(el).to.be.accessible();
  });
});
