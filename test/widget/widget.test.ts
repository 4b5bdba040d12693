// <gws-chat-widget> on pages of a site (test/widget/pages/, under the strict CSP), against
// the widget's own simulator (/gwsw): what a visitor who never opens pays, opening and
// closing, the pre-chat form, starting, the badge and the title, the transcript, a new
// chat, the next page of the site, the corners and the full screen, loading failures.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { restOn, waitFor } from '../support/gws.js';
import { neverWithin } from '../support/time.js';
import {
  BASE, agent, closePages, fill, formShown, inChat, openPage, setFlaky, setHidden, startChat, type SitePage,
} from './support.js';

interface ReceivedOperation { path: string; operationName: string; body: Record<string, unknown> }

const launcher = (p: SitePage) => p.$<HTMLButtonElement>('[part="launcher"]')!;
const panel = (p: SitePage) => p.$<HTMLElement>('[part="panel"]')!;
/** The element focused inside the widget (its shadow root, or the chat's), by part or tag and name. */
const focused = (p: SitePage) => {
  let el: Element | null = p.doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el ? el.getAttribute('part') ?? `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[${el.getAttribute('name')}]` : ''}` : 'nothing';
};
/** The scripts a page loaded (not the test runner's own web socket client). */
const scripts = (p: SitePage) => p.resources().filter((r) => r.endsWith('.js') && !r.startsWith('/__web-dev-server'));
const gwsRequests = (p: SitePage) => p.resources().filter((r) => r.startsWith('/gwsw/'));

/** The policy's violations on a page but the probe's own refused eval. */
const violations = (p: SitePage) => p.win.cspViolations.filter((v) => !v.includes('/test/csp/probe.js'));

afterEach(async () => {
  await setFlaky(false);
  closePages();
});

describe('<gws-chat-widget>: a visitor who never opens it', function () {
  this.timeout(20_000);

  it('upgrades, and loads nothing but the loader: no other script, no request to GWS', async () => {
    const page = await openPage();
    expect(page.widget.chat).to.equal(null);
    expect(launcher(page).getAttribute('aria-label')).to.equal('Chat with us');
    expect(launcher(page).getAttribute('aria-expanded')).to.equal('false');
    await neverWithin(1500, () => scripts(page).some((s) => !['/test/csp/probe.js', '/test/widget/pages/setup.js', '/dist/gws-chat-widget.js'].includes(s)) || gwsRequests(page).length,
      () => `loaded ${page.resources().join(', ')}`);
    expect(violations(page)).to.deep.equal([]);
  });

  it('pointing at the launcher fetches the chat ahead (still no request to GWS)', async () => {
    const page = await openPage();
    launcher(page).dispatchEvent(new PointerEvent('pointerenter'));
    await waitFor(() => scripts(page).includes('/dist/gws-chat.esm.min.js') && scripts(page).includes('/dist/gws-chat-widget-panel.js'), 'not prefetched');
    await neverWithin(1000, () => gwsRequests(page).length, 'a request went to GWS before the visitor opened the chat');
  });

  it('an invitation after invite-after seconds, at most once a day; it loads nothing and opens nothing', async () => {
    const page = await openPage('invite-after=0');
    const invite = () => page.$<HTMLElement>('[part="invite"]')!;
    await waitFor(() => !invite().hidden, 'no invitation');
    expect(invite().textContent).to.contain('Questions?');
    expect(page.widget.opened).to.equal(false);
    expect(scripts(page)).to.not.include('/dist/gws-chat.esm.min.js');
    invite().querySelector<HTMLButtonElement>('[aria-label="Close"]')!.click();
    expect(invite().hidden).to.equal(true);
    // The next page of the site, the same day: no second invitation.
    const next = await openPage('invite-after=0', { frame: page.frame });
    await neverWithin(800, () => !next.$<HTMLElement>('[part="invite"]')!.hidden, 'invited twice in a day');
  });
});

describe('<gws-chat-widget>: opening and closing', function () {
  this.timeout(20_000);

  it('opens a dialog with focus inside, Escape closes it and gives focus back to the launcher', async () => {
    const page = await openPage();
    const events: string[] = [];
    for (const type of ['gws-widget-open', 'gws-widget-close']) page.widget.addEventListener(type, () => events.push(type));
    launcher(page).focus();
    launcher(page).click();
    expect(page.widget.opened).to.equal(true);
    expect(page.widget.hasAttribute('opened')).to.equal(true);
    expect(launcher(page).getAttribute('aria-expanded')).to.equal('true');
    expect(panel(page).hidden).to.equal(false);
    expect(panel(page).getAttribute('role')).to.equal('dialog');
    expect(page.$('#t')!.textContent).to.equal('Chat with us');
    await formShown(page);
    await waitFor(() => focused(page) === 'input[nickname]', 'focus never moved to the name field');
    await sendKeys({ press: 'Escape' });
    expect(page.widget.opened).to.equal(false);
    expect(panel(page).hidden).to.equal(true);
    expect(focused(page)).to.equal('launcher');
    expect(events).to.deep.equal(['gws-widget-open', 'gws-widget-close']);
    expect(violations(page)).to.deep.equal([]);
  });

  it('open(), close(), toggle() and the opened property', async () => {
    const page = await openPage();
    page.widget.open();
    expect(page.widget.opened).to.equal(true);
    page.widget.toggle();
    expect(page.widget.opened).to.equal(false);
    page.widget.opened = true;
    expect(panel(page).hidden).to.equal(false);
    page.widget.close();
    expect(panel(page).hidden).to.equal(true);
  });

  it('a chat that cannot be loaded says so in the panel, and Try again loads it', async () => {
    await setFlaky(true);
    const page = await openPage('', { page: 'flaky.html' });
    launcher(page).click();
    const retry = () => page.$<HTMLButtonElement>('.m[role="alert"] button');
    await waitFor(() => retry(), 'no failure shown', { timeout: 8000 });
    expect(retry()!.textContent).to.equal('Could not load the chat. Try again');
    await setFlaky(false);
    retry()!.click();
    await formShown(page);
  });
});

describe('<gws-chat-widget>: the pre-chat form', function () {
  this.timeout(20_000);

  it('says what is wrong under each field (aria-invalid, aria-describedby) and focuses the first', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    fill(page, { nickname: '  ', email: 'not-an-address' });
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    const nickname = page.$<HTMLInputElement>('input[name="nickname"]')!;
    const email = page.$<HTMLInputElement>('input[name="email"]')!;
    expect(nickname.getAttribute('aria-invalid')).to.equal('true');
    expect(page.$(`#${nickname.getAttribute('aria-describedby')}`)!.textContent).to.equal('Please enter your name.');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(page.$(`#${email.getAttribute('aria-describedby')}`)!.textContent).to.contain('email address');
    expect(focused(page)).to.equal('input[nickname]');
    fill(page, { nickname: 'Ada' });
    expect(nickname.hasAttribute('aria-invalid')).to.equal(false);
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    expect(focused(page)).to.equal('input[email]');
    expect(page.widget.chat!.interactionId).to.equal('');
  });

  it('in the page\'s language', async () => {
    const page = await openPage('lang=de');
    expect(launcher(page).getAttribute('aria-label')).to.equal('Chatten Sie mit uns');
    launcher(page).click();
    await formShown(page);
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    const nickname = page.$<HTMLInputElement>('input[name="nickname"]')!;
    expect(page.$(`#${nickname.getAttribute('aria-describedby')}`)!.textContent).to.equal('Bitte geben Sie Ihren Namen ein.');
    // The host switches the language: the texts follow.
    page.widget.setAttribute('lang', 'fr');
    await waitFor(() => launcher(page).getAttribute('aria-label') === 'Discutez avec nous', 'the launcher was not relabelled');
    expect(page.$('label[for="f-nickname"]')!.textContent).to.equal('Votre nom');
  });

  it('starts the chat with nickname, subject and userData (EmailAddress, the host\'s fields)', async () => {
    const page = await openPage();
    const id = await startChat(page, { nickname: 'Ada', email: 'ada@example.com', subject: 'My order', OrderNumber: '1042' });
    const ops = await restOn<ReceivedOperation[]>(BASE, 'received');
    const request = ops.filter((o) => o.operationName === 'RequestChat').at(-1)!;
    expect(request.body).to.deep.include({ nickname: 'Ada', subject: 'My order' });
    expect(request.body['userData']).to.deep.equal({ EmailAddress: 'ada@example.com', OrderNumber: '1042' });
    expect(page.$<HTMLElement>('[part="prechat-form"]')!.hidden).to.equal(true);
    expect(page.widget.chat!.hidden).to.equal(false);
    expect(page.widget.chat!.interactionId).to.equal(id);
    // Focus went on into the chat, where the visitor writes (or its log, until it may).
    await waitFor(() => ['input', 'log'].includes(focused(page)), 'focus did not move into the chat');
    expect(violations(page)).to.deep.equal([]);
  });

  it('Escape in the chat\'s "End this chat?" cancels that, and leaves the panel open', async () => {
    const page = await openPage();
    await startChat(page);
    await waitFor(() => inChat(page, '[part~="end-button"]') && !inChat<HTMLButtonElement>(page, '[part~="end-button"]')!.disabled, 'no End chat');
    inChat<HTMLButtonElement>(page, '[part~="end-button"]')!.click();
    await waitFor(() => inChat(page, '[part~="cancel-button"]'), 'no confirmation');
    inChat<HTMLButtonElement>(page, '[part~="cancel-button"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !inChat(page, '[part~="confirm"]'), 'the confirmation stayed');
    expect(page.widget.opened).to.equal(true);
  });

  it('passes its attributes and strings to the chat; the chat\'s gws-* events bubble through it', async () => {
    const page = await openPage('theme=dark');
    page.widget.strings = { empty: 'Ask us anything' };
    page.widget.setAttribute('contact-center-id', 'cc-1');
    const seen: string[] = [];
    for (const type of ['gws-chat-started', 'gws-message', 'gws-connection-change'] as const) {
      page.widget.addEventListener(type, () => { if (!seen.includes(type)) seen.push(type); });
    }
    await startChat(page);
    const chat = page.widget.chat!;
    expect(chat.url).to.equal('/gwsw/api/v2/notifications');
    expect(chat.theme).to.equal('dark');
    expect(chat.contactCenterId).to.equal('cc-1');
    expect(chat.strings).to.deep.equal({ empty: 'Ask us anything' });
    page.widget.setAttribute('theme', 'light');
    expect(chat.theme).to.equal('light');
    // Set after the chat loaded: it reaches the chat too.
    page.widget.strings = { empty: 'Nothing here yet' };
    expect(chat.strings).to.deep.equal({ empty: 'Nothing here yet' });
    expect(seen).to.include.members(['gws-chat-started', 'gws-message', 'gws-connection-change']);
  });

  it('prechat-fields chooses the fields; the host\'s own fields follow their rules (required)', async () => {
    const page = await openPage('prechat-fields=nickname');
    launcher(page).click();
    await formShown(page);
    expect(page.$('input[name="email"]')).to.equal(null);
    expect(page.$('input[name="subject"]')).to.equal(null);
    const order = page.doc.querySelector<HTMLInputElement>('input[name="OrderNumber"]')!;
    order.required = true;
    fill(page, { nickname: 'Ada' });
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    expect(order.getAttribute('aria-invalid')).to.equal('true');
    expect(page.doc.activeElement).to.equal(order);
    expect(page.widget.chat!.interactionId).to.equal('');
  });

  it('a start the server refuses is said under the form, which stays filled', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    await restOn(BASE, 'failNext', 'RequestChat', { statusCode: 2, statusMessage: 'No agents' });
    fill(page, { nickname: 'Ada' });
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    await waitFor(() => page.$('.f .x[role="alert"]')?.textContent, 'no failure said');
    expect(page.$('.f .x[role="alert"]')!.textContent).to.equal('The chat could not be started. Please try again.');
    expect(page.$<HTMLInputElement>('input[name="nickname"]')!.value).to.equal('Ada');
    expect(focused(page)).to.equal('start-button');
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    await waitFor(() => page.widget.chat!.interactionId, 'the second try did not start');
  });

  it('no form when the host set a nickname', async () => {
    const page = await openPage('nickname=Grace');
    launcher(page).click();
    await waitFor(() => page.widget.chat && inChat(page, '[part~="start-button"]'), 'no chat with its start button', { timeout: 8000 });
    expect(page.$<HTMLElement>('[part="prechat-form"]')!.hidden).to.equal(true);
  });
});

