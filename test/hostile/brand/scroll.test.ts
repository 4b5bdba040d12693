// Hostile: the "new messages" button with a big burst while the reader reads older messages.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import { NOTIFICATIONS_URL, agent, connected, entries, plain, rest, simulatedChat, waitFor } from '../../support/gws.js';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

const part = (el: GwsChat, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const log = (el: GwsChat) => part(el, 'log')!;
const button = (el: GwsChat) => part(el, 'new-messages-button');
const atBottom = (el: GwsChat) => Math.abs(log(el).scrollTop + log(el).clientHeight - log(el).scrollHeight) <= 2;
const entryWith = (el: GwsChat, text: string) => entries(el).find((e) => plain(e.querySelector('.body')?.textContent) === text);
function inView(el: GwsChat, entry: HTMLElement): boolean {
  const box = entry.getBoundingClientRect();
  const view = log(el).getBoundingClientRect();
  return box.top >= view.top - 1 && box.top < view.bottom;
}

async function thirty(): Promise<{ el: GwsChat; id: string }> {
  const id = await simulatedChat();
  const el = await fixture<GwsChat>(html`<gws-chat style="height: 320px" url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.chunk { content-visibility: visible; }');
  el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.session.catchUpStatus.kind === 'idle' && el.capabilities.length > 0);
  await agent(id, 'say-many', { count: 30, text: 'older', silent: false });
  await waitFor(() => el.messages.length === 30);
  await el.updateComplete;
  await waitFor(() => atBottom(el), 'not at the bottom after 30 messages');
  return { el, id };
}

describe('hostile brand: new-messages with a big burst', function () {
  this.timeout(60_000);

  for (const count of [10_000]) {
    it(`right after ${count} messages arrive at once, the reader at "older 5" still sees it`, async () => {
      const { el, id } = await thirty();
      const reading = entryWith(el, 'older 5')!;
      log(el).scrollTop = reading.offsetTop - log(el).offsetTop;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 100));
      const before = reading.getBoundingClientRect().top;
      await agent(id, 'say-many', { count, text: 'burst', silent: false });
      await waitFor(() => el.messages.length === 30 + count, 'burst not shown', { timeout: 20_000 });
      await el.updateComplete;
      const shown = entries(el).filter((e) => inView(el, e)).map((e) => plain(e.querySelector('.body')?.textContent));
      const still = entryWith(el, 'older 5');
      expect(still !== undefined && still.isConnected && Math.round(still.getBoundingClientRect().top) === Math.round(before),
        `the reader lost their place; in view now: ${shown.slice(0, 3).join(', ')}`).to.equal(true);
    });

    it(`once ${count} arrived and rendered: the button says the count as a number and jumps to "burst 1"`, async () => {
      const { el, id } = await thirty();
      const reading = entryWith(el, 'older 5')!;
      log(el).scrollTop = reading.offsetTop - log(el).offsetTop;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 100));
      await agent(id, 'say-many', { count, text: 'burst', silent: false });
      await waitFor(() => el.messages.length === 30 + count, 'burst not shown', { timeout: 20_000 });
      await waitFor(() => log(el).getAttribute('aria-busy') === 'false', 'history never fully rendered', { timeout: 20_000 });
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 200));
      const label = plain(button(el)?.textContent);
      button(el)!.click();
      await el.updateComplete;
      const first = entryWith(el, 'burst 1');
      const shown = entries(el).filter((e) => inView(el, e)).map((e) => plain(e.querySelector('.body')?.textContent));
      expect(first !== undefined && inView(el, first), `the jump did not land on "burst 1"; in view: ${shown.slice(0, 3).join(', ')}`).to.equal(true);
      expect(label).to.equal(`${count.toLocaleString('en')} new messages`);
    });
  }
});
