// Hostile: languages as customers meet them.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import { DEFAULT_STRINGS, type GwsChatStrings } from '../../../src/i18n/languages.js';
import ar from '../../../src/i18n/lang/ar.js';
import de from '../../../src/i18n/lang/de.js';
import es from '../../../src/i18n/lang/es.js';
import fr from '../../../src/i18n/lang/fr.js';
import he from '../../../src/i18n/lang/he.js';
import ja from '../../../src/i18n/lang/ja.js';
import pt from '../../../src/i18n/lang/pt.js';
import { NOTIFICATIONS_URL, agent, connected, plain, rest, simulatedChat, uniqueId, waitFor } from '../../support/gws.js';
import { announcements } from '../../support/a11y.js';
import { part } from '../../support/parts.js';

async function speaks(el: GwsChat, table: GwsChatStrings, what = 'the language never arrived'): Promise<void> {
  await waitFor(() => part(el, 'log')?.getAttribute('aria-label') === table.transcriptLabel, what);
  await el.updateComplete;
}

const html_ = document.documentElement;
afterEach(() => {
  fixtureCleanup();
  html_.removeAttribute('lang');
  localStorage.clear(); sessionStorage.clear();
});

async function chatting(make: (id: string) => Promise<GwsChat>): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat('PersonP', 'Chatting');
  const el = await make(id);
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.state !== null && el.session.catchUpStatus.kind === 'idle', 'no state arrived');
  await el.updateComplete;
  return { el, id };
}

describe('hostile brand: languages', function () {
  this.timeout(30_000);

  it('an ancestor inside a host\'s shadow root changes lang at runtime: the element follows', async () => {
    const host = await fixture<HTMLElement>(html`<section></section>`);
    const root = host.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.lang = 'de';
    const el = document.createElement('gws-chat') as GwsChat;
    box.append(el);
    root.append(box);
    await speaks(el, de);
    box.lang = 'fr';
    await speaks(el, fr, 'did not follow lang="fr" set on an ancestor inside a shadow root');
  });

  it('lang="fa" (right-to-left, not shipped): English texts are not laid out right to left (no "…Connecting")', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat lang="fa" url=${NOTIFICATIONS_URL} interaction-id=${uniqueId()}></gws-chat>`);
    await el.updateComplete;
    expect(part(el, 'status')!.textContent).to.equal(DEFAULT_STRINGS.connecting);
    expect(getComputedStyle(part(el, 'status')!).direction, 'English "Connecting…" in an RTL box shows as "…Connecting"').to.equal('ltr');
  });

  it('English counts are written with Intl like the other languages (10,000 new messages)', () => {
    expect(DEFAULT_STRINGS.newMessages(10_000)).to.equal('10,000 new messages');
    expect(DEFAULT_STRINGS.andMore(1234)).to.equal('And 1,234 more messages.');
  });

  it('a host string override left undefined (strings={ send: props.label }) does not erase the Send button\'s name', async () => {
    const { el } = await chatting((i) => fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${i}></gws-chat>`));
    el.strings = { send: undefined as unknown as string };
    await el.updateComplete;
    expect(plain(part(el, 'send-button')!.textContent)).to.equal('Send');
  });

  it('Arabic: the burst announcement, typing line, new-messages button and times carry no Latin letters', async () => {
    const { el, id } = await chatting((i) => fixture<GwsChat>(html`<gws-chat lang="ar" url=${NOTIFICATIONS_URL} interaction-id=${i}></gws-chat>`));
    await speaks(el, ar);
    const said = announcements(el);
    await agent(id, 'say-many', { count: 7, text: 'مرحبا', silent: false, nickname: 'مراد' });
    await waitFor(() => said.length >= 1, 'no announcement');
    await agent(id, 'typing', { nickname: 'مراد' });
    await waitFor(() => el.typingParticipants.length === 1);
    await el.updateComplete;
    const heard = said.flat().join(' | ');
    const typing = plain(part(el, 'typing')!.textContent);
    const times = [...el.shadowRoot!.querySelectorAll('time')].map((t) => t.textContent).join(' ');
    expect(`${heard} || ${typing} || ${times}`).not.to.match(/[A-Za-z]/);
  });

  it('plural forms: every shipped language, every count entry, for 0 1 2 3 5 11 21 100 101 1000000', () => {
    // Printed for review; fails only on forms that are clearly wrong (a count the sentence does not say).
    const out: string[] = [];
    const tables = { en: DEFAULT_STRINGS, de, fr, es, pt, ar, he, ja } as Record<string, GwsChatStrings>;
    const bad: string[] = [];
    for (const [code, t] of Object.entries(tables)) {
      for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 101, 1000000]) {
        const lines = [t.newMessages(n), t.andMore(n), t.tooLong(n, 10), t.retryingIn(n)];
        out.push(`${code} ${n}: ${lines.join(' / ')}`);
        // A count above 2 must be said with its number (in any digits).
        if (n > 2) for (const l of lines.slice(0, 3)) if (!/[0-9\u0660-\u0669]/.test(l)) bad.push(`${code} ${n}: ${l}`);
      }
    }
    expect(bad, out.join('\n')).to.deep.equal([]);
  });

  it('WCAG 2.5.3 label in name: the retry button\'s accessible name contains its visible text, in every language', () => {
    const tables = { en: DEFAULT_STRINGS, de, fr, es, pt, ar, he, ja } as Record<string, GwsChatStrings>;
    const bad = Object.entries(tables)
      .filter(([, t]) => !t.retryLabel('Hello').toLowerCase().includes(t.retry.toLowerCase()))
      .map(([code, t]) => `${code}: shows "${t.retry}", named "${t.retryLabel('Hello')}"`);
    expect(bad).to.deep.equal([]);
  });
});