describe('<gws-chat-widget>: the agent\'s messages the visitor has not seen', function () {
  this.timeout(25_000);

  it('a badge while the panel is closed (gws-unread-change, said politely), cleared by opening', async () => {
    const page = await openPage();
    const id = await startChat(page);
    const counts: number[] = [];
    page.widget.addEventListener('gws-unread-change', (e) => counts.push(e.detail.count));
    page.widget.close();
    await agent(id, 'say', { text: 'Are you there?' });
    await agent(id, 'say', { text: 'Your order ships today.' });
    const badge = page.$<HTMLElement>('[part="badge"]')!;
    await waitFor(() => page.widget.unread === 2, 'the badge did not count');
    expect(badge.hidden).to.equal(false);
    expect(badge.textContent).to.equal('2');
    const said = page.$<HTMLElement>('#unread')!;
    expect(said.getAttribute('role')).to.equal('status');
    expect(said.textContent).to.equal('New messages: 2');
    expect(launcher(page).getAttribute('aria-describedby')).to.equal('unread');
    page.widget.open();
    await waitFor(() => page.widget.unread === 0, 'opening did not clear it');
    expect(badge.hidden).to.equal(true);
    expect(counts).to.deep.equal([1, 2, 0]);
  });

  it('sound: a chime (Web Audio) for a message the visitor does not see, none while they look', async () => {
    const page = await openPage('sound');
    const id = await startChat(page);
    let notes = 0;
    const create = page.win.AudioContext.prototype.createOscillator;
    page.win.AudioContext.prototype.createOscillator = function (this: AudioContext) {
      notes++;
      return create.call(this);
    };
    await agent(id, 'say', { text: 'Seen at once' });
    await waitFor(() => page.widget.chat!.messages.some((m) => m.text === 'Seen at once'), 'not shown');
    expect(notes, 'a chime while the visitor looks at the chat').to.equal(0);
    page.widget.close();
    await agent(id, 'say', { text: 'Heard' });
    await waitFor(() => page.widget.unread === 1, 'the badge did not count');
    expect(notes).to.be.greaterThan(0);
  });

  it('the page title shows the count while the tab is hidden, and is restored after', async () => {
    const page = await openPage();
    const id = await startChat(page);
    setHidden(page, true);
    await agent(id, 'say', { text: 'Still there?' });
    await waitFor(() => page.doc.title === '(1) Shop', 'no count in the title');
    expect(page.widget.unread).to.equal(1);
    setHidden(page, false);
    expect(page.doc.title).to.equal('Shop');
    // The panel was open: the visitor sees the message now.
    expect(page.widget.unread).to.equal(0);
  });
});

