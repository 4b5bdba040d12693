// Hostile tests of what a customer and a host page see through the ELEMENTS: UI states and
// controls across faults, the host API, hostile stored data, and accessibility in the
// error / failed / ended states. Each `it` asserts a promise of the README (or what a
// customer must expect); a failing test is a defect found. They use the hostile simulator
// (/gws8) only: no other test file takes it down.
import { expect, fixture, fixtureCleanup, html, nextFrame } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import type { GwsInteractionElement } from '../../src/elements/gws-interaction-element.js';
import { outboxKey, sessionKey, transcriptKey } from '../../src/session/storage.js';
import { canShareTabs } from '../../src/transport/tab-connection.js';
import { outage, partText, plain, recover, restOn, waitFor } from '../support/gws.js';
import { active, input, part, parts } from '../support/parts.js';
import { holdsFor, neverWithin, pace } from '../support/time.js';

const BASE = '/gws8/api/v2';
const URL6 = `${BASE}/notifications`;
const TOPIC = '/v2/me/chats';
const rest6 = <T = unknown>(method: string, ...args: unknown[]) => restOn<T>(BASE, method, ...args);
const agent6 = (id: string, action: string, o: Record<string, unknown> = {}) => rest6('agent', id, action, o);
const publish6 = (data: unknown) => executeServerCommand('gws-publish', { topic: TOPIC, data, basePath: BASE });

interface Received { path: string; operationName: string; body: Record<string, unknown>; contactCenterId: string | null }
const ops = async (id?: string, name?: string) =>
  (await rest6<Received[]>('received', id)).filter((r) => !name || r.operationName === name);
const requestChats = async (nickname: string) =>
  (await ops(undefined, 'RequestChat')).filter((r) => r.body['nickname'] === nickname);
const readsOf = async (id: string) =>
  (await rest6<{ path: string }[]>('reads')).filter((r) => r.path.endsWith(`/${id}/messages`));

const errorNotice = (el: GwsInteractionElement) => part(el, 'error');
const uniqueNick = (p: string) => `${p}${Math.random().toString(36).slice(2, 8)}`;

async function chat(state = 'Chatting'): Promise<string> {
  return rest6<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state });
}

