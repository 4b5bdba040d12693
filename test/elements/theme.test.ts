// Theming as a host sees it: light and dark defaults (the visitor's preference, or forced by
// `theme`), Windows high contrast, right-to-left geometry, and the parts and slots a host
// restyles and fills. Measured on the rendered element (computed styles, boxes), not on
// screenshots.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { AGENT, CHAT_TOPIC, NOTIFICATIONS_URL, chatLog, connected, publish, rest, simulatedChat, waitFor, wireMessage } from '../support/gws.js';
import { conversation as twoLines } from '../support/views.js';
import { part, parts } from '../support/parts.js';

const style = (e: Element) => getComputedStyle(e);
const forcedColors = (on: boolean) =>
  executeServerCommand('emulate-media-features', { features: on ? [{ name: 'forced-colors', value: 'active' }] : [] });

afterEach(async () => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
  await emulateMedia({ colorScheme: 'light' });
  await forcedColors(false);
});

/** A chat with an agent's and a customer's message, the agent typing. */
const conversation = (o: { theme?: string; dir?: string } = {}) => twoLines({ ...o, typing: true });

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(13, 17, 23)';

describe('theme: light and dark', () => {
  it('follows the visitor\'s preference by default (theme="auto"): light, then dark, with matching form controls', async () => {
    const { el } = await conversation();
    expect(el.theme).to.equal('auto');
    expect(style(el).backgroundColor).to.equal(LIGHT_BG);
    expect(style(part(el, 'input')!).colorScheme).to.equal('light dark');
    await emulateMedia({ colorScheme: 'dark' });
    expect(style(el).backgroundColor).to.equal(DARK_BG);
    // Text stays readable: light text on the dark background.
    expect(style(el).color).to.equal('rgb(230, 237, 243)');
  });

  it('theme="dark" forces dark under a light preference, theme="light" light under a dark one; the property reflects', async () => {
    const { el } = await conversation({ theme: 'dark' });
    expect(style(el).backgroundColor).to.equal(DARK_BG);
    expect(style(part(el, 'input')!).colorScheme).to.equal('dark');
    await emulateMedia({ colorScheme: 'dark' });
    el.theme = 'light';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('light');
    expect(style(el).backgroundColor).to.equal(LIGHT_BG);
    expect(style(part(el, 'input')!).colorScheme).to.equal('light');
  });

  it('a host\'s tokens win over both defaults (accent, bubble radius, font size)', async () => {
    const { el } = await conversation({ theme: 'dark' });
    el.style.setProperty('--gws-chat-accent-color', 'rgb(200, 30, 90)');
    el.style.setProperty('--gws-chat-bubble-radius', '2px');
    el.style.setProperty('--gws-chat-font-size', '18px');
    el.style.setProperty('--gws-chat-background', 'rgb(1, 2, 3)');
    expect(style(part(el, 'send-button')!).backgroundColor).to.equal('rgb(200, 30, 90)');
    expect(style(part(el, 'message-own')!).backgroundColor, 'own bubbles follow the accent').to.equal('rgb(200, 30, 90)');
    expect(style(parts(el, 'message-text')[0]!).borderTopLeftRadius).to.equal('2px');
    expect(style(el).fontSize).to.equal('18px');
    expect(style(el).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});

describe('theme: Windows high contrast (forced-colors)', () => {
  it('every bubble keeps an edge, the customer\'s own a double one, and the status banner one', async () => {
    const { el } = await conversation();
    await forcedColors(true);
    const other = parts(el, 'message-text').find((m) => !m.matches('[part~="message-own"]'))!;
    const own = part(el, 'message-own')!;
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    expect(style(other).borderTopStyle).to.equal('solid');
    expect(style(other).borderTopWidth).to.equal('1px');
    expect(style(own).borderTopStyle).to.equal('double');
    expect(style(own).borderTopWidth).to.equal('3px');
  });
});

describe('theme: right-to-left', () => {
  async function geometry(dir: string) {
    const { el } = await conversation({ dir });
    const log = part(el, 'log')!.getBoundingClientRect();
    const other = parts(el, 'message-text').find((m) => !m.matches('[part~="message-own"]'))!;
    const own = part(el, 'message-own')!;
    const input = part(el, 'input')!.getBoundingClientRect();
    const send = part(el, 'send-button')!.getBoundingClientRect();
    return { el, log, other, own, otherBox: other.getBoundingClientRect(), ownBox: own.getBoundingClientRect(), input, send };
  }

  it('left-to-right: others\' bubbles start on the left, the customer\'s on the right; Send after the input', async () => {
    const g = await geometry('ltr');
    expect(g.otherBox.left - g.log.left).to.be.below(20);
    expect(g.log.right - g.ownBox.right).to.be.below(20);
    expect(g.send.left).to.be.at.least(g.input.right);
    // The small corner points at the sender: bottom-left for others, bottom-right for the customer.
    expect(style(g.other).borderBottomLeftRadius).to.equal('4px');
    expect(style(g.own).borderBottomRightRadius).to.equal('4px');
  });

  it('right-to-left (dir on an ancestor): everything mirrored — bubbles, their corners, the composer\'s buttons', async () => {
    const g = await geometry('rtl');
    expect(g.log.right - g.otherBox.right, 'others\' bubbles on the right').to.be.below(20);
    expect(g.ownBox.left - g.log.left, 'the customer\'s on the left').to.be.below(20);
    expect(g.send.right, 'Send to the left of the input').to.be.at.most(g.input.left);
    expect(style(g.other).borderBottomRightRadius).to.equal('4px');
    expect(style(g.other).borderBottomLeftRadius).to.not.equal('4px');
    expect(style(g.own).borderBottomLeftRadius).to.equal('4px');
    // Times sit at the end of the bubble: the left in right-to-left.
    const time = g.own.querySelector('[part~="time"]') ?? g.other.querySelector('[part~="time"]');
    if (time) expect(style(time).textAlign).to.equal('end');
  });
});

describe('theme: parts and slots', () => {
  it('exposes sender, time, typing-dots and note parts', async () => {
    const { el } = await conversation();
    expect(parts(el, 'sender').map((s) => s.textContent!.trim())).to.include('Marat');
    expect(parts(el, 'time').length).to.be.at.least(2);
    expect(part(el, 'typing-dots'), 'typing dots').to.not.equal(null);
    expect(part(el, 'typing-dots')!.getAttribute('aria-hidden')).to.equal('true');
    expect(part(el, 'note')).to.not.equal(null);
  });

  it('the header part shows only with content in the header slot', async () => {
    const { el } = await conversation();
    expect(part(el, 'header')!.hidden).to.equal(true);
    expect(part(el, 'header')!.getBoundingClientRect().height).to.equal(0);
    const title = document.createElement('strong');
    title.slot = 'header';
    title.textContent = 'Support';
    el.append(title);
    await waitFor(() => !part(el, 'header')!.hidden, 'header not shown');
    expect(part(el, 'header')!.getBoundingClientRect().height).to.be.above(10);
    // Above the status banner and the log.
    expect(part(el, 'header')!.getBoundingClientRect().bottom).to.be.at.most(part(el, 'log')!.getBoundingClientRect().top);
    title.remove();
    await waitFor(() => part(el, 'header')!.hidden, 'header not hidden again');
  });

  it('the empty slot replaces "No messages yet." before the first message; composer-actions sit after Send', async () => {
    const id = await simulatedChat();
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}>
      <p slot="empty">Ask us anything.</p>
      <button slot="composer-actions" type="button">Attach</button>
    </gws-chat>`);
    await connected(el);
    await rest('publishState', id);
    await el.updateComplete;
    const emptySlot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="empty"]')!;
    expect(emptySlot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Ask us anything.']);
    expect(el.querySelector('[slot="empty"]')!.getBoundingClientRect().height).to.be.above(0);
    const attach = el.querySelector('[slot="composer-actions"]')!.getBoundingClientRect();
    const send = part(el, 'send-button')!.getBoundingClientRect();
    expect(attach.left).to.be.at.least(send.right);
    expect(Math.abs(attach.bottom - send.bottom), 'on the composer\'s line').to.be.below(4);
    await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'Hi' })]));
    await waitFor(() => el.messages.length === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('slot[name="empty"]'), 'gone after the first message').to.equal(null);
  });

  it('without a host\'s empty content, the built-in text is the empty part', async () => {
    const id = await simulatedChat();
    const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
    await el.updateComplete;
    expect(part(el, 'empty')!.textContent).to.equal('No messages yet.');
    expect(part(el, 'empty')!.getBoundingClientRect().height).to.be.above(0);
  });
});