describe('<gws-chat-widget>: after the chat', function () {
  this.timeout(25_000);

  it('Download transcript: one line per entry, nothing the customer was not shown; Start a new chat: the form', async () => {
    const page = await openPage();
    const id = await startChat(page, { nickname: 'Ada' });
    await agent(id, 'say', { text: 'Hello Ada' });
    await agent(id, 'say', { text: 'agents only: refund approved', visibility: 'Agent' });
    await agent(id, 'say', { text: 'Line one\nline two' });
    await waitFor(() => page.widget.chat!.messages.some((m) => m.text === 'Line one\nline two'), 'not shown');
    await agent(id, 'complete');
    const transcript = () => page.$<HTMLButtonElement>('[part="transcript-button"]');
    await waitFor(() => transcript() && !transcript()!.closest<HTMLElement>('.e')!.hidden, 'no end actions');
    const blobs: Blob[] = [];
    const create = page.win.URL.createObjectURL;
    page.win.URL.createObjectURL = (b: Blob) => {
      blobs.push(b);
      return create.call(page.win.URL, b);
    };
    transcript()!.click();
    expect(blobs.length).to.equal(1);
    const text = await blobs[0]!.text();
    const lines = text.trimEnd().split('\n');
    expect(lines.length).to.equal(page.widget.chat!.messages.length);
    expect(text).to.contain('Marat: Hello Ada');
    expect(text).to.contain('Marat: Line one line two');
    expect(text).to.match(/^\[.+\] Marat: joined the chat$/m);
    expect(text).to.not.contain('refund');
    page.$<HTMLButtonElement>('[part="new-chat-button"]')!.click();
    await formShown(page);
    expect(focused(page)).to.equal('input[nickname]');
    fill(page, { nickname: 'Ada' });
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    await waitFor(() => page.widget.chat!.interactionId && page.widget.chat!.interactionId !== id, 'no new chat');
    expect(violations(page)).to.deep.equal([]);
  });
});

