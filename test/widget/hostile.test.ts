// <gws-chat-widget> tried as a hostile tester would: the page changing its title meanwhile,
// two widgets on one page, attributes changed after load, the host's own fields and Enter,
// focus when the panel closes or a chat restarts, hostile text in the form and the
// transcript file, storage that refuses, absurd invitation delays.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { restOn, waitFor } from '../support/gws.js';
import { neverWithin } from '../support/time.js';
import { transcriptText } from '../../src/widget/transcript-file.js';
import { PANEL } from '../../src/i18n/widget/panel.js';
import type { ChatMessage } from '../../src/model/transcript.js';
import type { GwsChatWidget } from '../../src/widget/gws-chat-widget.js';
import { BASE, agent, closePages, fill, formShown, inChat, openPage, setHidden, startChat, type SitePage } from './support.js';

interface ReceivedOperation { path: string; operationName: string; body: Record<string, unknown> }

const launcher = (p: SitePage) => p.$<HTMLButtonElement>('[part="launcher"]')!;
/** The element focused inside the widget (its shadow root, or the chat's), by part or tag and name. */
const focused = (p: SitePage) => {
  let el: Element | null = p.doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el ? el.getAttribute('part') ?? `${el.tagName.toLowerCase()}${el.getAttribute('name') ? `[${el.getAttribute('name')}]` : ''}` : 'nothing';
};

afterEach(() => closePages());

describe('<gws-chat-widget> hostile: the page title', function () {
  this.timeout(25_000);

  it('a title the page changed while the count was shown is kept when the tab is shown again', async () => {
    const page = await openPage();
    const id = await startChat(page);
    page.widget.close();
    setHidden(page, true);
    await agent(id, 'say', { text: 'Still there?' });
    await waitFor(() => page.doc.title === '(1) Shop', 'no count in the title');
    // The page (a single-page app) moves on to another view meanwhile.
    page.doc.title = 'Cart';
    setHidden(page, false);
    expect(page.doc.title).to.equal('Cart');
  });

  it('two widgets on one page count in the title once, and give it back whole', async () => {
    const page = await openPage();
    const id = await startChat(page);
    const second = page.doc.createElement('gws-chat-widget') as GwsChatWidget;
    second.setAttribute('url', '/gwsw/api/v2/notifications');
    second.setAttribute('position', 'bottom-start');
    page.doc.body.append(second);
    await waitFor(() => second.chat?.interactionId === id, 'the second widget did not follow the chat');
    await waitFor(() => second.chat!.connectionState === 'connected', 'not connected', { timeout: 8000 });
    page.widget.close();
    setHidden(page, true);
    await agent(id, 'say', { text: 'Hello twice' });
    await waitFor(() => page.widget.unread === 1 && second.unread === 1, 'both did not count');
    expect(page.doc.title).to.equal('(1) Shop');
    setHidden(page, false);
    expect(page.doc.title).to.equal('Shop');
  });
});

describe('<gws-chat-widget> hostile: attributes changed after the chat loaded', function () {
  this.timeout(25_000);

  it('a nickname set later removes the form; removed again, the form is back', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    page.widget.setAttribute('nickname', 'Grace');
    await waitFor(() => page.$<HTMLElement>('[part="prechat-form"]')!.hidden, 'the form stayed though the host gave the name');
    await waitFor(() => inChat(page, '[part~="start-button"]'), 'no chat start button');
    page.widget.removeAttribute('nickname');
    await formShown(page);
  });

  it('the page\'s language changed later (<html lang>) relabels the widget, as it does the chat', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    page.doc.documentElement.lang = 'de';
    await waitFor(() => launcher(page).getAttribute('aria-label') === 'Chatten Sie mit uns', 'the launcher stayed English');
    expect(page.$('label[for="f-nickname"]')!.textContent).to.not.equal('Your name');
  });

  it('prechat-fields changed later changes the form (values kept)', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    fill(page, { nickname: 'Ada' });
    page.widget.setAttribute('prechat-fields', 'nickname');
    await waitFor(() => page.$('input[name="email"]') === null, 'the email field stayed');
    expect(page.$('input[name="subject"]')).to.equal(null);
    expect(page.$<HTMLInputElement>('input[name="nickname"]')!.value).to.equal('Ada');
  });
});

