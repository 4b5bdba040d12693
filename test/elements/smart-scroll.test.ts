// Smart scrolling with real layout: the log follows new messages only while the reader is at
// the bottom; otherwise it keeps their place and offers a "new messages" button.
import { expect, fixtureCleanup } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { agent, entries, plain, simulatedChat, waitFor } from '../support/gws.js';
import { atBottom, entryWith as findEntry, inView, logOf, newMessagesButton, thirtyMessages } from '../support/views.js';
import { part } from '../support/parts.js';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

const log = logOf;
const button = newMessagesButton;
const entryWith = (el: GwsChat, text: string) => findEntry(el, text)!;

/** A small element following a chat with 30 messages, at the bottom, whose log scrolls. */
async function thirty(): Promise<{ el: GwsChat; id: string }> {
  const opened = await thirtyMessages();
  expect(log(opened.el).scrollHeight, 'the log must scroll for these tests').to.be.greaterThan(log(opened.el).clientHeight * 3);
  return opened;
}

/** The agent says `texts`, one notification each; waits until they are rendered. */
async function says(el: GwsChat, id: string, ...texts: string[]): Promise<void> {
  const before = el.messages.length;
  for (const text of texts) await agent(id, 'say', { text });
  await waitFor(() => el.messages.length === before + texts.length);
  await el.updateComplete;
}

describe('smart scrolling', function () {
  this.timeout(20_000);

  it('follows new messages while the reader is at the bottom, without a button', async () => {
    const { el, id } = await thirty();
    await says(el, id, 'one', 'two');
    await waitFor(() => atBottom(el), 'did not follow');
    expect(button(el) === null, 'a new-messages button').to.equal(true);
  });

  it('keeps the place of a reader who scrolled up; counts what arrives; the button jumps to the first unread and goes', async () => {
    const { el, id } = await thirty();
    log(el).scrollTop = 100;
    await says(el, id, 'new 1');
    await says(el, id, 'new 2', 'new 3');
    expect(log(el).scrollTop, 'the view moved').to.equal(100);
    expect(plain(button(el)?.textContent)).to.equal('3 new messages');
    expect(inView(el, entryWith(el, 'new 1'))).to.equal(false);
    button(el)!.click();
    await el.updateComplete;
    expect(inView(el, entryWith(el, 'new 1')), 'the first unread is not in view').to.equal(true);
    // It is the first thing in view: the reader starts there.
    const first = entries(el).find((e) => inView(el, e));
    expect(plain(first?.querySelector('.body')?.textContent)).to.equal('new 1');
    expect(button(el) === null, 'the button stayed').to.equal(true);
  });

  it('a single unread message: "1 new message"; back at the bottom the button goes and the view follows again', async () => {
    const { el, id } = await thirty();
    log(el).scrollTop = 0;
    await says(el, id, 'while away');
    expect(plain(button(el)?.textContent)).to.equal('1 new message');
    expect(log(el).scrollTop).to.equal(0);
    // The reader scrolls down to the end themselves.
    log(el).scrollTop = log(el).scrollHeight;
    await waitFor(() => button(el) === null, 'the button stayed at the bottom');
    await says(el, id, 'followed');
    await waitFor(() => atBottom(el), 'did not follow after coming back');
  });

  it('a few pixels up is away from the bottom', async () => {
    const { el, id } = await thirty();
    const top = log(el).scrollTop - 10;
    log(el).scrollTop = top;
    const before = `clientHeight ${log(el).clientHeight} scrollHeight ${log(el).scrollHeight} status "${plain(part(el, 'status')?.textContent)}" note "${plain(part(el, 'note')?.textContent)}"`;
    await says(el, id, 'not followed');
    const after = `clientHeight ${log(el).clientHeight} scrollHeight ${log(el).scrollHeight} status "${plain(part(el, 'status')?.textContent)}" note "${plain(part(el, 'note')?.textContent)}"`;
    expect(log(el).scrollTop, `${before} → ${after}`).to.equal(top);
    expect(button(el) !== null, 'no new-messages button').to.equal(true);
  });

  it('keeps the place when an entry is added above the view (a late message placed by its index)', async () => {
    const { el, id } = await thirty();
    log(el).scrollTop = 400;
    await el.updateComplete;
    const anchor = entries(el).find((e) => inView(el, e))!;
    const offset = anchor.getBoundingClientRect().top - log(el).getBoundingClientRect().top;
    await agent(id, 'say', { text: 'late, placed near the start', index: 2 });
    await waitFor(() => el.messages.length === 31);
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    expect(entryWith(el, 'late, placed near the start').getBoundingClientRect().bottom, 'not above the view')
      .to.be.lessThan(log(el).getBoundingClientRect().top);
    expect(anchor.getBoundingClientRect().top - log(el).getBoundingClientRect().top, 'what the reader looked at moved').to.be.closeTo(offset, 1);
  });

  it('forgets what was unread when the element follows another chat', async () => {
    const { el, id } = await thirty();
    log(el).scrollTop = 0;
    await says(el, id, 'unread in the first chat');
    expect(button(el) !== null, 'no new-messages button').to.equal(true);
    el.interactionId = await simulatedChat();
    await el.updateComplete;
    expect(plain(button(el)?.textContent), 'a button of the other chat').to.equal('');
  });

  it('the customer\'s own message brings the view back to the newest', async () => {
    const { el } = await thirty();
    log(el).scrollTop = 0;
    await el.send('Back to the bottom, please');
    await el.updateComplete;
    await waitFor(() => atBottom(el), 'the sent message is out of view');
    expect(button(el) === null, 'a new-messages button').to.equal(true);
  });
});
