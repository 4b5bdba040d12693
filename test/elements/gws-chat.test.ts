import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/gws-chat.js';
import { GwsChat } from '../../src/elements/gws-chat.js';
import {
  AGENT, CHAT_TOPIC, CUSTOMER, NOTIFICATIONS_URL, SUPERVISOR, chatLog, chatState, connected, entries,
  messagesShown, partText, plain, publish, record, uniqueId, wireMessage, waitFor, serverKnows,
  simulatedChat, SECOND_SERVER_URL, rest, received } from '../support/gws.js';
import { LINGER_MS, openConnectionCount } from '../../src/transport/connection.js';
import { part } from '../support/parts.js';

async function liveChat(id = uniqueId(), extra: { typingTimeout?: number } = {}): Promise<GwsChat> {
  await serverKnows(id);
  const el = await fixture<GwsChat>(html`<gws-chat
    url=${NOTIFICATIONS_URL}
    interaction-id=${id}
    typing-timeout=${extra.typingTimeout ?? 15000}
  ></gws-chat>`);
  await connected(el);
  // The server's own state of the chat (read back after connecting) is in before the test
  // publishes its own notifications.
  await waitFor(() => el.state !== null, 'the chat\'s state was never read');
  return el;
}

const log = (el: GwsChat, messages: unknown[]) => publish(CHAT_TOPIC, chatLog(el.interactionId, messages));
const state = (el: GwsChat, chat: Record<string, unknown>, type?: string) =>
  publish(CHAT_TOPIC, chatState(el.interactionId, chat, type));

afterEach(() => fixtureCleanup());

describe('<gws-chat> upgrade', () => {
  it('upgrades to GwsChat with an open shadow root', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat></gws-chat>`);
    expect(el).to.be.instanceOf(GwsChat);
    expect(el.shadowRoot).to.exist;
  });

  it('without url and interaction-id stays disconnected, shows an empty log and is accessible', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat></gws-chat>`);
    expect(el.connectionState).to.equal('disconnected');
    expect(el.messages).to.deep.equal([]);
    expect(partText(el, 'status')).to.equal('');
    const logPart = part(el, 'log')!;
    expect(logPart.getAttribute('role')).to.equal('log');
    expect(logPart.getAttribute('aria-label')).to.equal('Chat transcript');
    await expect(el).to.be.accessible();
  });
});

