// Pages of a site with the one tag (test/widget/pages/, served under the strict CSP), opened
// in iframes of the test page: same origin and the same tab, so they share its
// sessionStorage and localStorage as a site's pages do.
import { executeServerCommand } from '@web/test-runner-commands';
import type { GwsChatWidget } from '../../src/widget/gws-chat-widget.js';
import { restOn, waitFor } from '../support/gws.js';

export const BASE = '/gwsw/api/v2';

export interface SitePage {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis & { cspViolations: string[] };
  doc: Document;
  widget: GwsChatWidget;
  /** The shadow root's element matching `selector`. */
  $<T extends Element = HTMLElement>(selector: string): T | null;
  /** Paths of every resource the page loaded (scripts, requests). */
  resources(): string[];
}

const frames: HTMLIFrameElement[] = [];

/** Opens a page of the site (`shop.html` or `flaky.html`) with `query` setting the widget's attributes. */
export async function openPage(query = '', { page = 'shop.html', width = 800, height = 600, frame }: {
  page?: string; width?: number; height?: number; frame?: HTMLIFrameElement;
} = {}): Promise<SitePage> {
  const f = frame ?? document.createElement('iframe');
  f.width = String(width);
  f.height = String(height);
  const loaded = new Promise((resolve) => f.addEventListener('load', resolve, { once: true }));
  f.src = `/test/widget/pages/${page}?${query}`;
  if (!frame) {
    document.body.append(f);
    frames.push(f);
  }
  await loaded;
  const win = f.contentWindow as SitePage['win'];
  const doc = f.contentDocument!;
  await waitFor(() => win.customElements.get('gws-chat-widget'), 'the widget was never defined');
  const widget = doc.querySelector('gws-chat-widget') as GwsChatWidget;
  return {
    frame: f, win, doc, widget,
    $: (selector) => widget.shadowRoot!.querySelector(selector),
    resources: () => win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname),
  };
}

/** Removes every page opened and forgets what the site stored (each test starts as a new visitor). */
export function closePages(): void {
  for (const f of frames.splice(0)) f.remove();
  localStorage.clear();
  sessionStorage.clear();
}

/** The element of the chat's shadow root matching `selector`. */
export const inChat = <T extends Element = HTMLElement>(page: SitePage, selector: string): T | null =>
  page.widget.chat?.shadowRoot?.querySelector<T>(selector) ?? null;

/** Waits until the panel shows its form (the chat and the panel have loaded). */
export async function formShown(page: SitePage): Promise<HTMLFormElement> {
  await waitFor(() => { const f = page.$<HTMLFormElement>('[part="prechat-form"]'); return f && !f.hidden; }, 'the form never showed', { timeout: 8000 });
  return page.$<HTMLFormElement>('[part="prechat-form"]')!;
}

/** Fills the form's fields by name. */
export function fill(page: SitePage, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const input = page.$<HTMLInputElement>(`input[name="${name}"]`) ?? page.doc.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/** Opens the panel, fills the form and starts a chat; resolves with its id once the agent joined. */
export async function startChat(page: SitePage, values: Record<string, string> = { nickname: 'Ada' }): Promise<string> {
  if (!page.widget.opened) page.$<HTMLButtonElement>('[part="launcher"]')!.click();
  await formShown(page);
  fill(page, values);
  page.$<HTMLButtonElement>('[part="start-button"]')!.click();
  await waitFor(() => page.widget.chat?.interactionId, 'the chat never started', { timeout: 8000 });
  const id = page.widget.chat!.interactionId;
  await agent(id, 'join');
  await waitFor(() => page.widget.chat!.messages.some((m) => m.type === 'ParticipantJoined' && m.from?.type === 'Agent'), 'the agent never joined');
  return id;
}

/** What the widget simulator's agent does in a chat. */
export const agent = (id: string, action: string, options: Record<string, unknown> = {}) => restOn(BASE, 'agent', id, action, options);

/** Makes the page look hidden (a tab in the background) or visible again. */
export function setHidden(page: SitePage, hidden: boolean): void {
  Object.defineProperty(page.doc, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  page.doc.dispatchEvent(new Event('visibilitychange'));
}

/** Makes /widget-flaky/ refuse the chat and the panel (503) or serve them again. */
export const setFlaky = (on: boolean) => executeServerCommand('widget-flaky', { on });

/** The size of a built file, raw and with gzip -9. */
export const gzipSize = (path: string) => executeServerCommand('gzip-size', { path }) as Promise<{ raw: number; gzip: number }>;
