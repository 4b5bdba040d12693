// Hostile: right-to-left geometry of everything a customer meets, laid out by the language (lang="ar").
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import ar from '../../../src/i18n/lang/ar.js';
import { NOTIFICATIONS_URL, agent, connected, rest, simulatedChat, waitFor } from '../../support/gws.js';
import { answerNextSend, cutNetwork, restoreFetch } from '../../support/a11y.js';
import { part } from '../../support/parts.js';

const box = (e: Element) => e.getBoundingClientRect();

afterEach(() => {
  cutNetwork(false);
  restoreFetch();
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

describe('hostile brand: right-to-left geometry (lang="ar")', function () {
  this.timeout(30_000);

  it('new-messages button, retry button, Dismiss, Reconnect now and the end button sit on the left; status text on the right', async () => {
    const id = await simulatedChat('سارة', 'Chatting');
    const el = await fixture<GwsChat>(html`<gws-chat lang="ar" style="width: 420px; height: 320px" url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
    await connected(el);
    await rest('publishState', id);
    await waitFor(() => el.capabilities.includes('SendMessage') && el.session.catchUpStatus.kind === 'idle');
    await waitFor(() => part(el, 'log')!.getAttribute('aria-label') === ar.transcriptLabel);
    const host = box(el);
    const mid = host.left + host.width / 2;
    const problems: string[] = [];
    const left = (name: string, e: Element | null | undefined) => {
      if (!e) problems.push(`${name}: missing`);
      else if (box(e).right > mid) problems.push(`${name}: at ${Math.round(box(e).left - host.left)}..${Math.round(box(e).right - host.left)} of ${Math.round(host.width)}`);
    };
    // new messages while reading older ones
    await agent(id, 'say-many', { count: 30, text: 'قديم', silent: false });
    await waitFor(() => el.messages.length === 30);
    await el.updateComplete;
    part(el, 'log')!.scrollTop = 0;
    await agent(id, 'say', { text: 'جديد' });
    await waitFor(() => part(el, 'new-messages-button') !== null);
    left('new-messages-button', part(el, 'new-messages-button'));
    left('end-button', part(el, 'end-button'));
    left('send-button', part(el, 'send-button'));
    // failed message with retry
    answerNextSend({ statusCode: 2, statusMessage: 'no' });
    await el.send('مرحبا').catch(() => {});
    await el.updateComplete;
    part(el, 'log')!.scrollTop = part(el, 'log')!.scrollHeight;
    await el.updateComplete;
    left('retry-button', part(el, 'retry-button'));
    left('message-failed', part(el, 'message-failed'));
    // error notice
    el.showNotice('endFailed');
    await el.updateComplete;
    left('error Dismiss', part(el, 'error')!.querySelector('button'));
    // reconnecting
    cutNetwork(true, false);
    await waitFor(() => el.connectionState === 'reconnecting', 'never reconnecting', { timeout: 10_000 });
    await el.updateComplete;
    left('reconnect-button', part(el, 'reconnect-button'));
    const text = el.shadowRoot!.querySelector('.status-text')!;
    const range = document.createRange();
    range.selectNodeContents(text);
    if (range.getBoundingClientRect().right < host.right - 40) problems.push('status text not on the right');
    expect(problems).to.deep.equal([]);
  });
});
