// The customer talks back: the composer driven with real keyboard input, against the
// simulator's Customer Chat API and its real CometD server.
import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import '../../src/gws-facebook-session.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import type { GwsFacebookSession } from '../../src/elements/gws-facebook-session.js';
import type { GwsInteractionElement } from '../../src/elements/gws-interaction-element.js';
import {
  NOTIFICATIONS_URL, agent, connected, partText, received, record, rest, simulatedChat, waitFor,
} from '../support/gws.js';
import { input, part, parts } from '../support/parts.js';

afterEach(() => {
  fixtureCleanup();
  // A started chat is remembered for the tab (to survive reloads); each test starts afresh.
  localStorage.clear(); sessionStorage.clear();
});

const ops = async (id: string, name?: string) =>
  (await received(id)).filter((r) => !name || r.operationName === name);

/** A chatting customer: the element follows a simulated chat whose state it has. */
async function chatting(attrs: { maxLength?: number; capabilities?: string[]; contactCenterId?: string } = {}) {
  const id = await simulatedChat();
  const el = await fixture<GwsChat>(html`<gws-chat
    url=${NOTIFICATIONS_URL}
    interaction-id=${id}
    max-length=${attrs.maxLength ?? 4096}
    contact-center-id=${attrs.contactCenterId ?? ''}
  ></gws-chat>`);
  await connected(el);
  if (attrs.capabilities) await agent(id, 'capabilities', { capabilities: attrs.capabilities });
  else await rest('publishState', id);
  // The state read back after connecting may come first: wait for the capabilities asked for.
  const wanted = attrs.capabilities?.join();
  await waitFor(() => el.state !== null && (wanted === undefined || el.capabilities.join() === wanted), 'no state arrived');
  await el.updateComplete;
  return { el, id };
}

async function typeAndPress(el: GwsInteractionElement, text: string, key = 'Enter') {
  input(el).focus();
  if (text) await sendKeys({ type: text });
  if (key) await sendKeys({ press: key });
}