describe('<gws-chat-widget> hostile: the host\'s own fields', function () {
  this.timeout(25_000);

  it('Enter in a host field submits the form, like Enter in the widget\'s own', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    fill(page, { nickname: 'Ada', OrderNumber: '77' });
    page.doc.querySelector<HTMLInputElement>('input[name="OrderNumber"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => page.widget.chat!.interactionId, 'Enter in the host\'s field started nothing');
    const ops = await restOn<ReceivedOperation[]>(BASE, 'received');
    const request = ops.filter((o) => o.operationName === 'RequestChat').at(-1)!;
    expect(request.body['userData']).to.deep.equal({ OrderNumber: '77' });
  });
});

describe('<gws-chat-widget> hostile: focus', function () {
  this.timeout(25_000);

  it('Escape that ends an IME composition (Japanese, say) leaves the panel open; Escape after it closes it', async () => {
    const page = await openPage('lang=ja');
    launcher(page).click();
    await formShown(page);
    const name = page.$<HTMLInputElement>('input[name="nickname"]')!;
    name.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', isComposing: true, bubbles: true, composed: true }));
    expect(page.widget.opened).to.equal(true);
    name.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    expect(page.widget.opened).to.equal(false);
  });

  it('close() from the host while focus is in the panel gives focus to the launcher', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    await waitFor(() => focused(page) === 'input[nickname]', 'focus not in the form');
    page.widget.close();
    expect(focused(page)).to.equal('launcher');
  });

  it('the agent ending the chat while the visitor is in the message input keeps focus in the panel', async () => {
    const page = await openPage();
    const id = await startChat(page);
    await waitFor(() => inChat<HTMLTextAreaElement>(page, '[part~="input"]') && !inChat<HTMLTextAreaElement>(page, '[part~="input"]')!.disabled, 'no message input');
    inChat<HTMLTextAreaElement>(page, '[part~="input"]')!.focus();
    expect(focused(page)).to.contain('input');
    await agent(id, 'complete');
    await waitFor(() => !page.$<HTMLElement>('.e')!.hidden, 'no end actions');
    await page.widget.chat!.updateComplete;
    await neverWithin(500, () => ['nothing', 'body'].includes(focused(page)), () => `focus went to ${focused(page)}`);
    expect(focused(page)).to.equal('transcript-button');
  });

  it('with the host\'s nickname, Start a new chat keeps focus in the panel', async () => {
    const page = await openPage('nickname=Grace');
    launcher(page).click();
    await waitFor(() => inChat(page, '[part~="start-button"]'), 'no chat start button', { timeout: 8000 });
    inChat<HTMLButtonElement>(page, '[part~="start-button"]')!.click();
    await waitFor(() => page.widget.chat!.interactionId, 'not started');
    const id = page.widget.chat!.interactionId;
    await agent(id, 'join');
    await agent(id, 'complete');
    const again = () => page.$<HTMLButtonElement>('[part="new-chat-button"]')!;
    await waitFor(() => !again().closest<HTMLElement>('.e')!.hidden, 'no end actions');
    again().focus();
    again().click();
    await waitFor(() => page.widget.chat!.interactionId && page.widget.chat!.interactionId !== id, 'no new chat');
    await waitFor(() => page.$<HTMLElement>('.e')!.hidden, 'the end actions stayed');
    await waitFor(() => !['nothing', 'body', 'new-chat-button'].includes(focused(page)), 'focus was lost');
  });
});

describe('<gws-chat-widget> hostile: the pre-chat form', function () {
  this.timeout(25_000);

  it('a name of invisible characters only is no name', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    fill(page, { nickname: '\u200B\u200D\u2060\uFEFF\u202E' });
    page.$<HTMLButtonElement>('[part="start-button"]')!.click();
    expect(page.$<HTMLInputElement>('input[name="nickname"]')!.getAttribute('aria-invalid')).to.equal('true');
    await neverWithin(500, () => page.widget.chat!.interactionId, 'a chat started with an invisible name');
  });

  it('HTML in the fields is sent as text and never parsed; a double submit starts one chat', async () => {
    const page = await openPage();
    launcher(page).click();
    await formShown(page);
    const requests = async () => (await restOn<ReceivedOperation[]>(BASE, 'received')).filter((o) => o.operationName === 'RequestChat');
    const before = (await requests()).length;
    const html = '<img src=x onerror="window.pwned=1">';
    fill(page, { nickname: html, subject: `<b>${'x'.repeat(400)}</b>` });
    const start = page.$<HTMLButtonElement>('[part="start-button"]')!;
    start.click();
    start.click();
    page.$<HTMLFormElement>('[part="prechat-form"]')!.requestSubmit();
    await waitFor(() => page.widget.chat!.interactionId, 'not started');
    await neverWithin(500, async () => (await requests()).length > before + 1, 'a second RequestChat', { interval: 100 });
    expect((await requests()).at(-1)!.body['nickname']).to.equal(html);
    expect((page.win as unknown as { pwned?: number }).pwned).to.equal(undefined);
    expect(page.widget.shadowRoot!.querySelector('img')).to.equal(null);
  });
});