describe('<gws-chat-widget>: the next page of the site', function () {
  this.timeout(25_000);

  it('keeps the panel open and the chat', async () => {
    const page = await openPage();
    const id = await startChat(page);
    await agent(id, 'say', { text: 'Take your time.' });
    await waitFor(() => page.widget.chat!.messages.some((m) => m.text === 'Take your time.'), 'not shown');
    const next = await openPage('', { frame: page.frame });
    expect(next.widget.opened).to.equal(true);
    await waitFor(() => next.widget.chat?.interactionId === id, 'the chat did not follow');
    await waitFor(() => next.widget.chat!.messages.some((m) => m.text === 'Take your time.'), 'the transcript did not follow');
    expect(next.$<HTMLElement>('[part="prechat-form"]')!.hidden).to.equal(true);
  });

  it('a closed panel stays closed, and a remembered chat loads at once (the badge counts)', async () => {
    const page = await openPage();
    const id = await startChat(page);
    page.widget.close();
    const next = await openPage('', { frame: page.frame });
    expect(next.widget.opened).to.equal(false);
    await waitFor(() => next.widget.chat?.interactionId === id, 'the remembered chat was not loaded');
    await waitFor(() => next.widget.chat!.connectionState === 'connected', 'not connected', { timeout: 8000 });
    await agent(id, 'say', { text: 'News for you' });
    await waitFor(() => next.widget.unread === 1, 'the badge did not count');
  });
});

