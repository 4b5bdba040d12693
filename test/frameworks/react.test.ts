// A React 19 app renders the bare <gws-chat> tag (test/frameworks/apps/react-app.tsx, bundled at the test
// runner's start by test/frameworks/build-apps.mjs) and runs a UI of its own over
// `ChatSession` (useChatSession), against the simulator at /gwsf/api/v2.
import { expect } from '@open-wc/testing';
import type { GwsChatStrings } from '../../src/i18n/strings.js';
import { plain, restOn, waitFor } from '../support/gws.js';
import { loadBundledApp } from './bundled-app.js';

const BASE = '/gwsf/api/v2';
const URL_ = `${BASE}/notifications`;

/** What the bundled app exports (test/frameworks/apps/react-app.tsx). */
interface ChatSessionLike {
  readonly connectionState: string;
}
interface ReactAppProps {
  url: string;
  interactionId: string;
  strings: Partial<GwsChatStrings>;
  typingTimeout: number;
  onSession: (session: ChatSessionLike) => void;
}
interface ReactApp {
  mount(container: HTMLElement, props: ReactAppProps): { render(props: ReactAppProps): void; unmount(): void };
}

const loadApp = () => loadBundledApp<ReactApp>('react-app');

describe('React 19 app', function () {
  this.timeout(20_000);
  let container: HTMLElement;
  let app: ReturnType<ReactApp['mount']> | null = null;

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
    const id = await restOn<string>(BASE, 'create', 'chat', { origin: location.origin, nickname: 'Reactor', state: 'Chatting' });
    let session: ChatSessionLike | null = null;
    const props: ReactAppProps = {
      url: URL_, interactionId: id, strings: { empty: 'Nothing said yet (React)' }, typingTimeout: 5000,
      onSession: (s) => { session = s; },
    };
    app = mount(container, props);

    const el = container.querySelector('gws-chat')!;
    expect(el).to.be.instanceOf(customElements.get('gws-chat')!);
    // Properties, not attributes: an object and a number arrive as they are.
    expect(el.strings).to.equal(props.strings);
    expect(el.typingTimeout).to.equal(5000);
    expect(el.interactionId).to.equal(id);
    expect(el.hasAttribute('strings') || el.hasAttribute('typingtimeout')).to.equal(false);
    await el.updateComplete;
    expect(plain(el.shadowRoot!.querySelector('.empty')?.textContent)).to.equal('Nothing said yet (React)');

    // `ongws-connection-change` reached React.
    await waitFor(() => container.querySelector('#element-chat .connection')?.textContent === 'connected', 'no gws-connection-change in React', { timeout: 10_000 });

    await restOn(BASE, 'agent', id, 'join', { nickname: 'Marat' });
    await restOn(BASE, 'agent', id, 'say', { text: 'Hello from the agent' });
    // `ongws-message` reached React, with its detail.
    await waitFor(() => container.querySelector('#element-chat .heard')?.textContent?.includes('Marat: Hello from the agent'),
      `gws-message never reached React (heard: ${container.querySelector('#element-chat .heard')?.textContent})`, { timeout: 10_000 });

    // The headless engine through the hook shows the same chat.
    const hook = container.querySelector('#hook-chat')!;
    await waitFor(() => [...hook.querySelectorAll('li')].some((li) => li.textContent === 'Marat: Hello from the agent'),
      `the hook never showed the message (${hook.textContent})`, { timeout: 10_000 });
    expect(hook.getAttribute('data-connection')).to.equal('connected');

    // A new prop value is set as the new property value.
    const strings = { empty: 'unused', send: 'Go' };
    app.render({ ...props, strings });
    expect(el.strings).to.equal(strings);

    // Unmounting removes the element and disconnects the hook's session.
    app.unmount();
    app = null;
    expect(el.isConnected).to.equal(false);
    expect(session).to.not.equal(null);
    expect(session!.connectionState).to.equal('disconnected');
  });
});
