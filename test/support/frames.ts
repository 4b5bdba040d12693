// Tabs of the site in tests: frames of the test page (one browser context, so they share
// Web Locks, BroadcastChannel and localStorage, as tabs do), each loading the built lib/
// (test/session/frame.html) and running a ChatSession against one simulator.
import { LOG_TYPES } from '../../src/model/transcript.js';
import type { ChatSession } from '../../src/session/chat-session.js';
import { restOn } from './gws.js';

/** A page of the site: the package's API, and how many CometD connections it holds. */
export type SessionTab = Window & { gws: typeof import('../../src/index.js'); openConnectionCount(): number };
/** A page of the site with its session. */
export interface OpenedTab { tab: SessionTab; frame: HTMLIFrameElement; session: ChatSession }

/** Resolves once `frame` has (re)loaded the site's page and its package is ready. */
function loaded(frame: HTMLIFrameElement): Promise<SessionTab> {
  return new Promise((resolve) => {
    frame.addEventListener('load', () => {
      const w = frame.contentWindow as SessionTab;
      if (w.gws) resolve(w);
      else w.addEventListener('gws-ready', () => resolve(w), { once: true });
    }, { once: true });
  });
}

/** The tabs a test opens on the endpoint `url`; `closeAll()` after each test. */
export class Tabs {
  readonly #frames: HTMLIFrameElement[] = [];

  constructor(private readonly url: string) {}

  /** Loads a page of the site without a session yet. */
  async prepare(): Promise<{ tab: SessionTab; frame: HTMLIFrameElement }> {
    const frame = document.createElement('iframe');
    this.#frames.push(frame);
    const ready = loaded(frame);
    frame.src = '/test/session/frame.html';
    document.body.append(frame);
    return { tab: await ready, frame };
  }

  /** Starts a connected session in a prepared page (it follows the remembered chat, or `interactionId`). */
  start(page: { tab: SessionTab; frame: HTMLIFrameElement }, options: Record<string, unknown> = {}): OpenedTab {
    const session = new page.tab.gws.ChatSession({ url: this.url, ...options }) as unknown as ChatSession;
    session.connect();
    return { ...page, session };
  }

  /** Opens a tab of the site with a connected session. */
  async open(options: Record<string, unknown> = {}): Promise<OpenedTab> {
    return this.start(await this.prepare(), options);
  }

  /** Reloads a tab; its page starts a new session. */
  async reload(t: OpenedTab, options: Record<string, unknown> = {}): Promise<OpenedTab> {
    const ready = loaded(t.frame);
    t.tab.location.reload();
    return this.start({ tab: await ready, frame: t.frame }, options);
  }

  /** Closes every tab opened (their pages are unloaded: locks freed). */
  closeAll(): void {
    for (const f of this.#frames.splice(0)) f.remove();
  }
}

/** Closes a tab: its page is unloaded (pagehide), its locks are freed. */
export const closeTab = (t: { frame: HTMLIFrameElement }) => t.frame.remove();

/** The tabs that hold the CometD connection (the leader, when all is well). */
export const leaders = <T extends { tab: SessionTab }>(tabs: T[]) => tabs.filter((t) => t.tab.openConnectionCount() > 0);

/** A session's log as `index:type:text` lines. */
export const shown = (s: ChatSession) => s.messages.map((m) => `${m.index}:${m.type}:${m.text}`);

interface ServerMessage { index: number; type: string; text?: string; visibility: string }
/** The simulator's log of a chat as the customer may see it, as `index:type:text` lines. */
export async function serverView(basePath: string, id: string): Promise<string[]> {
  const log = await restOn<ServerMessage[]>(basePath, 'log', id);
  return log.filter((m) => m.visibility === 'All' && LOG_TYPES.has(m.type)).map((m) => `${m.index}:${m.type}:${m.text ?? ''}`);
}