describe('<gws-chat-widget>: where it is', function () {
  this.timeout(20_000);

  it('bottom-end by default; bottom-start and right to left mirror the corner (geometry)', async () => {
    const corner = async (query: string) => {
      const p = await openPage(query);
      const r = launcher(p).getBoundingClientRect();
      return r.left < 400 ? 'left' : 'right';
    };
    expect(await corner('')).to.equal('right');
    expect(await corner('position=bottom-start')).to.equal('left');
    expect(await corner('dir=rtl')).to.equal('left');
    expect(await corner('dir=rtl&position=bottom-start')).to.equal('right');
  });

  it('the panel fills the screen below 480 px of width, and not above', async () => {
    const narrow = await openPage('opened', { width: 390, height: 700 });
    let r = panel(narrow).getBoundingClientRect();
    expect([r.left, r.top, r.width, r.height]).to.deep.equal([0, 0, 390, 700]);
    // Nothing of the widget's is over it: the corner where the launcher was belongs to the panel.
    const l = launcher(narrow).getBoundingClientRect();
    const atCorner = narrow.widget.shadowRoot!.elementFromPoint(l.left + l.width / 2, l.top + l.height / 2);
    expect(atCorner && panel(narrow).contains(atCorner), `${atCorner?.className} at the corner`).to.equal(true);
    const wide = await openPage('opened', { width: 800, height: 700 });
    r = panel(wide).getBoundingClientRect();
    expect(r.width).to.be.lessThan(500);
    expect(r.right).to.be.greaterThan(750);
  });
});
