// One test for every framework app (test/frameworks/apps/): each is built by its framework's
// own compiler at the test runner's start (build-apps.mjs) and renders its `Support`
// component against the simulator at /gwsf/api/v2. What a user of the app would notice:
// the chat shows the rich property's text, the agent's words reach the app's handler, the
// app's own button sends through a ref, a new chat id follows the other chat.
import { expect } from '@open-wc/testing';
import type { GwsChat } from '../../src/index.js';
import { plain, restOn, waitFor } from '../support/gws.js';
import { loadBundledApp } from './bundled-app.js';
import type { AppHandle, AppModule } from './apps/contract.js';

const BASE = '/gwsf/api/v2';
const url = `${BASE}/notifications`;
const text = (container: HTMLElement, selector: string) => container.querySelector(selector)?.textContent ?? '';

/** Declares the tests of the app bundled as `bundle` (`.bundles/<bundle>.js`). */
export function testApp(title: string, bundle: string, check?: (app: AppModule & Record<string, unknown>) => void) {
  describe(title, function () {
    this.timeout(30_000);
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

    it('renders the chat with a rich property, hears gws-message, sends through a ref, follows a new chat id', async () => {
      const module = await loadBundledApp<AppModule & Record<string, unknown>>(bundle);
      check?.(module);
      const first = await restOn<string>(BASE, 'create', 'chat', { origin: location.origin, nickname: 'Pat', state: 'Chatting' });
      const second = await restOn<string>(BASE, 'create', 'chat', { origin: location.origin, nickname: 'Pat', state: 'Chatting' });
      app = await module.mount(container, { url, chatId: first });

      const el = container.querySelector('gws-chat') as GwsChat;
      expect(el, 'no <gws-chat> rendered').to.not.equal(null);
      expect(el).to.be.instanceOf(customElements.get('gws-chat')!);
      // A property, not an attribute: an object and a number arrive as they are.
      await waitFor(() => el.strings?.empty === 'Ask us anything', 'strings never set as a property');
      expect(el.typingTimeout).to.equal(5000);
      expect(el.hasAttribute('strings')).to.equal(false);
      expect(el.interactionId).to.equal(first);
      await el.updateComplete;
      await waitFor(() => plain(el.shadowRoot!.querySelector('.empty')?.textContent) === 'Ask us anything', 'the rich property never showed');

      // The agent's words reach the app's gws-message handler.
      await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 10_000 });
      await restOn(BASE, 'agent', first, 'join', { nickname: 'Marat' });
      await restOn(BASE, 'agent', first, 'say', { text: 'Hello from the agent' });
      await waitFor(() => text(container, '.heard').includes('Marat: Hello from the agent'),
        'gws-message never reached the app', { timeout: 10_000 });

      // The app's own button sends through its ref; gws-send reaches the app once accepted.
      (container.querySelector('button.ask') as HTMLButtonElement).click();
      await waitFor(() => text(container, '.sent') === 'Where is my order?', 'the app never heard gws-send', { timeout: 10_000 });
      const log = await restOn<{ text?: string }[]>(BASE, 'log', first);
      expect(log.some((m) => m.text === 'Where is my order?'), 'the server never got the message').to.equal(true);

      // A new chat id: the same element follows the other chat.
      await app.update({ url, chatId: second });
      await waitFor(() => el.interactionId === second, 'the new chat id never reached the element');
      expect(container.querySelector('gws-chat')).to.equal(el);
      await waitFor(() => el.connectionState === 'connected', 'never connected to the second chat', { timeout: 10_000 });
      await restOn(BASE, 'agent', second, 'join');
      await restOn(BASE, 'agent', second, 'say', { text: 'Second chat here' });
      await waitFor(() => text(container, '.heard').includes(': Second chat here'),
        'the second chat\'s message never reached the app', { timeout: 10_000 });

      app.unmount();
      app = null;
      expect(el.isConnected).to.equal(false);
    });
  });
}