/** A chatting customer: the element follows a fresh chat whose state and first catch-up it has. */
async function chatting(attrs: { maxLength?: number; id?: string } = {}): Promise<{ el: GwsChat; id: string }> {
  const id = attrs.id ?? await chat();
  const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} interaction-id=${id} max-length=${attrs.maxLength ?? 4096}></gws-chat>`);
  await waitFor(() => el.connectionState === 'connected', `never connected (${el.connectionState})`, { timeout: 15_000 });
  await rest6('publishState', id);
  await waitFor(() => el.capabilities.includes('SendMessage'), 'no capabilities', { timeout: 10_000 });
  await waitFor(() => el.session.catchUpStatus.kind === 'idle', 'first catch-up not done', { timeout: 10_000 });
  await el.updateComplete;
  return { el, id };
}

/** Clicks like a person: real mouse events at the centre of the element. */
async function mouseClick(target: HTMLElement): Promise<void> {
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** Uncaught errors and unhandled rejections of the page while a test runs. */
const pageErrors: string[] = [];
const onError = (e: ErrorEvent) => pageErrors.push(`error: ${e.message}`);
const onRejection = (e: PromiseRejectionEvent) => pageErrors.push(`unhandled rejection: ${String(e.reason?.stack ?? e.reason)}`);

const nativeFocus = HTMLElement.prototype.focus;
const nativeSetItem = Storage.prototype.setItem;
const nativeGetItem = Storage.prototype.getItem;

beforeEach(() => {
  pageErrors.length = 0;
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(async () => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  Storage.prototype.setItem = nativeSetItem;
  Storage.prototype.getItem = nativeGetItem;
  HTMLElement.prototype.focus = nativeFocus;
  await recover(BASE);
  await resetMouse();
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
  // Page locks a test held for "live pages": let go only once nothing of the test is left.
  for (const release of heldLocks.splice(0)) release();
});

// ---------------------------------------------------------------------------- start chat

describe('hostile elements: starting a chat', function () {
  this.timeout(60_000);

  it('keyboard only: Enter on Start chat starts it and the focus lands in the usable message input', async () => {
    const nick = uniqueNick('Kim');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    // Evidence: what the element tries to focus, and whether it could take the focus then.
    const tried: string[] = [];
    HTMLElement.prototype.focus = function (this: HTMLElement, o?: FocusOptions) {
      if (this.getRootNode() === el.shadowRoot) tried.push(`${this.getAttribute('part')}${(this as HTMLTextAreaElement).disabled ? ' (disabled)' : ''}`);
      return nativeFocus.call(this, o);
    };
    part(el, 'start-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.interactionId !== '', 'no chat started', { timeout: 15_000 });
    await waitFor(() => el.state !== null && !part<HTMLTextAreaElement>(el, 'input')?.disabled, 'the composer never became usable', { timeout: 10_000 });
    await el.updateComplete;
    // The customer pressed Start chat: they can type straight away, without hunting for the input.
    await waitFor(() => active(el) === input(el),
      `focus is on ${active(el)?.getAttribute('part') ?? document.activeElement?.tagName ?? 'nothing'}, not the input (focus calls: ${tried.join(', ')})`,
      { timeout: 2000 });
  });

  it('keyboard only: Enter sends, Shift+Enter breaks the line, End chat → Escape keeps chatting, End chat → Enter ends; focus follows', async () => {
    const { el, id } = await chatting();
    input(el).focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.length === 1, 'not echoed');
    expect(el.messages[0]!.text).to.equal('line one\nline two');
    expect(active(el)).to.equal(input(el));
    // Tab: send button, then End chat.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('part')).to.equal('end-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => active(el) === part(el, 'confirm-button'), 'focus not moved to the confirmation');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(part(el, 'confirm')).to.equal(null);
    await waitFor(() => active(el) === part(el, 'end-button'), 'focus not back on End chat after Escape');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => active(el) === part(el, 'confirm-button'), 'focus not moved to the confirmation (2)');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.ended, 'never ended');
    await waitFor(() => active(el) === part(el, 'log'), `focus on ${active(el)?.getAttribute('part')} after ending, not the log`);
    expect((await ops(id)).map((r) => r.operationName).filter((n) => n === 'Complete')).to.have.length(1);
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    await expect(el).to.be.accessible();
  });

  it('a real double click on Start chat requests one chat and shows no error', async () => {
    const nick = uniqueNick('Dbl');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    const button = part(el, 'start-button')!;
    await mouseClick(button);
    await mouseClick(button);
    await waitFor(() => el.interactionId !== '', 'no chat started', { timeout: 15_000 });
    await holdsFor(500, async () => errorNotice(el) === null && (await requestChats(nick)).length === 1,
      () => `error notice: ${partText(el, 'error')}`, { interval: 100 });
    await el.updateComplete;
    expect(await requestChats(nick)).to.have.length(1);
    expect(errorNotice(el), `error notice: ${partText(el, 'error')}`).to.equal(null);
  });

  it('RequestChat failing with 503 three times: a notice, Start chat usable again, and the next click starts one chat', async () => {
    const nick = uniqueNick('Busy');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    await rest6('failNext', 'RequestChat', { status: 503, statusCode: 503, statusMessage: 'Service Unavailable' }, 3);
    part(el, 'start-button')!.click();
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'start-button')!.disabled, 'start button disabled while starting').to.equal(true);
    await waitFor(() => errorNotice(el) !== null, 'no notice of the failed start', { timeout: 30_000 });
    await el.updateComplete;
    expect(partText(el, 'error')).to.contain('The chat could not be started. Please try again.');
    const button = part<HTMLButtonElement>(el, 'start-button')!;
    expect(button.disabled).to.equal(false);
    expect(plain(button.textContent)).to.equal('Start chat');
    expect(partText(el, 'status')).to.not.contain('Starting');
    expect(el.session.busy).to.equal(null);
    await expect(el).to.be.accessible();
    // Dismiss with the keyboard.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(errorNotice(el)).to.equal(null);
    part(el, 'start-button')!.click();
    await waitFor(() => el.interactionId !== '', 'second start failed', { timeout: 15_000 });
    expect(await requestChats(nick)).to.have.length(4);
    const created = el.interactionId;
    await waitFor(() => el.state === 'WaitingForAgent', 'new chat state never arrived', { timeout: 10_000 });
    expect(el.interactionId).to.equal(created);
  });

  it('RequestChat answered 429 with Retry-After: retried by itself, one chat, no error shown', async () => {
    const nick = uniqueNick('Slow');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    const errors: CustomEvent[] = [];
    el.addEventListener('gws-error', (e) => errors.push(e as CustomEvent));
    await rest6('failNext', 'RequestChat', { status: 429, statusCode: 429, statusMessage: 'Too Many Requests', retryAfter: 1 });
    part(el, 'start-button')!.click();
    await waitFor(() => el.interactionId !== '', 'never started', { timeout: 20_000 });
    await el.updateComplete;
    expect(await requestChats(nick)).to.have.length(2);
    expect(errorNotice(el)).to.equal(null);
    expect(errors.map((e) => e.detail.message)).to.deep.equal([]);
  });

  it('RequestChat that hangs: "Starting…" ends at the deadline, the start is not repeated behind the customer\'s back', async () => {
    const nick = uniqueNick('Hang');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    el.session.configure({ requestTimeout: 2000 });
    await rest6('failNext', 'RequestChat', { hang: true });
    part(el, 'start-button')!.click();
    await waitFor(async () => (await requestChats(nick)).length === 1, 'RequestChat never sent', { timeout: 15_000 });
    await el.updateComplete;
    expect(plain(part(el, 'start-button')!.textContent)).to.equal('Starting…');
    await waitFor(() => errorNotice(el) !== null, 'no notice after the deadline', { timeout: 10_000 });
    await el.updateComplete;
    expect(plain(part(el, 'start-button')!.textContent)).to.equal('Start chat');
    expect(el.session.status.kind).to.equal('idle');
    await neverWithin(1500, async () => (await requestChats(nick)).length > 1, 'RequestChat sent again', { interval: 200 });
    expect(await requestChats(nick)).to.have.length(1);
  });

  it('after a chat ended, clearing interaction-id offers Start chat again, and a new chat starts clean', async () => {
    const nick = uniqueNick('Again');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    part(el, 'start-button')!.click();
    await waitFor(() => el.interactionId !== '', 'no chat', { timeout: 15_000 });
    const first = el.interactionId;
    await agent6(first, 'join');
    await agent6(first, 'say', { text: 'from the first chat' });
    await waitFor(() => el.messages.some((m) => m.text === 'from the first chat'));
    await agent6(first, 'complete');
    await waitFor(() => el.ended, 'never ended');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    await expect(el).to.be.accessible();
    // The host lets the customer start over.
    el.interactionId = '';
    await el.updateComplete;
    const start = part(el, 'start-button');
    expect(start, 'no Start chat after clearing an ended chat').to.not.equal(null);
    start!.click();
    await waitFor(() => el.interactionId !== '' && el.interactionId !== first, 'no second chat', { timeout: 15_000 });
    await waitFor(() => el.state === 'WaitingForAgent', 'second chat state never arrived', { timeout: 10_000 });
    await el.updateComplete;
    expect(el.messages.map((m) => m.text)).to.not.include('from the first chat');
    expect(el.ended).to.equal(false);
    expect(partText(el, 'status')).to.equal('Waiting for an agent…');
    expect(input(el).disabled).to.equal(false);
  });

  it('the element moved in the page (remove + re-add) while Start chat is connecting: the chat still starts', async () => {
    const nick = uniqueNick('Move');
    // Its own endpoint URL (same server): no connection is up yet when the start begins.
    const el = await fixture<GwsChat>(html`<gws-chat url=${`${URL6}?move=${nick}`} nickname=${nick}></gws-chat>`);
    expect(el.connectionState).to.equal('disconnected');
    const elsewhere = document.createElement('div');
    el.parentElement!.append(elsewhere);
    const starting = el.startChat();
    // A framework re-orders the page: the same element, moved.
    elsewhere.append(el);
    const outcome = await starting.then((id) => `started ${id}`, (e: Error) => `failed: ${e.message}`);
    expect(outcome).to.match(/^started /);
    await waitFor(() => el.state === 'WaitingForAgent', 'state never arrived', { timeout: 10_000 });
    expect(errorNotice(el)).to.equal(null);
  });

  it('the element removed while RequestChat hangs: startChat() settles, nothing is followed or remembered, nothing is sent later', async () => {
    const nick = uniqueNick('Gone');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    el.session.configure({ requestTimeout: 2000 });
    await rest6('failNext', 'RequestChat', { hang: true });
    let settled = '';
    const starting = el.startChat().then((id) => { settled = `resolved ${id}`; }, (e: Error) => { settled = `rejected ${e.message}`; });
    await waitFor(async () => (await requestChats(nick)).length === 1, 'RequestChat never sent', { timeout: 15_000 });
    el.remove();
    await waitFor(() => settled !== '', 'startChat() never settled after the element was removed', { timeout: 10_000 });
    await starting;
    expect(settled).to.match(/^rejected/);
    expect(el.session.status.kind).to.equal('idle');
    expect([...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('gws-chat:session:'))).to.deep.equal([]);
    await neverWithin(2500, async () => (await requestChats(nick)).length > 1, 'RequestChat sent again', { interval: 200 });
    expect(await requestChats(nick)).to.have.length(1);
  });
});

// ---------------------------------------------------------------------------- faults in the UI

describe('hostile elements: UI states across faults', function () {
  this.timeout(90_000);

  it('a wrong interaction-id (404): said once (one gws-error, one notice), dismissable, never asked or shown again after reconnecting', async () => {
    const id = `NOPE${Date.now().toString(36).toUpperCase()}`;
    const errors: CustomEvent[] = [];
    const el = document.createElement('gws-chat') as GwsChat;
    el.addEventListener('gws-error', (e) => errors.push(e as CustomEvent));
    el.url = URL6;
    el.interactionId = id;
    document.body.append(el);
    try {
      await waitFor(() => errorNotice(el) !== null, 'no notice for the unknown chat', { timeout: 15_000 });
      await el.updateComplete;
      expect(partText(el, 'error')).to.contain('This chat could not be found.');
      expect(parts(el, 'error')).to.have.length(1);
      await expect(el).to.be.accessible();
      expect(errors.filter((e) => e.detail.kind === 'server')).to.have.length(1);
      const readsBefore = (await readsOf(id)).length;
      expect(readsBefore).to.equal(1);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
      await el.updateComplete;
      expect(errorNotice(el)).to.equal(null);
      // A server restart and a reconnection: the element does not ask again, nor say it again.
      await outage(BASE);
      await waitFor(() => el.connectionState === 'reconnecting', 'outage not noticed', { timeout: 20_000 });
      await recover(BASE);
      await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 40_000 });
      await holdsFor(1500, async () => errorNotice(el) === null && errors.filter((e) => e.detail.kind === 'server').length === 1
        && (await readsOf(id)).length === readsBefore, () => `notice: ${partText(el, 'error')}`, { interval: 200 });
      await el.updateComplete;
      expect(errorNotice(el), 'the dismissed notice came back').to.equal(null);
      expect((await readsOf(id)).length).to.equal(readsBefore);
      expect(errors.filter((e) => e.detail.kind === 'server')).to.have.length(1);
    } finally {
      el.remove();
    }
  });

  it('two refused messages: two Retry buttons with distinct accessible names; each retries only its own; Retry during an outage waits, then goes once', async () => {
    const { el, id } = await chatting();
    await rest6('failNext', 'SendMessage', { status: 400, statusCode: 400, statusMessage: 'Refused' }, 2);
    await el.send('first words').catch(() => {});
    await el.send('second words').catch(() => {});
    await waitFor(() => el.pendingMessages.filter((m) => m.status === 'failed').length === 2, 'not both failed');
    await el.updateComplete;
    const buttons = parts(el, 'retry-button') as HTMLButtonElement[];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Retry sending “first words”', 'Retry sending “second words”',
    ]);
    expect(parts(el, 'message-failed').map((n) => plain(n.textContent))).to.deep.equal([
      'You first words Not sent. The server did not accept it. Retry',
      'You second words Not sent. The server did not accept it. Retry',
    ]);
    await expect(el).to.be.accessible();
    // Keyboard: the second one's Retry.
    buttons[1]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.some((m) => m.text === 'second words'), 'second not delivered');
    await el.updateComplete;
    expect(el.pendingMessages.map((m) => [m.text, m.status])).to.deep.equal([['first words', 'failed']]);
    // The first one's Retry during an outage.
    await outage(BASE);
    await waitFor(() => el.connectionState === 'reconnecting', 'outage not noticed', { timeout: 20_000 });
    part(el, 'retry-button')!.click();
    await el.updateComplete;
    expect(el.pendingMessages.map((m) => [m.text, m.status])).to.deep.equal([['first words', 'waiting']]);
    expect(partText(el, 'message-waiting')).to.contain('Waiting to send…');
    await recover(BASE);
    await waitFor(() => el.messages.some((m) => m.text === 'first words') && el.pendingMessages.length === 0,
      'first not delivered after the outage', { timeout: 40_000 });
    const sent = (await ops(id, 'SendMessage')).map((r) => r.body['text']);
    expect(sent.filter((t) => t === 'first words')).to.have.length(2);
    expect(sent.filter((t) => t === 'second words')).to.have.length(2);
    expect(parts(el, 'message-own')).to.have.length(2);
  });

  it('capabilities taken away mid-draft disable the composer and say why, keep the draft, and give it back when allowed again', async () => {
    const { el, id } = await chatting();
    input(el).focus();
    await sendKeys({ type: 'half a thought' });
    await agent6(id, 'capabilities', { capabilities: ['Complete'] });
    await waitFor(() => !el.capabilities.includes('SendMessage'));
    await el.updateComplete;
    expect(input(el).disabled).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'send-button')!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('#composer-note')!.textContent).to.equal('You cannot send messages right now.');
    expect(part(el, 'end-button')).to.not.equal(null);
    expect(input(el).value).to.equal('half a thought');
    await expect(el).to.be.accessible();
    await agent6(id, 'capabilities', { capabilities: ['SendMessage', 'Complete'] });
    await waitFor(() => el.capabilities.includes('SendMessage'));
    await el.updateComplete;
    expect(input(el).disabled).to.equal(false);
    expect(input(el).value).to.equal('half a thought');
    expect(el.shadowRoot!.querySelector('#composer-note')!.textContent).to.equal('');
    input(el).focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.some((m) => m.text === 'half a thought'), 'draft not sent after capabilities came back');
  });

  it('End chat confirmed during an outage: a notice, the confirmation stays usable, not "ending" forever; confirmed again after recovery it ends, without a stale failure notice', async () => {
    const { el, id } = await chatting();
    part(el, 'end-button')!.click();
    await waitFor(() => active(el) === part(el, 'confirm-button'), 'no confirmation');
    await outage(BASE);
    await waitFor(() => el.connectionState === 'reconnecting', 'outage not noticed', { timeout: 20_000 });
    part(el, 'confirm-button')!.click();
    await el.updateComplete;
    expect(part<HTMLButtonElement>(el, 'confirm-button')!.disabled, 'confirm disabled while ending').to.equal(true);
    await waitFor(() => errorNotice(el) !== null, 'no notice of the failed end', { timeout: 40_000 });
    await el.updateComplete;
    expect(el.session.busy).to.equal(null);
    expect(el.ended).to.equal(false);
    expect(part(el, 'confirm'), 'confirmation gone after the failure').to.not.equal(null);
    expect(part<HTMLButtonElement>(el, 'confirm-button')!.disabled).to.equal(false);
    await expect(el).to.be.accessible();
    await recover(BASE);
    await waitFor(() => el.connectionState === 'connected', 'never reconnected', { timeout: 40_000 });
    part(el, 'confirm-button')!.click();
    await waitFor(() => el.ended, 'never ended after recovery', { timeout: 20_000 });
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    expect((await ops(id, 'Complete')).length).to.be.greaterThan(0);
    // The chat did end: a notice that ending failed no longer describes anything.
    expect(errorNotice(el) ? partText(el, 'error') : null, 'a stale "could not end" notice is still shown').to.equal(null);
  });

  it('while reconnecting the banner counts down the seconds left to the next attempt', async () => {
    const { el } = await chatting();
    await outage(BASE);
    // An attempt far enough away whose time does not fall just after a whole second of the
    // wall clock (as most do not): then a countdown ticking on wall-clock seconds shows it.
    await waitFor(() => el.connectionState === 'reconnecting' && el.session.retryAt !== null && el.session.retryAt - Date.now() > 3600
      && (1005 - (el.session.retryAt % 1000)) % 1000 > 400,
      'never a reconnect attempt far enough away', { timeout: 80_000, interval: 50 });
    await el.updateComplete;
    expect(partText(el, 'status')).to.match(/^Connection lost\. Reconnecting…/);
    await expect(el).to.be.accessible();
    // Sample the countdown for 2.5 s: it must say the seconds left (ceil), allowing 200 ms
    // for a render after each whole second is crossed.
    const retryAt = el.session.retryAt!;
    const wrong: string[] = [];
    for (let t = 0; t < 25; t++) {
      const shown = el.shadowRoot!.querySelector('[part="status"] .countdown')?.textContent ?? '';
      const left = retryAt - Date.now();
      const seconds = Math.ceil(left / 1000);
      const sinceCrossed = seconds * 1000 - left;
      if (el.session.retryAt === retryAt && shown !== `Next try in ${seconds} s.` && sinceCrossed > 200) {
        wrong.push(`"${shown}" with ${left} ms left`);
      }
      await pace(100, 'a sample every 100 ms');
    }
    expect(wrong.slice(0, 4).join('; '), `${wrong.length} of 25 samples wrong`).to.equal('');
  });

  it('Reconnect now, pressed from the keyboard, reconnects at once although the scheduled attempt is far away', async () => {
    const { el } = await chatting();
    await outage(BASE);
    await waitFor(() => el.connectionState === 'reconnecting' && el.session.retryAt !== null && el.session.retryAt - Date.now() > 3000,
      'never a reconnect attempt far enough away', { timeout: 60_000, interval: 50 });
    await recover(BASE);
    const scheduled = el.session.retryAt!;
    await el.updateComplete;
    part(el, 'reconnect-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.connectionState === 'connected', 'Reconnect now did not reconnect', { timeout: 20_000 });
    expect(Date.now(), 'reconnected only at the scheduled attempt').to.be.lessThan(scheduled);
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('Reconnected.');
  });

  it('an element added back while the connection waits for a far-away retry (the server is back) connects at once', async () => {
    const { el, id } = await chatting();
    await outage(BASE);
    await waitFor(() => el.connectionState === 'reconnecting' && el.session.retryAt !== null && el.session.retryAt - Date.now() > 4000,
      'never a reconnect attempt far enough away', { timeout: 60_000, interval: 50 });
    await recover(BASE);
    const scheduled = el.session.retryAt!;
    // A framework re-render: the element goes and a new one for the same chat comes a frame later.
    el.remove();
    await nextFrame();
    const again = await fixture<GwsChat>(html`<gws-chat url=${URL6} interaction-id=${id}></gws-chat>`);
    await waitFor(() => again.connectionState === 'connected', `the new element waited (${again.connectionState})`, { timeout: 20_000 });
    expect(Date.now(), 'connected only at the attempt scheduled before the re-mount').to.be.lessThan(scheduled);
  });
});

// ---------------------------------------------------------------------------- host API

const EVENT_TYPES = [
  'gws-message', 'gws-typing', 'gws-state-change', 'gws-participants-change', 'gws-properties-change',
  'gws-capabilities-change', 'gws-connection-change', 'gws-error', 'gws-before-send', 'gws-send', 'gws-chat-started',
] as const;

describe('hostile elements: the host page API', function () {
  this.timeout(90_000);

  it('properties set before and after connection take effect; el.session stays the same object throughout', async () => {
    const id = await chat();
    const el = document.createElement('gws-chat') as GwsChat;
    const session = el.session;
    el.url = URL6;
    el.interactionId = id;
    el.contactCenterId = 'tenant-before';
    el.maxLength = 5;
    el.strings = { send: 'Envoyer' };
    document.body.append(el);
    try {
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 15_000 });
      await rest6('publishState', id);
      await waitFor(() => el.capabilities.includes('SendMessage'));
      await el.updateComplete;
      expect(plain(part(el, 'send-button')!.textContent)).to.equal('Envoyer');
      const tooLong = await el.send('123456').then(() => 'sent', (e: { reason: string }) => e.reason);
      expect(tooLong).to.equal('too-long');
      await el.send('hi');
      expect((await ops(id, 'SendMessage')).map((r) => r.contactCenterId)).to.deep.equal(['tenant-before']);
      // After connection.
      el.contactCenterId = 'tenant-after';
      el.maxLength = 100;
      el.strings = { send: 'Senden', endChat: 'Beenden' };
      await el.updateComplete;
      expect(plain(part(el, 'send-button')!.textContent)).to.equal('Senden');
      expect(plain(part(el, 'end-button')!.textContent)).to.equal('Beenden');
      await el.send('123456');
      expect((await ops(id, 'SendMessage')).map((r) => r.contactCenterId)).to.deep.equal(['tenant-before', 'tenant-after']);
      expect(el.session).to.equal(session);
      // Moved, re-targeted, re-pointed: still the same engine.
      el.remove();
      document.body.append(el);
      el.url = `${URL6}?v=2`;
      await el.updateComplete;
      el.url = URL6;
      el.interactionId = await chat();
      await el.updateComplete;
      expect(el.session).to.equal(session);
      await waitFor(() => el.connectionState === 'connected', 'never reconnected after re-pointing', { timeout: 15_000 });
    } finally {
      el.remove();
    }
  });

  it('interaction-id set to \'\' and back: nothing of the chat shown meanwhile, then the same log as the server, once', async () => {
    const { el, id } = await chatting();
    await agent6(id, 'join');
    await agent6(id, 'say', { text: 'one' });
    await el.send('two');
    await agent6(id, 'say', { text: 'three' });
    await waitFor(() => el.messages.length === 4, `have ${el.messages.length}`);
    el.interactionId = '';
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    expect(part(el, 'message')).to.equal(null);
    expect(part(el, 'start-button')).to.not.equal(null);
    expect(el.session.status.kind).to.equal('idle');
    el.interactionId = id;
    await waitFor(() => el.messages.length >= 4, 'log not read again', { timeout: 15_000 });
    await holdsFor(500, () => el.messages.length === 4, () => `shows ${el.messages.map((m) => m.text || m.type).join(', ')}`);
    await el.updateComplete;
    expect(el.messages.map((m) => m.text || m.type)).to.deep.equal(['ParticipantJoined', 'one', 'two', 'three']);
    expect(parts(el, 'message').length).to.equal(4);
    expect(el.pendingMessages).to.deep.equal([]);
    // The element knew the chat's state and capabilities a moment ago: the customer can still write.
    expect(el.state, 'state forgotten after the round trip').to.equal('Chatting');
    expect(input(el).disabled, 'composer disabled after the round trip').to.equal(false);
  });

  it('url changed while a message is on its way: send() settles, no "Sending…" left behind, nothing sent twice, and the next message goes once', async () => {
    const { el, id } = await chatting();
    await rest6('failNext', 'SendMessage', { hang: true });
    let outcome = '';
    const sending = el.send('in flight').then(() => { outcome = 'resolved'; }, (e: { reason: string }) => { outcome = `rejected ${e.reason}`; });
    await waitFor(async () => (await ops(id, 'SendMessage')).length === 1, 'never sent');
    el.url = `${URL6}?tenant=2`;
    await waitFor(() => outcome !== '', 'send() never settled after the url changed', { timeout: 20_000 });
    await sending;
    await waitFor(() => el.connectionState === 'connected', 'not connected on the new url', { timeout: 15_000 });
    await waitFor(() => el.session.catchUpStatus.kind === 'idle');
    await el.updateComplete;
    expect(parts(el, 'message-sending').map((n) => plain(n.textContent))).to.deep.equal([]);
    await rest6('publishState', id);
    await waitFor(() => el.capabilities.includes('SendMessage'));
    await el.send('after the change');
    await waitFor(() => el.messages.some((m) => m.text === 'after the change'));
    const sentTexts = async () => (await ops(id, 'SendMessage')).map((r) => r.body['text']);
    await neverWithin(1000, async () => {
      const sent = await sentTexts();
      return sent.filter((t) => t === 'in flight').length > 1 || sent.filter((t) => t === 'after the change').length > 1;
    }, 'sent twice', { interval: 200 });
    const sent = await sentTexts();
    expect(sent.filter((t) => t === 'in flight').length).to.be.at.most(1);
    expect(sent.filter((t) => t === 'after the change')).to.have.length(1);
  });

  it('every event is re-dispatched from the element exactly once, bubbling and composed out of a host\'s shadow root', async () => {
    const id = await chat();
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('gws-chat') as GwsChat;
    const atDocument: Record<string, Event[]> = {};
    const atSession: Record<string, number> = {};
    const atElement: Record<string, number> = {};
    const listeners: [string, EventListener][] = [];
    for (const type of EVENT_TYPES) {
      atDocument[type] = [];
      atSession[type] = 0;
      atElement[type] = 0;
      const l = (e: Event) => atDocument[type]!.push(e);
      document.addEventListener(type, l);
      listeners.push([type, l]);
      el.session.addEventListener(type, () => { atSession[type]!++; });
      el.addEventListener(type, () => { atElement[type]!++; });
    }
    try {
      el.url = URL6;
      el.interactionId = id;
      root.append(el);
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 15_000 });
      await rest6('publishState', id);
      await waitFor(() => el.capabilities.includes('SendMessage'));
      await agent6(id, 'join');
      await agent6(id, 'typing');
      await agent6(id, 'say', { text: 'hello' });
      await el.send('hi back');
      await publish6({
        messageType: 'ChatStateChangeMessage', notificationType: 'Error', referenceId: 9, errorMessage: 'Simulated server error',
        chat: { id, uri: `${location.origin}${BASE}/chats/${id}` },
      });
      await waitFor(() => el.session.serverError !== null, 'no server error');
      await waitFor(() => el.messages.some((m) => m.text === 'hi back'));
      const counts = (r: Record<string, number | Event[]>) =>
        Object.fromEntries(EVENT_TYPES.map((t) => [t, typeof r[t] === 'number' ? r[t] : (r[t] as Event[]).length]));
      // Late events too: for half a second, every event the session fires reaches the element and the document.
      const same = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(a) === JSON.stringify(b);
      await holdsFor(500, () => same(counts(atDocument), counts(atSession)) && same(counts(atElement), counts(atSession)),
        () => `session ${JSON.stringify(counts(atSession))}, element ${JSON.stringify(counts(atElement))}, document ${JSON.stringify(counts(atDocument))}`);
      expect(counts(atDocument), 'document vs session').to.deep.equal(counts(atSession));
      expect(counts(atElement), 'element vs session').to.deep.equal(counts(atSession));
      for (const type of ['gws-message', 'gws-state-change', 'gws-connection-change', 'gws-error', 'gws-before-send', 'gws-send', 'gws-typing'] as const) {
        expect(atDocument[type]!.length, `${type} never reached the document`).to.be.greaterThan(0);
      }
      expect(atDocument['gws-send']!.length).to.equal(1);
      expect(atDocument['gws-before-send']!.length).to.equal(1);
      expect(atDocument['gws-message']!.map((e) => (e as CustomEvent).detail.message.text || (e as CustomEvent).detail.message.type))
        .to.deep.equal(['ParticipantJoined', 'hello', 'hi back']);
      for (const e of Object.values(atDocument).flat()) {
        expect(e.bubbles && e.composed, `${e.type} not bubbling+composed`).to.equal(true);
        expect(e.target, `${e.type} target`).to.equal(host);
      }
    } finally {
      for (const [type, l] of listeners) document.removeEventListener(type, l);
      host.remove();
    }
  });

  it('gws-before-send through the element: a veto keeps the draft; a rewrite to nothing/undefined/too long sends nothing', async () => {
    const { el, id } = await chatting({ maxLength: 20 });
    let rewrite: ((e: CustomEvent<{ text: unknown }>) => void) | null = null;
    el.addEventListener('gws-before-send', (e) => rewrite?.(e as CustomEvent<{ text: unknown }>));
    // Veto, from the keyboard.
    rewrite = (e) => e.preventDefault();
    input(el).focus();
    await sendKeys({ type: 'card 4111' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input(el).value).to.equal('card 4111');
    expect(el.pendingMessages).to.deep.equal([]);
    // A redaction that removes everything.
    rewrite = (e) => { e.detail.text = '   '; };
    expect(await el.send('card 4111').then(() => 'sent', (e: { reason: string }) => e.reason)).to.equal('empty');
    // A redaction that goes past max-length.
    rewrite = (e) => { e.detail.text = 'x'.repeat(50); };
    expect(await el.send('card 4111').then(() => 'sent', (e: { reason: string }) => e.reason)).to.equal('too-long');
    // A buggy redaction that returns nothing: the agent must not receive the word "undefined" (or "null").
    rewrite = (e) => { e.detail.text = undefined; };
    await el.send('card 4111').catch(() => {});
    rewrite = (e) => { e.detail.text = null; };
    await el.send('card 4111').catch(() => {});
    rewrite = null;
    await neverWithin(800, async () => (await ops(id, 'SendMessage')).length > 0, 'sent to the agent', { interval: 200 });
    const sent = (await ops(id, 'SendMessage')).map((r) => r.body['text']);
    expect(sent, 'sent to the agent').to.deep.equal([]);
    expect(el.pendingMessages.map((m) => m.text)).to.deep.equal([]);
  });
});

// ---------------------------------------------------------------------------- hostile storage

// Where tabs can share a chat (Web Locks and BroadcastChannel: always in the test Chromium),
// everything gws-chat keeps lives in localStorage (src/session/store.ts).
const SESSION_KEY = () => sessionKey(URL6, 'chat');
const CLOSED_KEY = 'gws-chat:closed-pages';
const WIRE_CUSTOMER = { nickname: 'PersonP', type: 'Customer', participantId: 'C1' };
const WIRE_AGENT = { nickname: 'Marat', type: 'Agent', participantId: 'A1' };

/** One stored unsent message (the owner is in its key: see `ownerKey`). */
function stored(id: string, text: string, extra: Record<string, unknown> = {}) {
  return { id, text, time: Date.now() - 1000, afterIndex: 0, accepted: false, attempted: false, ...extra };
}
/** The outbox key of one delivering session (`<page>/<session>`) of an interaction. */
const ownerKey = (id: string, owner: string) => `${outboxKey(URL6, id)}|${owner}`;
/** Stores the unsent messages of one owner, last written `age` ms ago. */
function storeOutbox(id: string, owner: string, items: unknown[], age = 10_000): void {
  localStorage.setItem(ownerKey(id, owner), JSON.stringify({ v: 3, at: Date.now() - age, items }));
}
/** Remembers `id` as the chat started on URL6, active just now. */
const rememberChatOf = (id: string) => localStorage.setItem(SESSION_KEY(), JSON.stringify({ interactionId: id, at: Date.now() }));
/** A page id nobody holds the lock of: a previous page that is gone (when its record is older than 3 s). */
const gonePage = () => `gone${Math.random().toString(36).slice(2, 10)}`;
/** Page locks held for the test (see `livePage`), let go after the test. */
const heldLocks: (() => void)[] = [];
/** A page of another tab that is alive: holds its page lock until the test is over. */
async function livePage(prefix = 'live'): Promise<string> {
  const page = `${prefix}${Math.random().toString(36).slice(2, 10)}`;
  await new Promise<void>((held) => {
    void navigator.locks.request(`gws-chat:page:${page}`, () => new Promise<void>((release) => {
      heldLocks.push(release);
      held();
    }));
  });
  return page;
}

/** Every request the page makes from now on (URL and body), until `stop()`. */
function watchFetch(): { urls: string[]; stop(): void } {
  const real = window.fetch;
  const urls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(new URL(input instanceof Request ? input.url : String(input), location.href).href);
    return real(input, init);
  };
  return { urls, stop: () => { window.fetch = real; } };
}

describe('hostile elements: hostile stored data', function () {
  this.timeout(90_000);

  before(() => {
    // These tests write where the product keeps its data in the test Chromium.
    expect(canShareTabs(), 'Web Locks and BroadcastChannel available').to.equal(true);
  });

  it('corrupted or hostile values under every gws-chat key: no crash, nothing followed, Start chat works, no prototype polluted', async () => {
    const hostile = [
      '{not json', 'null', '42', '"0000X"', '[]', '[{"interactionId":"0000X"}]', '{"interactionId":12}',
      '{"interactionId":"../../chats/0000X"}', '{"interactionId":"<img src=x onerror=alert(1)>"}',
      `{"interactionId":"${'A'.repeat(200_000)}"}`, '{"__proto__":{"interactionId":"0000X","polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      // A valid id idle for longer than 2 hours: forgotten, not followed.
      `{"interactionId":"0000X","at":${Date.now() - 3 * 60 * 60 * 1000}}`, '{"interactionId":"0000X","at":-1e308}',
    ];
    const gone = gonePage();
    for (const area of [localStorage, sessionStorage]) area.setItem(CLOSED_KEY, '{"__proto__":{"polluted":true},"length":1e9}');
    for (const value of hostile) {
      // Both areas: localStorage is where it lives here, sessionStorage where tabs cannot share.
      for (const area of [localStorage, sessionStorage]) {
        area.setItem(SESSION_KEY(), value);
        area.setItem(transcriptKey(URL6, '0000X'), value);
        area.setItem(outboxKey(URL6, '0000X'), value);
        area.setItem(ownerKey('0000X', `${gone}/s1`), value);
        area.setItem(ownerKey('0000X', gone), value);
      }
      const el = await fixture<GwsChat>(html`<gws-chat url=${URL6}></gws-chat>`);
      await el.updateComplete;
      expect(el.session.status.kind, `followed something with the stored value ${value.slice(0, 60)}`).to.equal('idle');
      expect(el.interactionId).to.equal('');
      expect(part(el, 'start-button'), `no Start chat with ${value.slice(0, 60)}`).to.not.equal(null);
      fixtureCleanup();
    }
    const nick = uniqueNick('Corrupt');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    part(el, 'start-button')!.click();
    await waitFor(() => el.interactionId !== '', 'could not start a chat over corrupted storage', { timeout: 15_000 });
    await waitFor(() => el.state === 'WaitingForAgent', 'no state', { timeout: 10_000 });
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(pageErrors).to.deep.equal([]);
  });

  it('a stored transcript with hidden, hostile and malformed entries: hidden never shown or announced, text inert, no prototype pollution', async () => {
    const id = await chat();
    const hidden = [
      { index: 2, type: 'Text', from: WIRE_AGENT, text: 'SECRET-AGENT-ONLY', visibility: 'Agent', timestampSeconds: 1 },
      { index: 3, type: 'Text', from: WIRE_AGENT, text: 'SECRET-NO-VISIBILITY', timestampSeconds: 1 },
      { index: 4, type: 'Text', from: WIRE_AGENT, text: 'SECRET-LOWERCASE', visibility: 'all', timestampSeconds: 1 },
      JSON.parse('{"index":5,"type":"Text","from":{"nickname":"Marat","type":"Agent","participantId":"A1"},"text":"SECRET-PROTO","__proto__":{"visibility":"All"}}'),
      { index: 6, type: 'TypingStarted', from: WIRE_AGENT, visibility: 'All' },
      // Over the text limit, a text is cut, not dropped (parse tests): cut, it stays hidden.
      { index: 7, type: 'Text', from: WIRE_AGENT, text: 'SECRET-HUGE'.padEnd(70_000, '!'), visibility: 'Agent' },
      { index: -1, type: 'Text', from: WIRE_AGENT, text: 'SECRET-NEGATIVE', visibility: 'All' },
      { index: 1e20, type: 'Text', from: WIRE_AGENT, text: 'SECRET-UNSAFE-INDEX', visibility: 'All' },
      { index: 8, type: 'Text', text: 'SECRET-NO-SENDER', visibility: 'All' },
      { index: 9, type: 'Text', from: WIRE_AGENT, text: { toString: 'SECRET-OBJECT' }, visibility: 'All' },
      null, 'SECRET-STRING', [1, 2],
    ];
    const visible = [
      { index: 1, type: 'Text', from: { nickname: '\u202Eevil\u202C<b>Boss</b>', type: 'Agent', participantId: 'A1' },
        text: '<img src=x onerror="window.__pwned=1">', visibility: 'All', timestampSeconds: 1389261492035 },
      { index: 10, type: 'Text', from: WIRE_CUSTOMER, text: 'javascript:window.__pwned=2', visibility: 'All' },
    ];
    rememberChatOf(id);
    localStorage.setItem(transcriptKey(URL6, id), JSON.stringify({
      resource: {
        state: 'Chatting', capabilities: ['SendMessage', 'Complete'], participants: [WIRE_CUSTOMER, WIRE_AGENT],
        userData: JSON.parse('{"ok":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}'),
      },
      messages: [...visible, ...hidden],
    }));
    const announced: CustomEvent[] = [];
    const el = document.createElement('gws-chat') as GwsChat;
    el.addEventListener('gws-message', (e) => announced.push(e as CustomEvent));
    el.url = URL6;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(el.interactionId).to.equal(id);
      expect(el.messages.map((m) => m.index)).to.deep.equal([1, 10]);
      // The stored user data, without its polluting keys (until the server's state replaces it).
      expect(Object.keys(el.userData)).to.deep.equal(['ok']);
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 15_000 });
      await waitFor(() => el.session.catchUpStatus.kind === 'idle', 'catch-up not done', { timeout: 10_000 });
      await agent6(id, 'say', { text: 'live one' });
      await waitFor(() => el.messages.some((m) => m.text === 'live one'));
      await el.updateComplete;
      const shownText = el.shadowRoot!.textContent ?? '';
      expect(shownText).to.not.contain('SECRET');
      expect(JSON.stringify(el.messages)).to.not.contain('SECRET');
      expect(announced.map((e) => e.detail.message.text)).to.deep.equal(['live one']);
      expect(el.shadowRoot!.querySelector('img, b, script')).to.equal(null);
      expect(el.shadowRoot!.querySelector('a[href^="javascript"]')).to.equal(null);
      expect(el.typingParticipants).to.deep.equal([]);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      expect(pageErrors).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('stored unsent messages that belong to live pages, or are malformed, are never sent', async () => {
    const id = await chat();
    // Another tab's page that is alive (it holds its page lock), written long ago: its messages are its own.
    const live = await livePage();
    storeOutbox(id, `${live}/s1`, [stored('m1', 'NOT-MINE-live-page')]);
    storeOutbox(id, live, [stored('m2', 'NOT-MINE-no-slash')]);
    // The old single-key layout, written by an older version in a live tab: not this page's to send.
    localStorage.setItem(outboxKey(URL6, id), JSON.stringify({
      v: 2, items: [{ ...stored('m3', 'NOT-MINE-old-layout'), owner: `${live}/s1` }],
    }));
    // A previous page that is gone: only its well-formed message is taken over.
    const gone = gonePage();
    storeOutbox(id, `${gone}/s1`, [
      { ...stored('m4', 'BAD-time'), time: 'yesterday' },
      { ...stored('m5', 'BAD-accepted'), accepted: 'no' },
      { ...stored('m6', 'BAD-id'), id: 5 },
      { ...stored('m7', 'BAD-refused'), refused: 0 },
      { text: 'BAD-partial' },
      null, 'BAD-string', 7, [],
      stored('m8', 'taken over from the closed page'),
    ]);
    // Malformed records of gone pages.
    const gone2 = gonePage();
    localStorage.setItem(ownerKey(id, `${gone2}/a`), '{not json BAD-json');
    localStorage.setItem(ownerKey(id, `${gone2}/b`), JSON.stringify({ v: 3, at: 0, items: 'BAD-items' }));
    localStorage.setItem(ownerKey(id, `${gone2}/c`), JSON.stringify({ v: 3, at: 0, items: { 0: stored('m9', 'BAD-array-like'), length: 1 } }));
    localStorage.setItem(ownerKey(id, `${gone2}/d`), JSON.stringify([stored('m10', 'BAD-bare-array')]));
    localStorage.setItem(ownerKey(id, `${gone2}/e`), JSON.stringify({
      v: 3, at: 0, takenBy: `${live}/s1`, ids: ['m1', 'm2'], items: [stored('m11', 'BAD-tombstone')],
    }));
    const { el } = await chatting({ id });
    const sentTexts = async () => (await ops(el.interactionId, 'SendMessage')).map((r) => r.body['text']);
    // The gone page's message is taken over (asynchronously, under a lock) and sent: then
    // nothing else is, for a while.
    await waitFor(async () => el.pendingMessages.length === 0 && (await sentTexts()).length > 0,
      `nothing sent, or still pending: ${el.pendingMessages.map((m) => m.text)}`, { timeout: 15_000 });
    await holdsFor(1500, async () => JSON.stringify(await sentTexts()) === JSON.stringify(['taken over from the closed page'])
      && !/NOT-MINE|BAD-/.test(el.shadowRoot!.textContent ?? ''), 'sent or showed what was not this page\'s to send', { interval: 200 });
    const sent = (await ops(el.interactionId, 'SendMessage')).map((r) => r.body['text']);
    expect(sent).to.deep.equal(['taken over from the closed page']);
    expect((el.shadowRoot!.textContent ?? '')).to.not.match(/NOT-MINE|BAD-/);
    // The live tab still has its messages to deliver.
    expect([ownerKey(id, `${live}/s1`), ownerKey(id, live)].map((k) => localStorage.getItem(k) ?? 'gone').join(' '))
      .to.match(/NOT-MINE-live-page.* .*NOT-MINE-no-slash/);
    expect(pageErrors).to.deep.equal([]);
  });

  it('taken-over stored messages are checked like a draft: empty or over max-length ones are not sent', async () => {
    const id = await chat();
    storeOutbox(id, `${gonePage()}/s1`, [
      stored('e1', ''),
      stored('e2', ' \n\t '),
      stored('e3', 'L'.repeat(200)),
      stored('e4', 'fine'),
    ]);
    const { el } = await chatting({ maxLength: 100, id });
    await waitFor(() => el.messages.some((m) => m.text === 'fine'), 'the valid one never went', { timeout: 15_000 });
    await neverWithin(1500, async () => (await ops(el.interactionId, 'SendMessage')).length > 1, 'more than "fine" sent', { interval: 200 });
    const sent = (await ops(el.interactionId, 'SendMessage')).map((r) => String(r.body['text']));
    expect(sent.map((t) => (t.length > 20 ? `${t.slice(0, 5)}…(${t.length} chars)` : JSON.stringify(t))).join(', ')).to.equal('"fine"');
    expect(el.pendingMessages.map((m) => m.text)).to.deep.equal([]);
  });

  it('a taken-over message stored as accepted with an absurd time does not stay "Sending…" forever', async () => {
    const id = await chat();
    storeOutbox(id, `${gonePage()}/s1`, [stored('f1', 'accepted long ago', { accepted: true, time: 8.64e15 })]);
    // Evidence that it was taken over: it is shown at some point (the first catch-up may
    // already tell it is not in the log).
    const el = document.createElement('gws-chat') as GwsChat;
    const shown = new Set<string>();
    el.session.addEventListener('change', () => { for (const m of el.pendingMessages) shown.add(m.text); });
    el.url = URL6;
    el.interactionId = id;
    document.body.append(el);
    try {
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 15_000 });
      await rest6('publishState', id);
      await waitFor(() => el.session.catchUpStatus.kind === 'idle' && shown.has('accepted long ago'),
        'never taken over from the gone page', { timeout: 10_000 });
      // The catch-up shows the server's log does not have it: it is not "on its way" any more.
      await agent6(id, 'say', { text: 'a later message' });
      await waitFor(() => el.messages.length === 1);
      el.session.reconnectNow();
      await waitFor(() => parts(el, 'message-sending').length === 0, 'still shown as sending 3 s after Reconnect now', { timeout: 3000 });
      await el.updateComplete;
      expect(parts(el, 'message-sending').map((n) => plain(n.textContent)), 'still shown as sending').to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('huge stored lists (closed pages, other pages\' messages) do not freeze the page', async () => {
    const id = await chat();
    const closed = Array.from({ length: 150_000 }, (_, i) => `p${i.toString(36).padStart(8, '0')}`);
    sessionStorage.setItem(CLOSED_KEY, JSON.stringify(closed));
    // 1,500 live pages of other tabs, each with a message of its own.
    const pages = await Promise.all(Array.from({ length: 1_500 }, () => livePage()));
    pages.forEach((page, i) => storeOutbox(id, `${page}/s`, [stored(`h${i}`, `other page ${i}`)]));
    let last = performance.now();
    let worst = 0;
    const beat = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 20);
    try {
      const began = performance.now();
      const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} interaction-id=${id}></gws-chat>`);
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 30_000 });
      await rest6('publishState', id);
      await waitFor(() => el.capabilities.includes('SendMessage'), 'no state', { timeout: 30_000 });
      await el.send('still usable');
      const took = performance.now() - began;
      // The next heartbeat measures a stall that may still be going on.
      const lastBeat = last;
      await waitFor(() => last > lastBeat, 'no heartbeat');
      expect({ worstStallMs: Math.round(worst) > 2000 ? Math.round(worst) : 'ok', tookMs: took > 15_000 ? Math.round(took) : 'ok' })
        .to.deep.equal({ worstStallMs: 'ok', tookMs: 'ok' });
      expect((await ops(id, 'SendMessage')).map((r) => r.body['text'])).to.deep.equal(['still usable']);
    } finally {
      clearInterval(beat);
    }
  });

  it('a stored resource URI on another origin does not send the customer\'s words (or any request) there', async () => {
    const id = await chat();
    rememberChatOf(id);
    localStorage.setItem(transcriptKey(URL6, id), JSON.stringify({
      resource: { uri: `https://collector.invalid/steal/${id}`, state: 'Chatting', capabilities: ['SendMessage', 'Complete'], participants: [WIRE_CUSTOMER] },
      messages: [],
    }));
    const watch = watchFetch();
    try {
      const el = await fixture<GwsChat>(html`<gws-chat url=${URL6}></gws-chat>`);
      expect(el.interactionId).to.equal(id);
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 15_000 });
      // Not awaited: where it goes is the question.
      el.send('my card number').catch(() => {});
      const foreign = () => watch.urls.filter((u) => new URL(u).origin !== location.origin);
      await neverWithin(2000, () => foreign().length > 0, () => `requests elsewhere: ${foreign().join(' | ')}`);
      expect(foreign().join(' | ')).to.equal('');
      // It went to the chat on the element's own server.
      await waitFor(async () => (await ops(id, 'SendMessage')).some((r) => r.body['text'] === 'my card number'),
        'not sent to the element\'s server', { timeout: 10_000 });
    } finally {
      watch.stop();
    }
  });

  it('a stored transcript of a chat that already ended is not resumed: Start chat is offered', async () => {
    const id = await chat();
    rememberChatOf(id);
    localStorage.setItem(transcriptKey(URL6, id), JSON.stringify({
      resource: { state: 'Completed', capabilities: [], participants: [WIRE_CUSTOMER] },
      messages: [{ index: 1, type: 'Text', from: WIRE_AGENT, text: 'bye', visibility: 'All' }],
    }));
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6}></gws-chat>`);
    await holdsFor(500, () => el.session.status.kind === 'idle' && part(el, 'start-button') !== null,
      () => `status ${el.session.status.kind}, Start chat ${part(el, 'start-button') ? 'shown' : 'not shown'}`);
    await el.updateComplete;
    expect({ status: el.session.status.kind, start: part(el, 'start-button') !== null })
      .to.deep.equal({ status: 'idle', start: true });
    // Forgotten: the next page load offers Start chat too.
    expect(localStorage.getItem(SESSION_KEY())).to.equal(null);
  });

  it('storage that throws QuotaExceededError on every write: start, send, receive and end all work; no uncaught error', async () => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const nick = uniqueNick('Full');
    const el = await fixture<GwsChat>(html`<gws-chat url=${URL6} nickname=${nick}></gws-chat>`);
    part(el, 'start-button')!.click();
    await waitFor(() => el.interactionId !== '', 'could not start with full storage', { timeout: 15_000 });
    const id = el.interactionId;
    await waitFor(() => el.state === 'WaitingForAgent' && !part<HTMLTextAreaElement>(el, 'input')?.disabled, 'no usable composer', { timeout: 10_000 });
    await agent6(id, 'join');
    await agent6(id, 'say', { text: 'hello full storage' });
    input(el).focus();
    await sendKeys({ type: 'hi agent' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.messages.some((m) => m.text === 'hi agent') && el.messages.some((m) => m.text === 'hello full storage'));
    // Reads throw too now (a storage disabled by the browser mid-session).
    Storage.prototype.getItem = function () {
      throw new DOMException('Access denied', 'SecurityError');
    };
    await el.send('second');
    await el.endChat();
    await waitFor(() => el.ended, 'never ended');
    await el.updateComplete;
    expect(partText(el, 'status')).to.equal('This chat has ended.');
    expect(pageErrors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