describe('<gws-chat-widget> hostile: the transcript file', () => {
  const agentP = { nickname: 'Marat', type: 'Agent', participantId: 'A1' };
  const entry = (over: Partial<ChatMessage>): ChatMessage => ({
    key: String(Math.random()), index: 1, type: 'Text', from: agentP, text: '', url: '', time: Date.UTC(2026, 11, 6, 9, 30), own: false, ...over,
  });

  it('holds no control characters (a terminal\'s escape sequences, other line breaks): one line per entry', () => {
    const text = transcriptText([
      entry({ text: '\x1b[2J\x1b]0;owned\x07cleared' }),
      entry({ text: 'a\vb\fc\x85d\x00e\x7f' }),
      entry({ from: { ...agentP, nickname: 'Ma\x1b[8mrat' }, text: 'hi\tthere' }),
    ], PANEL.en, 'en-GB');
    const lines = text.trimEnd().split('\n');
    expect(lines.length).to.equal(3);
    for (const line of lines) expect(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(line), JSON.stringify(line)).to.equal(false);
    expect(lines[0]).to.match(/Marat: \[2J\]0;ownedcleared$|Marat: .*cleared$/);
    expect(lines[2]).to.contain('hi\tthere');
  });

  it('a bidi override in a name or a text does not spill over the rest of its line', () => {
    const [line] = transcriptText([
      entry({ from: { ...agentP, nickname: 'evil\u202Etxt.exe' }, text: 'Hello \u202Dforced' }),
    ], PANEL.en, 'en-GB').trimEnd().split('\n');
    // Every override or embedding opened in a field is closed before the field ends: each
    // field in an isolate (FSI … PDI), which ends whatever was opened inside it.
    expect(line).to.contain('\u2068evil\u202Etxt.exe\u2069: ');
    expect(line!.endsWith('\u2068Hello \u202Dforced\u2069')).to.equal(true);
    // Plain text stays plain: no isolate where nothing needs one.
    const [plain] = transcriptText([entry({ text: 'Hello' })], PANEL.en, 'en-GB').split('\n');
    expect(plain).to.not.match(/[\u2066-\u2069]/);
  });
});

describe('<gws-chat-widget> hostile: invitation delays', function () {
  this.timeout(10_000);

  it('an invitation after more seconds than a timer holds does not show at once', async () => {
    // 30 days: more milliseconds than setTimeout holds (2^31 - 1), which it takes as 0.
    const page = await openPage('invite-after=2592000');
    await neverWithin(800, () => !page.$<HTMLElement>('[part="invite"]')!.hidden, 'invited at once');
  });
});