describe('<gws-chat> connection', () => {
  it('reports connecting, then connected, with gws-connection-change events', async () => {
    const el = document.createElement('gws-chat');
    const changes = record(el, 'gws-connection-change');
    el.url = NOTIFICATIONS_URL;
    el.interactionId = uniqueId();
    document.body.append(el);
    try {
      await connected(el);
      expect(changes.map((e) => e.detail.state)).to.deep.equal(['connecting', 'connected']);
      expect(changes[0]!.bubbles && changes[0]!.composed).to.equal(true);
      await el.updateComplete;
      expect(partText(el, 'status')).to.equal('');
    } finally {
      el.remove();
    }
  });

  it('shows "Connecting…" in the status part until connected', async () => {
    // A connection left by an earlier test, still lingering, would be connected at once.
    await waitFor(() => openConnectionCount() === 0, 'a connection stayed', { timeout: LINGER_MS + 2000 });
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${uniqueId()}></gws-chat>`);
    expect(el.connectionState).to.equal('connecting');
    expect(partText(el, 'status')).to.equal('Connecting…');
    await connected(el);
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('');
  });
});

describe('<gws-chat> text messages', () => {
  it('shows sender, text and time; the customer\'s own messages on the other side', async () => {
    const el = await liveChat();
    await log(el, [
      wireMessage(1, 'Text', AGENT, { text: 'How may I help you?' }),
      wireMessage(2, 'Text', CUSTOMER, { text: 'My order is late' }),
    ]);
    await messagesShown(el, 2);
    const [agentMsg, ownMsg] = entries(el);
    expect(agentMsg!.getAttribute('part')).to.equal('message message-text');
    expect(agentMsg!.querySelector('.sender')!.textContent).to.equal('Marat');
    expect(agentMsg!.querySelector('.body')!.textContent).to.equal('How may I help you?');
    expect(agentMsg!.querySelector('time')!.getAttribute('datetime')).to.equal(new Date(1389261493035).toISOString());
    expect(ownMsg!.getAttribute('part')).to.equal('message message-text message-own');
    expect(ownMsg!.querySelector('.sender')!.textContent).to.equal('You');
    const agentBox = agentMsg!.getBoundingClientRect();
    const ownBox = ownMsg!.getBoundingClientRect();
    expect(ownBox.right).to.be.greaterThan(agentBox.right);
    await expect(el).to.be.accessible();
  });

  it('fires gws-message once per newly visible entry, bubbling and composed', async () => {
    const el = await liveChat();
    const seen = record(el, 'gws-message');
    const msg = wireMessage(1, 'Text', AGENT, { text: 'hello' });
    await log(el, [msg]);
    await messagesShown(el, 1);
    await log(el, [msg, wireMessage(2, 'Text', AGENT, { text: 'again' })]);
    await messagesShown(el, 2);
    expect(seen.map((e) => e.detail.message.text)).to.deep.equal(['hello', 'again']);
    expect(seen[0]!.bubbles).to.equal(true);
    expect(seen[0]!.composed).to.equal(true);
  });

  it('places messages that arrive out of order by index', async () => {
    const el = await liveChat();
    await log(el, [wireMessage(5, 'Text', AGENT, { text: 'five' })]);
    await messagesShown(el, 1);
    await log(el, [wireMessage(3, 'Text', AGENT, { text: 'three' })]);
    await messagesShown(el, 2);
    expect(entries(el).map((e) => e.querySelector('.body')!.textContent)).to.deep.equal(['three', 'five']);
  });

  it('renders hostile text inertly and links only http(s) URLs', async () => {
    const el = await liveChat();
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> javascript:alert(1) see https://example.com/help.';
    await log(el, [wireMessage(1, 'Text', { ...AGENT, nickname: '<b>Eve</b>' }, { text: hostile })]);
    await messagesShown(el, 1);
    const body = entries(el)[0]!.querySelector('.body')!;
    expect(body.textContent).to.equal(hostile);
    expect(body.querySelector('img, script, b')).to.equal(null);
    expect(entries(el)[0]!.querySelector('.sender')!.textContent).to.equal('<b>Eve</b>');
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/help']);
    expect(links[0]!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(links[0]!.getAttribute('target')).to.equal('_blank');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<gws-chat> system lines', () => {
  it('shows participants joining and leaving, notices and pushed URLs as inline lines', async () => {
    const el = await liveChat();
    await log(el, [
      wireMessage(1, 'ParticipantJoined', AGENT),
      wireMessage(2, 'Notice', null, { text: 'Chat is being recorded' }),
      wireMessage(3, 'CustomNotice', AGENT, { noticeText: 'Transferred to billing' }),
      wireMessage(4, 'PushUrl', AGENT, { url: 'https://example.com/faq' }),
      wireMessage(5, 'PushUrl', AGENT, { url: 'javascript:alert(1)' }),
      wireMessage(6, 'ParticipantLeft', AGENT),
    ]);
    await messagesShown(el, 6);
    const rows = entries(el);
    expect(rows.map((r) => r.getAttribute('part'))).to.deep.equal([
      'message message-joined', 'message message-notice', 'message message-notice',
      'message message-notice', 'message message-notice', 'message message-left',
    ]);
    const texts = rows.map((r) => plain(r.querySelector('span')!.textContent));
    expect(texts).to.deep.equal([
      'Marat joined the chat', 'Chat is being recorded', 'Transferred to billing',
      'Marat shared a link:', 'Marat shared a link:', 'Marat left the chat',
    ]);
    expect(rows[3]!.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/faq');
    expect(rows[4]!.querySelector('a')).to.equal(null);
    expect(rows[4]!.textContent).to.contain('javascript:alert(1)');
    await expect(el).to.be.accessible();
  });

  it('does not render unknown message types, and keeps working after them', async () => {
    const el = await liveChat();
    const errors = record(el, 'gws-error');
    await log(el, [
      wireMessage(1, 'FileUploaded', AGENT, { text: 'secret.pdf' }),
      wireMessage(2, 'Text', AGENT, { text: 'after' }),
    ]);
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['after']);
    expect(el.shadowRoot!.textContent).not.to.contain('secret.pdf');
    expect(errors).to.have.length(0);
  });
});

describe('<gws-chat> visibility', () => {
  it('never shows or reports messages whose visibility is not All', async () => {
    const el = await liveChat();
    const events = record(el, 'gws-message');
    const typing = record(el, 'gws-typing');
    await log(el, [
      wireMessage(1, 'Text', SUPERVISOR, { text: 'agents only: customer seems angry', visibility: 'Agents' }),
      wireMessage(2, 'TypingStarted', SUPERVISOR, { visibility: 'Agents' }),
      wireMessage(3, 'Notice', null, { text: 'consult started', visibility: 'agents' }),
      wireMessage(4, 'Text', AGENT, { text: 'no visibility field', visibility: undefined }),
      wireMessage(5, 'Text', AGENT, { text: 'visible' }),
    ]);
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['visible']);
    expect(events.map((e) => e.detail.message.text)).to.deep.equal(['visible']);
    expect(typing).to.have.length(0);
    const shown = el.shadowRoot!.textContent!;
    for (const secret of ['customer seems angry', 'consult started', 'no visibility field', 'Sam']) {
      expect(shown).not.to.contain(secret);
    }
  });
});

describe('<gws-chat> typing', () => {
  it('shows "Marat is typing…" for an agent and clears it on TypingStopped', async () => {
    const el = await liveChat();
    const typing = record(el, 'gws-typing');
    await log(el, [wireMessage(1, 'TypingStarted', AGENT)]);
    await waitFor(() => partText(el, 'typing') === 'Marat is typing…', 'typing not shown');
    await expect(el).to.be.accessible();
    await log(el, [wireMessage(2, 'TypingStopped', AGENT)]);
    await waitFor(() => partText(el, 'typing') === '', 'typing not cleared');
    expect(typing.map((e) => [e.detail.participant.nickname, e.detail.typing])).to.deep.equal([
      ['Marat', true], ['Marat', false],
    ]);
  });

  it('does not show the customer their own typing', async () => {
    const el = await liveChat();
    const typing = record(el, 'gws-typing');
    await log(el, [wireMessage(1, 'TypingStarted', CUSTOMER), wireMessage(2, 'Text', CUSTOMER, { text: 'hi' })]);
    await messagesShown(el, 1);
    expect(partText(el, 'typing')).to.equal('');
    expect(typing).to.have.length(0);
  });

  it('clears typing when that participant sends a message', async () => {
    const el = await liveChat();
    await log(el, [wireMessage(1, 'TypingStarted', AGENT)]);
    await waitFor(() => el.typingParticipants.length === 1);
    await log(el, [wireMessage(2, 'Text', AGENT, { text: 'Here I am' })]);
    await messagesShown(el, 1);
    expect(partText(el, 'typing')).to.equal('');
  });

  it('clears typing when that participant leaves', async () => {
    const el = await liveChat();
    await log(el, [wireMessage(1, 'TypingStarted', AGENT)]);
    await waitFor(() => el.typingParticipants.length === 1);
    await log(el, [wireMessage(2, 'ParticipantLeft', AGENT)]);
    await messagesShown(el, 1);
    expect(partText(el, 'typing')).to.equal('');
  });

  it('names several typists and expires a start whose stop never comes', async () => {
    const el = await liveChat(uniqueId(), { typingTimeout: 300 });
    await log(el, [wireMessage(1, 'TypingStarted', AGENT), wireMessage(2, 'TypingStarted', SUPERVISOR)]);
    await waitFor(() => partText(el, 'typing') === 'Marat and Sam are typing…', 'two typists not shown');
    await waitFor(() => partText(el, 'typing') === '', 'typing never expired', { timeout: 3000 });
    expect(el.typingParticipants).to.deep.equal([]);
  });
});

describe('<gws-chat> interaction state', () => {
  it('updates state, participants, capabilities and user data with one event each', async () => {
    const el = await liveChat();
    const states = record(el, 'gws-state-change');
    const participants = record(el, 'gws-participants-change');
    const properties = record(el, 'gws-properties-change');
    const capabilities = record(el, 'gws-capabilities-change');
    const chat = {
      state: 'Chatting',
      participants: [CUSTOMER, AGENT],
      capabilities: ['SendMessage', 'Complete'],
      userData: { topic: 'billing' },
    };
    await state(el, chat);
    await waitFor(() => el.state === 'Chatting');
    await state(el, chat, 'PropertiesUpdated');
    await state(el, { ...chat, userData: { topic: 'refunds' } }, 'PropertiesUpdated');
    await waitFor(() => el.userData['topic'] === 'refunds');
    expect(states.map((e) => [e.detail.previousState, e.detail.state])).to.deep.equal([['WaitingForAgent', 'Chatting']]);
    expect(participants).to.have.length(1);
    expect(el.participants.map((p) => p.nickname)).to.deep.equal(['PersonP', 'Marat']);
    expect(capabilities).to.have.length(1);
    expect(el.capabilities).to.deep.equal(['SendMessage', 'Complete']);
    expect(properties.map((e) => e.detail.userData['topic'])).to.deep.equal(['billing', 'refunds']);
  });

  it('shows that the chat has ended and stays accessible', async () => {
    const el = await liveChat();
    await state(el, { state: 'Chatting' });
    await log(el, [wireMessage(1, 'Text', AGENT, { text: 'Bye' })]);
    await messagesShown(el, 1);
    await state(el, { state: 'Completed' });
    await waitFor(() => el.ended);
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('says so while waiting for an agent', async () => {
    const el = await liveChat();
    await state(el, { state: 'WaitingForAgent' });
    await waitFor(() => el.state === 'WaitingForAgent');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('Waiting for an agent…');
  });

  it('surfaces an Error notification as a gws-error and a dismissable notice', async () => {
    const el = await liveChat();
    await log(el, [wireMessage(1, 'Text', AGENT, { text: 'still here' })]);
    await messagesShown(el, 1);
    const errorEvent = oneEvent(el, 'gws-error');
    await publish(CHAT_TOPIC, { ...chatState(el.interactionId, { state: 'Chatting' }, 'Error'), errorMessage: 'SendMessage failed', referenceId: 42 });
    const { detail } = await errorEvent;
    expect(detail).to.deep.equal({ kind: 'server', message: 'SendMessage failed', referenceId: 42 });
    await el.updateComplete;
    // Said in the element's language; the server's own words go to developers, in gws-error.
    expect(partText(el, 'error')).to.contain('The server reported a problem with this chat.');
    expect(partText(el, 'error')).not.to.contain('SendMessage failed');
    expect(el.messages).to.have.length(1);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });
});

describe('<gws-chat> untrusted notifications', () => {
  it('reports malformed notifications as protocol errors without disturbing the log', async () => {
    const el = await liveChat();
    await log(el, [wireMessage(1, 'Text', AGENT, { text: 'first' })]);
    await messagesShown(el, 1);
    const errors = record(el, 'gws-error');
    const id = el.interactionId;
    await publish(CHAT_TOPIC, { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', chatUri: `/api/v2/chats/${id}`, messages: 'nope' });
    await publish(CHAT_TOPIC, { messageType: 'ChatStateChangeMessage', notificationType: 'StatusChange', chat: { id, state: 42 } });
    await publish(CHAT_TOPIC, chatLog(id, [{ index: 'two', type: 'Text', from: AGENT, text: 'bad index', visibility: 'All' }, wireMessage(3, 'Text', AGENT, { text: 'good' })]));
    await messagesShown(el, 2);
    await waitFor(() => errors.length === 3, `expected 3 protocol errors, got ${errors.length}`);
    expect(errors.every((e) => e.detail.kind === 'protocol')).to.equal(true);
    expect(errors[0]!.detail.message).to.contain('data.messages is not an array');
    expect(errors[1]!.detail.message).to.contain('data.chat.state is not a string');
    expect(errors[2]!.detail.message).to.contain('index');
    expect(el.messages.map((m) => m.text)).to.deep.equal(['first', 'good']);
    expect(el.state, 'the state the server reported').to.equal('WaitingForAgent');
  });

  it('ignores traffic of other interactions silently', async () => {
    const el = await liveChat();
    const errors = record(el, 'gws-error');
    const other = `X${el.interactionId}`;
    await publish(CHAT_TOPIC, chatLog(other, [wireMessage(1, 'Text', AGENT, { text: 'not yours' })]));
    await publish(CHAT_TOPIC, chatState(other, { state: 'Completed' }));
    await log(el, [wireMessage(1, 'Text', AGENT, { text: 'yours' })]);
    await messagesShown(el, 1);
    expect(el.messages.map((m) => m.text)).to.deep.equal(['yours']);
    expect(el.state, 'the state the server reported').to.equal('WaitingForAgent');
    expect(errors).to.have.length(0);
  });
});

describe('<gws-chat> long histories', () => {
  it('paints the newest entries first, then fills in every older one, in order', async () => {
    const el = await liveChat();
    const history = Array.from({ length: 1200 }, (_, i) => wireMessage(i + 1, 'Text', AGENT, { text: `m${i + 1}` }));
    // The first render after the whole history arrived (no polling: the older entries are
    // added a few tasks later, and a slow poll would only see the end).
    const firstRender = new Promise<HTMLElement[]>((resolve) => {
      el.addEventListener('gws-message', (e) => {
        if (e.detail.message.text === 'm1200') void el.updateComplete.then(() => resolve(entries(el)));
      });
    });
    await log(el, history);
    const first = await firstRender;
    expect(first.length).to.be.lessThan(1200);
    expect(first[first.length - 1]!.querySelector('.body')!.textContent).to.equal('m1200');
    await waitFor(() => entries(el).length === 1200, 'older entries never filled in', { timeout: 5000 });
    const bodies = entries(el).map((e) => e.querySelector('.body')!.textContent);
    expect(bodies).to.deep.equal(history.map((m) => m['text']));
    const logPart = part(el, 'log')!;
    expect(logPart.scrollTop + logPart.clientHeight).to.be.closeTo(logPart.scrollHeight, 2);
  });

  it('follows new messages at the bottom, but not while the reader looks at older ones', async () => {
    const el = await liveChat();
    await log(el, Array.from({ length: 60 }, (_, i) => wireMessage(i + 1, 'Text', AGENT, { text: `m${i + 1}` })));
    await messagesShown(el, 60);
    const logPart = part(el, 'log')!;
    const atBottom = () => Math.abs(logPart.scrollTop + logPart.clientHeight - logPart.scrollHeight) <= 2;
    await waitFor(atBottom, 'not at the bottom after the history');
    logPart.scrollTop = 0;
    await log(el, [wireMessage(61, 'Text', AGENT, { text: 'new while reading' })]);
    await messagesShown(el, 61);
    expect(logPart.scrollTop).to.equal(0);
    logPart.scrollTop = logPart.scrollHeight;
    await log(el, [wireMessage(62, 'Text', AGENT, { text: 'new at the bottom' })]);
    await messagesShown(el, 62);
    await waitFor(atBottom, 'did not follow the new message');
  });

  it('re-renders only what changed: a late message lands in its place among 500', async () => {
    const el = await liveChat();
    await log(el, Array.from({ length: 500 }, (_, i) => wireMessage((i + 1) * 2, 'Text', AGENT, { text: `even ${(i + 1) * 2}` })));
    await messagesShown(el, 500);
    await waitFor(() => entries(el).length === 500);
    const firstNode = entries(el)[0];
    await log(el, [wireMessage(401, 'Text', AGENT, { text: 'odd 401' })]);
    await messagesShown(el, 501);
    const bodies = entries(el).map((e) => e.querySelector('.body')!.textContent);
    expect(bodies.indexOf('odd 401')).to.equal(bodies.indexOf('even 400') + 1);
    expect(entries(el)[0]).to.equal(firstNode);
  });
});

describe('<gws-chat> over its session', () => {
  afterEach(() => sessionStorage.clear());

  it('keeps its connection when moved in the page (frameworks reorder elements)', async () => {
    const el = await liveChat();
    const changes = record(el, 'gws-connection-change');
    const session = el.session;
    document.body.append(el); // moved: removed and added back in one go
    await new Promise((r) => setTimeout(r, 300));
    try {
      expect(changes.map((e) => e.detail.state), 'no disconnect / reconnect').to.deep.equal([]);
      expect(el.connectionState).to.equal('connected');
      expect(openConnectionCount(), 'the same connection, not a new one').to.equal(1);
      expect(el.session).to.equal(session);
    } finally {
      el.remove();
    }
  });

  it('a resumed chat stays with its url: another url follows nothing until told', async () => {
    const id = await simulatedChat();
    localStorage.setItem(`gws-chat:session:chat:${new URL(NOTIFICATIONS_URL, location.href).href}`, JSON.stringify({ interactionId: id }));
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL}></gws-chat>`);
    expect(el.interactionId, 'resumed').to.equal(id);
    el.url = SECOND_SERVER_URL;
    await el.updateComplete;
    expect(el.session.status).to.deep.equal({ kind: 'idle' });
    expect(el.interactionId).to.equal('');
  });

  it('hands its unsent message to an element that replaces it in the same task', async () => {
    const id = await simulatedChat();
    const a = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
    await connected(a);
    await rest('publishState', id);
    await waitFor(() => a.capabilities.includes('SendMessage'));
    await rest('failNext', 'SendMessage', { id, status: 503, statusCode: 503, statusMessage: 'Busy', retryAfter: 30 });
    void a.send('handed over').catch(() => {});
    await waitFor(() => a.pendingMessages[0]?.status === 'failed', 'not waiting for its retry');
    const parent = a.parentElement!;
    const b = document.createElement('gws-chat');
    b.url = NOTIFICATIONS_URL;
    b.interactionId = id;
    a.remove();
    parent.append(b);
    try {
      await waitFor(() => b.messages.some((m) => m.text === 'handed over') && b.pendingMessages.length === 0,
        `not delivered by the new element (${b.pendingMessages.map((m) => m.status).join()})`, { timeout: 10_000 });
      const sent = (await received(id)).filter((r) => r.operationName === 'SendMessage').map((r) => r.body['text']);
      expect(sent).to.deep.equal(['handed over', 'handed over']); // the refused 503, then once
    } finally {
      b.remove();
    }
  });
});
