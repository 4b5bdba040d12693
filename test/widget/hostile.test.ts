// <gws-chat-widget> tried as a hostile tester would: the page changing its title meanwhile,
// two widgets on one page, attributes changed after load, the host's own fields and Enter,
// focus when the panel closes or a chat restarts, hostile text in the form and the
// transcript file, storage that refuses, absurd invitation delays.
import { expect } from '@open-wc/testing';
import { restOn, waitFor } from '../support/gws.js';
import { neverWithin } from '../support/time.js';
import { BASE, closePages, fill, formShown, openPage, type SitePage } from './support.js';

interface ReceivedOperation { path: string; operationName: string; body: Record<string, unknown> }

const launcher = (p: SitePage) => p.$<HTMLButtonElement>('[part="launcher"]')!;

afterEach(() => closePages());

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