describe('<gws-chat-widget> hostile: the chat in another tab, the widget moved', function () {
  this.timeout(25_000);

  it('a new tab of the site counts no message the visitor already saw in the first as unread', async () => {
    const page = await openPage();
    const id = await startChat(page);
    await agent(id, 'say', { text: 'Seen in the first tab' });
    await agent(id, 'say', { text: 'Also seen' });
    await waitFor(() => page.widget.chat!.messages.some((m) => m.text === 'Also seen'), 'not shown');
    expect(page.widget.unread).to.equal(0);
    // Another tab: the site's localStorage (the remembered chat), a sessionStorage of its own.
    page.frame.remove();
    sessionStorage.clear();
    const tab = await openPage();
    expect(tab.widget.opened).to.equal(false);
    await waitFor(() => tab.widget.chat?.messages.some((m) => m.text === 'Also seen'), 'the chat did not resume', { timeout: 8000 });
    await neverWithin(800, () => tab.widget.unread > 0, () => `${tab.widget.unread} unread in the new tab`);
    // A message that does arrive while the panel is closed counts.
    await agent(id, 'say', { text: 'New for you' });
    await waitFor(() => tab.widget.unread === 1, 'a new message did not count');
  });

  it('a widget given its url only after it was put on the page (a framework binding) resumes the remembered chat', async () => {
    const page = await openPage();
    const id = await startChat(page);
    page.widget.close();
    page.widget.remove();
    const late = page.doc.createElement('gws-chat-widget') as GwsChatWidget;
    page.doc.body.append(late);
    late.setAttribute('url', '/gwsw/api/v2/notifications');
    await waitFor(() => late.chat?.interactionId === id, 'the remembered chat was not loaded', { timeout: 8000 });
  });

  it('moved elsewhere in the page while chatting: the same chat goes on, no form', async () => {
    const page = await openPage();
    const id = await startChat(page);
    const box = page.doc.createElement('aside');
    page.doc.body.prepend(box);
    box.append(page.widget);
    expect(page.widget.opened).to.equal(true);
    await agent(id, 'say', { text: 'After the move' });
    await waitFor(() => page.widget.chat!.messages.some((m) => m.text === 'After the move'), 'the chat stopped after the move');
    expect(page.widget.chat!.interactionId).to.equal(id);
    expect(page.$<HTMLElement>('[part="prechat-form"]')!.hidden).to.equal(true);
  });
});

describe('<gws-chat-widget> hostile: storage that refuses', function () {
  this.timeout(25_000);

  it('sessionStorage and localStorage that throw (a sandboxed frame) leave the launcher working', async () => {
    const page = await openPage('no-storage&invite-after=0');
    await waitFor(() => !page.$<HTMLElement>('[part="invite"]')!.hidden, 'no invitation');
    launcher(page).click();
    expect(page.widget.opened).to.equal(true);
    await formShown(page);
    page.widget.close();
    expect(page.widget.opened).to.equal(false);
  });
});

describe('<gws-chat-widget> hostile: the loader', function () {
  this.timeout(25_000);

  it('loaded twice (once async) on one page: one definition, no error, a launcher that works', async () => {
    const page = await openPage('', { page: 'twice.html' });
    await waitFor(() => page.resources().filter((r) => r === '/dist/gws-chat-widget.js').length === 2 || page.doc.readyState === 'complete', 'not loaded');
    expect((page.win as unknown as { pageErrors: string[] }).pageErrors).to.deep.equal([]);
    launcher(page).click();
    await formShown(page);
    expect(page.widget.shadowRoot!.querySelectorAll('[part="launcher"]').length).to.equal(1);
  });

  it('loaded with a query (a site\'s cache buster, ?v=7): the chat and the panel are loaded with it too', async () => {
    const page = await openPage('', { page: 'versioned.html' });
    launcher(page).click();
    await formShown(page);
    const loaded = page.win.performance.getEntriesByType('resource').map((r) => new URL(r.name)).map((u) => u.pathname + u.search);
    expect(loaded).to.include.members(['/dist/gws-chat.esm.min.js?v=7', '/dist/gws-chat-widget-panel.js?v=7']);
  });

  it('a widget taken out of the page (never opened) is not kept alive', async () => {
    const page = await openPage();
    let ref: WeakRef<GwsChatWidget> | undefined;
    (() => {
      const w = page.doc.createElement('gws-chat-widget') as GwsChatWidget;
      w.setAttribute('url', '/gwsw/api/v2/notifications');
      page.doc.body.append(w);
      w.remove();
      ref = new WeakRef(w);
    })();
    await waitFor(async () => {
      await executeServerCommand('collect-garbage');
      return ref!.deref() === undefined;
    }, 'the removed widget is still alive', { timeout: 5000 });
  });

  it('rapid toggles while the chat loads end where the visitor left them, focus in the form', async () => {
    const page = await openPage();
    for (let i = 0; i < 5; i++) launcher(page).click();
    expect(page.widget.opened).to.equal(true);
    await formShown(page);
    await waitFor(() => focused(page) === 'input[nickname]', 'focus did not reach the form');
    for (let i = 0; i < 4; i++) launcher(page).click();
    expect(page.widget.opened).to.equal(true);
  });
});
