// The build output as a host page uses it: dist/gws-chat.min.js loaded with a plain
// <script> tag (built by `npm run build`, which `npm test` runs first). This file imports
// nothing from src/, so the elements come only from the bundle.
import { expect, waitUntil } from '@open-wc/testing';
import { AGENT, CHAT_TOPIC, NOTIFICATIONS_URL, chatLog, publish, uniqueId, waitFor, wireMessage } from '../support/gws.js';
import { part } from '../support/parts.js';

interface BundleGlobal {
  GwsChatElements?: Record<string, unknown>;
}

function loadClassicScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

describe('dist/gws-chat.min.js (script tag)', () => {
  before(() => loadClassicScript('/dist/gws-chat.min.js'));

  it('defines both elements and exposes the API as window.GwsChatElements', () => {
    expect(customElements.get('gws-chat')).to.be.a('function');
    expect(customElements.get('gws-facebook-session')).to.be.a('function');
    const api = (window as unknown as BundleGlobal).GwsChatElements!;
    expect(api['GwsChat']).to.equal(customElements.get('gws-chat'));
    expect(api['parseNotification']).to.be.a('function');
    expect(api['ChatSession']).to.be.a('function');
  });

  it('runs a ChatSession with no element, from the bundle alone (the README example)', async () => {
    const id = uniqueId();
    const { ChatSession } = (window as unknown as BundleGlobal).GwsChatElements as {
      ChatSession: new (o: object) => EventTarget & {
        connect(): void; disconnect(): void; connectionState: string; messages: readonly { text: string }[];
      };
    };
    const session = new ChatSession({ url: NOTIFICATIONS_URL, interactionId: id });
    const heard: string[] = [];
    session.addEventListener('gws-message', (e) => heard.push((e as CustomEvent).detail.message.text));
    session.connect();
    try {
      await waitUntil(() => session.connectionState === 'connected', 'never connected', { timeout: 8000 });
      await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'Hello, headless' })]));
      await waitFor(() => session.messages.length === 1, 'the message never shown');
      expect(heard).to.deep.equal(['Hello, headless']);
    } finally {
      session.disconnect();
    }
  });

  it('shows a live conversation from markup alone', async () => {
    const id = uniqueId();
    const host = document.createElement('div');
    // The host page's markup, exactly as the README shows it.
    const el = document.createElement('gws-chat');
    el.setAttribute('url', NOTIFICATIONS_URL);
    el.setAttribute('interaction-id', id);
    host.append(el);
    document.body.append(host);
    try {
      await waitUntil(() => el.connectionState === 'connected', 'bundle element never connected', { timeout: 8000 });
      await publish(CHAT_TOPIC, chatLog(id, [wireMessage(1, 'Text', AGENT, { text: 'Hello from the bundle' })]));
      await waitFor(() => part(el, 'message-text')?.querySelector('.body')?.textContent === 'Hello from the bundle', 'the message never shown');
    } finally {
      host.remove();
    }
  });

  it('is styled by the public custom properties, through its minified CSS (private properties renamed)', async () => {
    const el = document.createElement('gws-chat') as HTMLElement & { updateComplete: Promise<unknown> };
    el.style.setProperty('--gws-chat-background', 'rgb(1, 2, 3)');
    el.style.setProperty('--gws-chat-border-color', 'rgb(4, 5, 6)');
    el.style.setProperty('--gws-chat-font-size', '17px');
    el.style.setProperty('--gws-chat-spacing', '10px');
    el.style.setProperty('--gws-chat-muted-color', 'rgb(7, 8, 9)');
    document.body.append(el);
    try {
      await el.updateComplete;
      const host = getComputedStyle(el);
      expect(host.backgroundColor, 'background').to.equal('rgb(1, 2, 3)');
      expect(host.borderTopColor, 'border').to.equal('rgb(4, 5, 6)');
      expect(host.fontSize, 'font size').to.equal('17px');
      expect(getComputedStyle(part(el, 'log')!).paddingTop, 'spacing').to.equal('10px');
      expect(getComputedStyle(part(el, 'empty')!).color, 'muted text').to.equal('rgb(7, 8, 9)');
    } finally {
      el.remove();
    }
  });
});

describe('dist/gws-chat.esm.min.js (one ES module)', () => {
  it('exports the classes and reuses the already-defined tags', async () => {
    const url = '/dist/gws-chat.esm.min.js';
    const esm = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    expect(esm['GwsChat']).to.be.a('function');
    expect(esm['GwsFacebookSession']).to.be.a('function');
    expect(esm['CHAT']).to.have.property('topic', '/v2/me/chats');
  });
});
