// A Vue 3 app renders <gws-chat> (test/frameworks/apps/vue-app.ts, bundled at the test
// runner's start by test/frameworks/build-apps.mjs), against the simulator at /gwsf/api/v2.
import { expect } from '@open-wc/testing';
import type { GwsChatStrings } from '../../src/i18n/strings.js';
import { plain, restOn, waitFor } from '../support/gws.js';
import { loadBundledApp } from './bundled-app.js';

const BASE = '/gwsf/api/v2';

/** What the bundled app exports (test/frameworks/apps/vue-app.ts). */
interface VueAppProps {
  url: string;
  interactionId: string;
  strings: Partial<GwsChatStrings>;
  typingTimeout: number;
}
interface VueApp {
  mount(container: HTMLElement, props: VueAppProps): { props: VueAppProps; unmount(): void };
}

const loadApp = () => loadBundledApp<VueApp>('vue-app');

describe('Vue 3 app', function () {
  this.timeout(20_000);
  let container: HTMLElement;
  let app: ReturnType<VueApp['mount']> | null = null;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    app?.unmount();
    app = null;
    container.remove();
  });

  it('renders <gws-chat> with its properties set as properties, and hears gws-* events', async () => {
    const { mount } = await loadApp();
    const id = await restOn<string>(BASE, 'create', 'chat', { origin: location.origin, nickname: 'Vuer', state: 'Chatting' });
    app = mount(container, { url: `${BASE}/notifications`, interactionId: id, strings: { empty: 'Nothing said yet (Vue)' }, typingTimeout: 5000 });

    const el = container.querySelector('gws-chat')!;
    expect(el).to.be.instanceOf(customElements.get('gws-chat')!);
    expect(el.strings).to.deep.equal({ empty: 'Nothing said yet (Vue)' });
    expect(el.typingTimeout).to.equal(5000);
    expect(el.interactionId).to.equal(id);
    expect(el.hasAttribute('strings')).to.equal(false);
    await el.updateComplete;
    expect(plain(el.shadowRoot!.querySelector('.empty')?.textContent)).to.equal('Nothing said yet (Vue)');

    await waitFor(() => el.connectionState === 'connected', 'never connected', { timeout: 10_000 });
    await restOn(BASE, 'agent', id, 'join', { nickname: 'Marat' });
    await restOn(BASE, 'agent', id, 'say', { text: 'Hello from the agent' });
    // `onGwsMessage` (what `@gws-message` compiles to) reached Vue, with its detail.
    await waitFor(() => container.querySelector('.heard')?.textContent?.includes('Marat: Hello from the agent'),
      `gws-message never reached Vue (heard: ${container.querySelector('.heard')?.textContent})`, { timeout: 10_000 });

    // A reactive change sets the new property value.
    app.props.strings = { empty: 'unused', send: 'Go' };
    await waitFor(() => el.strings.send === 'Go', 'the new strings never reached the element');
  });
});
