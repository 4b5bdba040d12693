// The package as a user installs it: `npm pack`, installed in a fresh folder next to the
// host's own lit (scripts/check-package.mjs, run by `npm test` first, prepares the folder
// and two pages in it). Each page is loaded as a user's site would be, and a chat is held
// through it against the simulator. Nothing here comes from src/.
import { expect } from '@open-wc/testing';
import { agent, waitFor } from '../support/gws.js';
import { part, parts } from '../support/parts.js';

const DIR = '/node_modules/.cache/gws-chat-pack';

interface ChatElement extends HTMLElement {
  interactionId: string;
  messages: readonly { text: string }[];
  updateComplete: Promise<boolean>;
}

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
  // A chat started by one page is remembered for the site: the next test starts afresh.
  localStorage.clear();
});

async function load(page: string): Promise<Window> {
  const head = await fetch(`${DIR}/${page}`, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${DIR}/${page} is missing: run \`node scripts/check-package.mjs\` first (npm test does)`);
  const frame = document.createElement('iframe');
  frames.push(frame);
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.src = `${DIR}/${page}`;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow!;
}


for (const [page, how] of [['cdn.html', 'the CDN-style script bundle (dist/gws-chat.min.js)'], ['app.html', "an ES module app that imports 'gws-chat/gws-chat.js'"]] as const) {
  describe(`installed package: ${how}`, function () {
    this.timeout(30_000);

    it('renders <gws-chat> from markup, starts a chat from its button, shows the agent', async () => {
      const w = await load(page);
      await waitFor(() => w.customElements.get('gws-chat'), 'gws-chat never defined');
      const el = w.document.querySelector('gws-chat') as ChatElement;
      await waitFor(() => part(el, 'start-button'), 'no Start chat button');
      part(el, 'start-button')!.click();
      await waitFor(() => el.interactionId, 'no chat started', { timeout: 10_000 });
      await agent(el.interactionId, 'join');
      await agent(el.interactionId, 'say', { text: `hello from ${page}` });
      await waitFor(() => el.messages.some((m) => m.text === `hello from ${page}`), 'the agent\'s message never shown', { timeout: 10_000 });
      await el.updateComplete;
      const shown = parts(el, 'message-text').map((m) => m.textContent ?? '');
      expect(shown.some((t) => t.includes(`hello from ${page}`)), shown.join(' | ')).to.equal(true);
    });
  });
}

describe('installed package: the ES module app', () => {
  it('uses the host\'s lit (one copy): gws-chat\'s element is an instance of the host\'s LitElement', async () => {
    const w = await load('app.html') as Window & { appReady?: { gwsChat: CustomElementConstructor; hostLit: CustomElementConstructor } };
    await waitFor(() => w.appReady, 'the app never ran');
    expect(w.appReady!.gwsChat.prototype instanceof w.appReady!.hostLit).to.equal(true);
  });
});
