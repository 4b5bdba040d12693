// Hostile: focus, keyboard and announcements as real customers meet them.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import fr from '../../../src/i18n/lang/fr.js';
import de from '../../../src/i18n/lang/de.js';
import { NOTIFICATIONS_URL, agent, connected, partText, plain, rest, simulatedChat, waitFor } from '../../support/gws.js';
import { accessibleName, announcements, answerNextSend, restoreFetch } from '../../support/a11y.js';
import { active, input, part } from '../../support/parts.js';
import { holdsFor, pace } from '../../support/time.js';

const where = (el: GwsChat) => active(el)?.getAttribute('part') ?? (document.activeElement?.id || document.activeElement?.tagName);

const nativeFetch = window.fetch;
/** Holds back every request whose body mentions `op` by `ms`; answers whether one is held now. */
function delay(op: string, ms: number): () => boolean {
  let held = 0;
  window.fetch = async (i, init) => {
    if (typeof init?.body === 'string' && init.body.includes(`"operationName":"${op}"`)) {
      held++;
      await pace(ms, 'a slow server').finally(() => held--);
    }
    return nativeFetch(i, init);
  };
  return () => held > 0;
}

let outside: HTMLInputElement;
beforeEach(() => {
  outside = document.createElement('input');
  outside.id = 'page-search';
  document.body.append(outside);
});
afterEach(() => {
  window.fetch = nativeFetch;
  restoreFetch();
  outside.remove();
  fixtureCleanup();
  document.documentElement.removeAttribute('lang');
  localStorage.clear(); sessionStorage.clear();
});

async function following(attrs = ''): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat('PersonP', 'Chatting');
  const el = await fixture<GwsChat>(html`<gws-chat lang=${attrs || 'en'} url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.capabilities.includes('SendMessage') && el.session.catchUpStatus.kind === 'idle', 'not ready');
  await el.updateComplete;
  return { el, id };
}

describe('hostile brand: focus is never stolen', function () {
  this.timeout(30_000);

  it('Start chat, then the customer goes to the page\'s search box while the server is slow: the focus stays there', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} nickname="Kim"></gws-chat>`);
    const slow = delay('RequestChat', 1500);
    part(el, 'start-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(slow, 'RequestChat never sent');
    outside.focus();
    await sendKeys({ type: 'shoes' });
    await waitFor(() => el.interactionId !== '' && el.state !== null && !part<HTMLTextAreaElement>(el, 'input')?.disabled, 'chat never usable', { timeout: 15_000 });
    await holdsFor(300, () => where(el) === 'page-search', () => `the focus went to ${where(el)}`);
    expect(where(el), 'the focus was pulled out of the page\'s search box into the chat').to.equal('page-search');
  });

  it('End chat confirmed, then the customer goes to the page while Complete is slow: the focus stays there', async () => {
    const { el } = await following();
    part(el, 'end-button')!.click();
    await el.updateComplete;
    const slow = delay('Complete', 1500);
    part(el, 'confirm-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(slow, 'Complete never sent');
    outside.focus();
    await waitFor(() => el.ended, 'never ended', { timeout: 10_000 });
    await holdsFor(300, () => where(el) === 'page-search', () => `the focus went to ${where(el)}`);
    expect(where(el), 'the focus was pulled back into the chat').to.equal('page-search');
  });
});

describe('hostile brand: keyboard', function () {
  this.timeout(30_000);

  it('Japanese IME: the Enter that commits a composition (keyCode 229, as Safari sends it) does not send', async () => {
    const { el } = await following();
    input(el).focus();
    input(el).value = 'こんにちは';
    input(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    input(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, composed: true, cancelable: true } as KeyboardEventInit));
    await el.updateComplete;
    expect(el.pendingMessages.length + el.messages.filter((m) => m.own).length, 'sent mid-composition').to.equal(0);
    expect(input(el).value).to.equal('こんにちは');
  });

  it('a failed message retried from the keyboard: the focus is not thrown to the log; the retry button can be pressed again', async () => {
    const { el } = await following();
    answerNextSend({ statusCode: 2, statusMessage: 'nope' });
    await el.send('Please help').catch(() => {});
    await el.updateComplete;
    part(el, 'retry-button')!.focus();
    answerNextSend({ statusCode: 2, statusMessage: 'nope again' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.pendingMessages[0]?.status === 'failed' && part(el, 'retry-button') !== null, 'not failed again');
    await el.updateComplete;
    await holdsFor(100, () => where(el) === 'retry-button', () => `the focus went to ${where(el)}`, { settle: 100 });
    expect(where(el), 'after a failed retry the focus is not on Retry').to.equal('retry-button');
  });
});

describe('hostile brand: announcements', function () {
  this.timeout(30_000);

  it('a burst of 3 messages, then 2 joins and a leave: the count says what they were, not "3 more messages"', async () => {
    const { el, id } = await following();
    const said = announcements(el);
    await Promise.all([
      agent(id, 'say', { text: 'one' }), agent(id, 'say', { text: 'two' }), agent(id, 'say', { text: 'three' }),
      agent(id, 'join', { nickname: 'Sam', participantId: 'A2' }), agent(id, 'join', { nickname: 'Ann', participantId: 'A3' }),
      agent(id, 'leave', { nickname: 'Sam', participantId: 'A2' }),
    ]);
    await waitFor(() => el.messages.length >= 6);
    await holdsFor(600, () => !said.flat().join(' | ').includes('more messages'), () => `said: ${said.flat().join(' | ')}`);
    const all = said.flat();
    expect(all.join(' | ')).not.to.contain('more messages');
  });

  it('language switched at runtime (fr → de) while a failed message, an error and typing are shown: nothing French or English left', async () => {
    const { el, id } = await following('fr');
    await waitFor(() => part(el, 'log')!.getAttribute('aria-label') === fr.transcriptLabel);
    answerNextSend({ statusCode: 2, statusMessage: 'nope' });
    await el.send('Bonjour').catch(() => {});
    el.showNotice('endFailed');
    await agent(id, 'typing');
    await waitFor(() => el.typingParticipants.length === 1);
    el.lang = 'de';
    await waitFor(() => part(el, 'log')!.getAttribute('aria-label') === de.transcriptLabel, 'no German');
    await el.updateComplete;
    expect(partText(el, 'error')).to.contain(de.endFailed);
    expect(partText(el, 'typing')).to.equal(de.typing(['Marat']));
    expect(part(el, 'retry-button')!.getAttribute('aria-label')).to.equal(de.retryLabel('Bonjour'));
    expect(partText(el, 'message-failed')).to.contain(de.notSent);
    expect(accessibleName(part(el, 'send-button')!)).to.equal(de.send);
  });

  it('a message that is only a link is announced with its sender, once', async () => {
    const { el, id } = await following();
    const said = announcements(el);
    await agent(id, 'say', { text: 'https://example.com/track?id=1' });
    await waitFor(() => said.length >= 1);
    await holdsFor(500, () => said.length === 1, () => `said: ${JSON.stringify(said)}`);
    expect(said).to.deep.equal([['Marat: https://example.com/track?id=1']]);
  });

  it('the error notice\'s Dismiss button can be restyled (an icon) like the other buttons: it has a part', async () => {
    const { el } = await following();
    el.showNotice('endFailed');
    await el.updateComplete;
    const dismiss = part(el, 'error')!.querySelector('button')!;
    expect(dismiss.getAttribute('part'), 'no part on Dismiss').to.not.equal(null);
    expect(plain(dismiss.textContent)).to.equal(DEFAULT_STRINGS.dismiss);
  });
});