describe('composer', () => {
  it('has an input with an accessible name, a send button, and passes axe', async () => {
    const { el } = await chatting();
    expect(input(el).getAttribute('aria-label')).to.equal('Message');
    expect(part(el, 'send-button')!.textContent!.trim()).to.equal('Send');
    expect(part(el, 'composer')!.tagName).to.equal('FORM');
    expect(input(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('sends on Enter: shown at once as sending, then once as sent when the echo arrives', async () => {
    const { el, id } = await chatting();
    const sent = record(el, 'gws-send');
    await typeAndPress(el, 'Hello there', '');
    const echoed = oneEvent(el, 'gws-message');
    // Everything shown as "sending" from the key press on, however fast the echo comes.
    const shownSending: string[] = [];
    const watcher = new MutationObserver(() => {
      const node = part(el, 'message-sending');
      if (node) shownSending.push(node.textContent!.replace(/\s+/g, ' ').trim());
    });
    watcher.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await sendKeys({ press: 'Enter' });
    expect(input(el).value).to.equal('');
    await echoed;
    await el.updateComplete;
    watcher.disconnect();
    expect(shownSending[0]).to.equal('You Hello there Sending…');
    expect(el.messages.map((m) => [m.text, m.own])).to.deep.equal([['Hello there', true]]);
    expect(el.pendingMessages).to.deep.equal([]);
    expect(parts(el, 'message-own')).to.have.length(1);
    expect((await ops(id, 'SendMessage')).map((r) => r.body['text'])).to.deep.equal(['Hello there']);
    await waitFor(() => sent.length === 1);
    expect(sent[0]!.detail.text).to.equal('Hello there');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('starts a new line on Shift+Enter and sends the lines together on Enter', async () => {
    const { el, id } = await chatting();
    await typeAndPress(el, 'first line', '');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    expect(input(el).value).to.equal('first line\nsecond line');
    expect(await ops(id, 'SendMessage')).to.have.length(0);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.length === 1, 'not echoed');
    expect(el.messages[0]!.text).to.equal('first line\nsecond line');
  });

  it('does not send an empty or whitespace-only message', async () => {
    const { el, id } = await chatting();
    await typeAndPress(el, '', 'Enter');
    await typeAndPress(el, '   ', 'Enter');
    part(el, 'send-button')!.click();
    await el.updateComplete;
    expect(el.pendingMessages).to.deep.equal([]);
    expect(await ops(id, 'SendMessage')).to.have.length(0);
    await el.send('  ').then(
      () => expect.fail('send() accepted whitespace'),
      (e: Error & { reason: string }) => expect(e.reason).to.equal('empty'),
    );
  });

  it('refuses a too-long message with a clear note and keeps the draft', async () => {
    const { el, id } = await chatting({ maxLength: 10 });
    await typeAndPress(el, 'this is far too long', 'Enter');
    await el.updateComplete;
    expect(input(el).value).to.equal('this is far too long');
    expect(partText(el, 'composer')).to.equal('Send End chat');
    const note = el.shadowRoot!.querySelector('#composer-note')!;
    expect(note.textContent).to.equal('The message is too long: 20 characters, at most 10.');
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(input(el).getAttribute('aria-describedby')).to.equal('composer-note');
    expect(await ops(id, 'SendMessage')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('marks a refused message as failed with a retry that sends it once', async () => {
    const { el, id } = await chatting();
    const errors = record(el, 'gws-error');
    await rest('failNext', 'SendMessage', { id, statusCode: 5, statusMessage: 'Agent unavailable' });
    await typeAndPress(el, 'Please help', 'Enter');
    await waitFor(() => el.pendingMessages[0]?.status === 'failed', 'not marked failed');
    await el.updateComplete;
    const failed = part(el, 'message-failed')!;
    expect(failed.textContent).to.contain('Not sent.');
    // Said in the element's language; the server's own words go to developers, in gws-error.
    expect(failed.textContent).to.contain('The server did not accept it.');
    expect(failed.textContent).not.to.contain('Agent unavailable');
    expect(errors.map((e) => [e.detail.kind, e.detail.message])).to.deep.equal([['server', 'Agent unavailable']]);
    await expect(el).to.be.accessible();
    part(el, 'retry-button')!.click();
    await waitFor(() => el.messages.length === 1 && el.pendingMessages.length === 0, 'retry not echoed');
    expect(el.messages[0]!.text).to.equal('Please help');
    expect((await ops(id, 'SendMessage')).map((r) => r.body['text'])).to.deep.equal(['Please help', 'Please help']);
    expect(parts(el, 'message-own')).to.have.length(1);
  });

  it('retries by itself, with a countdown, when the server answers a 5xx', async () => {
    const { el, id } = await chatting();
    const errors = record(el, 'gws-error');
    await rest('failNext', 'SendMessage', { id, status: 503, statusCode: 503, statusMessage: 'Busy' });
    const sending = el.send('hello?');
    await waitFor(() => el.pendingMessages[0]?.status === 'failed', 'not marked failed');
    expect(el.pendingMessages[0]!.delivery).to.include({ state: 'retrying', reason: 'server' }).and.have.property('at').that.is.a('number');
    await el.updateComplete;
    expect(part(el, 'message-failed')!.textContent).to.match(/Not sent\. The server did not accept it\. Next try in \d+ s\./);
    await sending;
    await waitFor(() => el.messages.length === 1 && el.pendingMessages.length === 0, 'not delivered after the retry');
    expect((await ops(id, 'SendMessage')).map((r) => r.body['text'])).to.deep.equal(['hello?', 'hello?']);
    expect(errors.map((e) => e.detail.message)).to.deep.equal(['The server answered 503: Busy.']);
  });

  it('settles the original send() when the customer retries during an automatic retry', async () => {
    const { el, id } = await chatting();
    await rest('failNext', 'SendMessage', { id, status: 503, statusCode: 503, statusMessage: 'Busy' });
    const sending = el.send('patience');
    await waitFor(() => el.pendingMessages[0]?.delivery.state === 'retrying', 'no automatic retry scheduled');
    await el.updateComplete;
    part(el, 'retry-button')!.click();
    await sending;
    await waitFor(() => el.messages.length === 1 && el.pendingMessages.length === 0);
  });

  it('rejects send() for a refusal, and keeps the message with its retry button', async () => {
    const { el, id } = await chatting();
    await rest('failNext', 'SendMessage', { id, status: 400, statusCode: 400, statusMessage: 'Bad request' });
    const error = await el.send('hello?').then(() => null, (e: Error) => e);
    expect(error?.message).to.equal('The server answered 400: Bad request.');
    expect(el.pendingMessages.map((p) => [p.text, p.status, p.delivery])).to.deep.equal([
      ['hello?', 'failed', { state: 'failed', reason: 'server', error: 'The server answered 400: Bad request.' }],
    ]);
  });

  it('lets the page veto or rewrite a message through gws-before-send', async () => {
    const { el, id } = await chatting();
    const veto = (e: CustomEvent<{ text: string }>) => e.preventDefault();
    el.addEventListener('gws-before-send', veto);
    await typeAndPress(el, 'secret 4111-1111', 'Enter');
    await el.updateComplete;
    expect(input(el).value).to.equal('secret 4111-1111');
    expect(el.pendingMessages).to.deep.equal([]);
    el.removeEventListener('gws-before-send', veto);
    el.addEventListener('gws-before-send', (e) => {
      e.detail.text = e.detail.text.replace(/\d{4}-\d{4}/, '****');
    });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.length === 1, 'rewritten message not echoed');
    expect(el.messages[0]!.text).to.equal('secret ****');
    expect((await ops(id, 'SendMessage')).map((r) => r.body['text'])).to.deep.equal(['secret ****']);
  });
});

describe('typing notifications', () => {
  it('sends one start for a burst of keystrokes and a stop on send', async () => {
    const { el, id } = await chatting();
    await typeAndPress(el, 'typing quickly here', '');
    await waitFor(async () => (await ops(id, 'SendStartTypingNotification')).length === 1);
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => (await ops(id, 'SendStopTypingNotification')).length === 1, 'no stop on send');
    const names = (await ops(id)).map((r) => r.operationName).filter((n) => n !== undefined);
    expect(names.filter((n) => n === 'SendStartTypingNotification')).to.have.length(1);
    expect(names.indexOf('SendStopTypingNotification')).to.be.lessThan(names.indexOf('SendMessage'));
  });

  it('sends none when the capability is missing', async () => {
    const { el, id } = await chatting({ capabilities: ['SendMessage', 'Complete'] });
    await typeAndPress(el, 'no typing please', 'Enter');
    await waitFor(() => el.messages.length === 1);
    expect((await ops(id)).map((r) => r.operationName)).to.deep.equal(['SendMessage']);
  });
});

describe('capabilities', () => {
  it('disables the composer and says why without SendMessage', async () => {
    const { el } = await chatting({ capabilities: ['Complete'] });
    expect(input(el).disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'send-button')!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('#composer-note')!.textContent).to.equal('You cannot send messages right now.');
    await expect(el).to.be.accessible();
  });
});

describe('ending', () => {
  it('asks for confirmation, sends Complete, then shows the chat has ended', async () => {
    const { el, id } = await chatting();
    part(el, 'end-button')!.click();
    await el.updateComplete;
    expect(partText(el, 'confirm')).to.contain('End this chat?');
    await waitFor(() => el.shadowRoot!.activeElement === part(el, 'confirm-button'), 'focus not on the confirm button');
    await expect(el).to.be.accessible();
    part(el, 'confirm-button')!.click();
    await waitFor(() => el.ended, 'never ended');
    await el.updateComplete;
    expect((await ops(id)).map((r) => r.operationName)).to.deep.equal(['Complete']);
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    expect(input(el).disabled).to.equal(true);
    expect(part(el, 'end-button')).to.equal(null);
    expect(part(el, 'confirm')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps chatting when the confirmation is dismissed with Escape', async () => {
    const { el, id } = await chatting();
    part(el, 'end-button')!.click();
    await waitFor(() => el.shadowRoot!.activeElement === part(el, 'confirm-button'));
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'confirm')).to.equal(null);
    expect(await ops(id)).to.deep.equal([]);
    expect(el.ended).to.equal(false);
  });

  it('treats the last agent leaving, with sending withdrawn, as the end', async () => {
    const { el, id } = await chatting();
    await agent(id, 'join');
    await waitFor(() => el.participants.length === 2);
    await agent(id, 'leave');
    await waitFor(() => el.participants.length === 1);
    expect(el.ended).to.equal(false);
    await agent(id, 'capabilities', { capabilities: [] });
    await waitFor(() => el.ended, 'not ended after the last agent left');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('This chat has ended.');
  });
});

describe('starting a chat', () => {
  it('offers a start button, requests the chat, follows it, and says it waits for an agent', async () => {
    // A name no other test file uses: they share this simulator.
    const nick = `Ann ${Math.random().toString(36).slice(2, 7)}`;
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} nickname=${nick} subject="Order 1042"></gws-chat>`);
    const started = record(el, 'gws-chat-started');
    expect(part(el, 'start-button')!.textContent!.trim()).to.equal('Start chat');
    await expect(el).to.be.accessible();
    part(el, 'start-button')!.click();
    await waitFor(() => el.interactionId !== '', 'no interaction id');
    const id = el.interactionId;
    expect(started.map((e) => e.detail.interactionId)).to.deep.equal([id]);
    await waitFor(() => el.state === 'WaitingForAgent', 'waiting state not shown');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('Waiting for an agent…');
    await waitFor(() => el.messages.some((m) => m.type === 'ParticipantJoined' && m.from?.nickname === nick));
    const request = (await received()).find((r) => r.operationName === 'RequestChat' && r.body['nickname'] === nick)!;
    expect(request.body).to.deep.equal({ operationName: 'RequestChat', nickname: nick, subject: 'Order 1042' });
    await agent(id, 'join');
    await agent(id, 'say', { text: 'Hi Ann' });
    await waitFor(() => el.messages.some((m) => m.text === 'Hi Ann'));
    expect(el.state).to.equal('Chatting');
    expect(part(el, 'start-button')).to.equal(null);
    expect(input(el).disabled).to.equal(false);
  });

  it('startChat() works when called right after the element is added, before it rendered', async () => {
    const el = document.createElement('gws-chat');
    el.url = NOTIFICATIONS_URL;
    document.body.append(el);
    try {
      const id = await el.startChat({ nickname: 'Early' });
      expect(el.interactionId).to.equal(id);
      await waitFor(() => el.state === 'WaitingForAgent', 'the new chat\'s state never arrived');
      expect(el.capabilities).to.include('SendMessage');
    } finally {
      el.remove();
    }
  });

  it('startChat() takes user data and resolves with the new id', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} no-composer></gws-chat>`);
    const id = await el.startChat({ nickname: 'Bo', userData: { orderId: '1042' } });
    expect(el.interactionId).to.equal(id);
    const request = (await received()).find((r) => r.operationName === 'RequestChat' && r.body['nickname'] === 'Bo')!;
    expect(request.body['userData']).to.deep.equal({ orderId: '1042' });
    await waitFor(() => el.state === 'WaitingForAgent', 'no waiting state', { timeout: 5000 });
    expect(el.userData).to.deep.equal({ orderId: '1042' });
    expect(part(el, 'composer')).to.equal(null);
    await el.startChat().then(() => expect.fail('started a second chat'), (e: Error & { reason: string }) => expect(e.reason).to.equal('busy'));
  });
});

describe('real deployments', () => {
  it('sends the ContactCenterId header and credentials', async () => {
    const { el, id } = await chatting({ contactCenterId: 'tenant-42' });
    await el.send('hi');
    expect((await ops(id, 'SendMessage'))[0]!.contactCenterId).to.equal('tenant-42');
  });

  it('fetches a new CSRF token once on a 403 and retries', async () => {
    const { el, id } = await chatting();
    await rest('setCsrf', { enforced: true, rotate: true });
    try {
      await el.send('behind CSRF');
      const attempts = await ops(id, 'SendMessage');
      expect(attempts).to.have.length(2);
      expect(attempts[0]!.csrf).to.not.equal(attempts[1]!.csrf);
      await el.send('token remembered');
      expect(await ops(id, 'SendMessage')).to.have.length(3);
      await waitFor(() => el.messages.length === 2);
    } finally {
      await rest('setCsrf', { enforced: false });
    }
  });
});

describe('<gws-facebook-session> composer', () => {
  it('sends SendMessage and Complete to the session\'s own resource', async () => {
    const id = await rest<string>('create', 'facebooksession', { origin: location.origin, state: 'Chatting' });
    const el = await fixture<GwsFacebookSession>(html`<gws-facebook-session url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-facebook-session>`);
    await connected(el);
    await rest('publishState', id);
    await waitFor(() => el.capabilities.includes('SendMessage'));
    await el.updateComplete;
    expect(part(el, 'start-button')).to.equal(null);
    await typeAndPress(el, 'Hi on Messenger', 'Enter');
    await waitFor(() => el.messages.length === 1, 'not echoed');
    await el.endChat();
    await waitFor(() => el.ended);
    const operations = await ops(id);
    expect(operations.map((r) => [r.path, r.operationName])).to.deep.include.members([
      [`/me/facebooksessions/${id}`, 'SendMessage'],
      [`/me/facebooksessions/${id}`, 'Complete'],
    ]);
  });
});
