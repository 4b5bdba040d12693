// Accessibility of <gws-chat-widget>: axe-core in every state a visitor meets (closed, the
// invitation, the form with its errors, chatting, ended), light and dark. The widget runs in
// this test page itself (axe looks at this document), from the built loader.
import { expect } from '@open-wc/testing';
import { waitFor } from '../support/gws.js';
import { axe, expectNoAxeViolations } from '../support/a11y.js';
import type { GwsChatWidget } from '../../src/widget/gws-chat-widget.js';
import { agent, formShown, startChat, type SitePage } from './support.js';

async function loader(): Promise<void> {
  if (customElements.get('gws-chat-widget')) return;
  const script = document.createElement('script');
  script.src = '/dist/gws-chat-widget.js';
  document.head.append(script);
  await customElements.whenDefined('gws-chat-widget');
}

/** A widget in this page, as a page of the site. */
async function widgetHere(attrs: Record<string, string> = {}): Promise<SitePage> {
  await loader();
  const widget = document.createElement('gws-chat-widget') as GwsChatWidget;
  widget.setAttribute('url', '/gwsw/api/v2/notifications');
  for (const [k, v] of Object.entries(attrs)) widget.setAttribute(k, v);
  document.body.append(widget);
  return {
    frame: null as unknown as HTMLIFrameElement, win: window as SitePage['win'], doc: document, widget,
    $: (selector) => widget.shadowRoot!.querySelector(selector),
    resources: () => [],
  };
}

afterEach(() => {
  document.querySelectorAll('gws-chat-widget').forEach((w) => w.remove());
  document.title = '';
  localStorage.clear();
  sessionStorage.clear();
});

for (const theme of ['light', 'dark']) {
  describe(`<gws-chat-widget> accessibility (${theme})`, function () {
    this.timeout(25_000);

    it('closed (an icon button: no text whose contrast axe could judge)', async () => {
      const page = await widgetHere({ theme });
      const results = await axe().run(page.widget, { resultTypes: ['violations'] });
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
      expect(results.passes.some((r) => r.id === 'button-name'), 'the launcher\'s name was checked').to.equal(true);
    });

    it('the invitation', async () => {
      const page = await widgetHere({ theme, 'invite-after': '0' });
      await waitFor(() => !page.$<HTMLElement>('[part="invite"]')!.hidden, 'no invitation');
      await expectNoAxeViolations(page.widget, 'invitation');
    });

    it('the form, and the form with its errors', async () => {
      const page = await widgetHere({ theme });
      page.widget.open();
      await formShown(page);
      await expectNoAxeViolations(page.widget, 'form');
      page.$<HTMLButtonElement>('[part="start-button"]')!.click();
      expect(page.$('[aria-invalid="true"]')).to.not.equal(null);
      await expectNoAxeViolations(page.widget, 'form with errors');
    });

    it('chatting, with unread messages on the closed launcher, and ended', async () => {
      const page = await widgetHere({ theme });
      const id = await startChat(page);
      await agent(id, 'say', { text: 'How can I help?' });
      await waitFor(() => page.widget.chat!.messages.some((m) => m.text === 'How can I help?'), 'not shown');
      await page.widget.chat!.updateComplete;
      await expectNoAxeViolations(page.widget, 'chatting');
      page.widget.close();
      await agent(id, 'say', { text: 'Anything else?' });
      await waitFor(() => page.widget.unread === 1, 'no badge');
      await expectNoAxeViolations(page.widget, 'unread');
      page.widget.open();
      await agent(id, 'complete');
      await waitFor(() => !page.$<HTMLElement>('.e')!.hidden, 'no end actions');
      await page.widget.chat!.updateComplete;
      await expectNoAxeViolations(page.widget, 'ended');
    });
  });
}
