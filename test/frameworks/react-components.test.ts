// React 18 and React 19 apps with the components of `gws-chat/react` (apps/react/Support.tsx,
// the same code bundled with each React), and a React 19 app with the bare tags
// (apps/react/SupportTags.tsx).
import { expect } from '@open-wc/testing';
import { waitFor } from '../support/gws.js';
import { loadBundledApp } from './bundled-app.js';
import { testApp } from './app-test.js';
import type { AppHandle, AppModule } from './apps/contract.js';

const reactVersion = (major: string) => (app: Record<string, unknown>) =>
  expect(String(app.reactVersion), 'the bundle holds another React').to.match(new RegExp(`^${major}\\.`));

testApp('React 18 app with the components', 'react-18', reactVersion('18'));
testApp('React 19 app with the components', 'react-19', reactVersion('19'));
testApp('React 19 app with the bare tags', 'react-19-tags', reactVersion('19'));

for (const [major, bundle] of [['18', 'react-18'], ['19', 'react-19']] as const) {
  describe(`React ${major}: GwsChatWidget`, function () {
    this.timeout(20_000);
    let container: HTMLElement;
    let app: AppHandle | null = null;
    beforeEach(() => {
      container = document.createElement('div');
      document.body.append(container);
    });
    afterEach(() => {
      app?.unmount();
      app = null;
      container.remove();
    });

    it('renders <gws-chat-widget> with its rich property set and its attributes, and hears gws-widget-open', async () => {
      const { mount } = await loadBundledApp<AppModule>(bundle);
      app = await mount(container, { url: '/gwsf/api/v2/notifications', chatId: '' });
      const widget = container.querySelector('gws-chat-widget')!;
      expect(widget).to.be.instanceOf(customElements.get('gws-chat-widget')!);
      await waitFor(() => widget.strings.empty === 'Ask us anything', 'strings never set as a property');
      expect(widget.hasAttribute('strings')).to.equal(false);
      expect(widget.getAttribute('url')).to.equal('/gwsf/api/v2/notifications');
      expect(widget.getAttribute('nickname')).to.equal('Pat');
      expect(container.querySelector('.widget')!.textContent).to.equal('closed');
      widget.open();
      await waitFor(() => container.querySelector('.widget')!.textContent === 'open', 'gws-widget-open never reached React');
      widget.close();
      await waitFor(() => container.querySelector('.widget')!.textContent === 'closed', 'gws-widget-close never reached React');
    });
  });
}
