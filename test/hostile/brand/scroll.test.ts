// Hostile: the "new messages" button with a big burst while the reader reads older messages.
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../../../src/gws-chat.js';
import { agent, entries, plain, waitFor } from '../../support/gws.js';
import { entryWith, inView, logOf, newMessagesButton, thirtyMessages } from '../../support/views.js';
import { pace } from '../../support/time.js';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

const log = logOf;
const button = newMessagesButton;
const thirty = thirtyMessages;

describe('hostile brand: new-messages with a big burst', function () {
  this.timeout(60_000);

  for (const count of [10_000]) {
    it(`right after ${count} messages arrive at once, the reader at "older 5" still sees it`, async () => {
      const { el, id } = await thirty();
      const reading = entryWith(el, 'older 5')!;
      log(el).scrollTop = reading.offsetTop - log(el).offsetTop;
      await el.updateComplete;
      await pace(100, 'the reader rests on "older 5" before the burst');
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
      await pace(100, 'the reader rests on "older 5" before the burst');
      await agent(id, 'say-many', { count, text: 'burst', silent: false });
      await waitFor(() => el.messages.length === 30 + count, 'burst not shown', { timeout: 20_000 });
      await waitFor(() => log(el).getAttribute('aria-busy') === 'false', 'history never fully rendered', { timeout: 20_000 });
      await waitFor(() => plain(button(el)?.textContent) === `${count.toLocaleString('en')} new messages`,
        `the button says "${plain(button(el)?.textContent)}"`).catch(() => {}); // the expectation below says what it shows
      await el.updateComplete;
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
