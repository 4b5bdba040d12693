/**
 * What can be said when a request to the chat server got no HTTP answer at all. A browser
 * shows a page no difference between a request it blocked for want of CORS permission and
 * a network failure (both are a bare "failed"), so the diagnosis uses what can be known:
 * the server is on another origin than the page, and the browser says it is online. Then
 * the likely cause is the server's CORS set-up, and the message names it.
 */
import { baseUrl } from './api-root.js';

/** The likely cause of a chat server that does not answer although the browser is online. */
export interface ConnectionProblem {
  /**
   * `cross-origin`: the server is on another origin than the page, the browser is online,
   * and requests to the server failed without any HTTP answer (what a CORS refusal looks
   * like): the server must allow the page's origin, with credentials.
   */
  readonly kind: 'cross-origin';
  /** The server's origin, e.g. `https://gws.example.com`. */
  readonly serverOrigin: string;
  /** The page's origin, e.g. `https://shop.example`. */
  readonly pageOrigin: string;
  /** The problem in plain words (English), as `gws-error` tells it. */
  readonly message: string;
}

/** What the diagnosis needs to know of the page. */
export interface PageContext {
  /** The page's origin (`location.origin`), or `null` outside a page. */
  readonly origin: string | null;
  /** Whether the browser says it is online (`navigator.onLine`; `true` when unknown). */
  readonly online: boolean;
}

/** The page this code runs in. */
export function currentPage(): PageContext {
  const origin = globalThis.location?.origin;
  return {
    origin: typeof origin === 'string' && origin ? origin : null,
    online: globalThis.navigator?.onLine !== false,
  };
}

/** The message for a server on another origin that does not answer. */
export function crossOriginMessage(serverOrigin: string, pageOrigin: string): string {
  return `Could not reach the chat server at ${serverOrigin}. It is on another origin than this page: `
    + `it must allow this page's origin (${pageOrigin}) with credentials (CORS).`;
}

/** GWS servers that answered this page (so they do allow it): a later silence is the network's. */
const answered = new Set<string>();

/** Which server a URL is on: its origin and API root (`…/api/v2`), or its origin alone. */
function serverOf(url: string): string | null {
  try {
    const u = new URL(url, baseUrl());
    const root = /^(.*?\/api\/v\d+)(?:\/|$)/.exec(u.pathname);
    return `${u.origin}${root ? root[1] : ''}`;
  } catch {
    return null;
  }
}

/** A request to `url` got an HTTP answer the page could read: that server allows the page. */
export function noteAnswered(url: string): void {
  const server = serverOf(url);
  if (server) answered.add(server);
}

/**
 * The likely cause of a request to `url` that failed without any HTTP answer, or `null`
 * when nothing more than "no answer" can be said (same origin, offline, no page, a URL
 * that is not http(s), a server that has answered this page before: then it is an outage,
 * not its CORS set-up).
 */
export function diagnoseNoAnswer(url: string, page: PageContext = currentPage()): ConnectionProblem | null {
  if (!page.online || page.origin === null) return null;
  let serverOrigin: string;
  try {
    const target = new URL(url, page.origin === 'null' ? undefined : page.origin);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return null;
    serverOrigin = target.origin;
  } catch {
    return null;
  }
  if (serverOrigin === page.origin || answered.has(serverOf(url) ?? '')) return null;
  return { kind: 'cross-origin', serverOrigin, pageOrigin: page.origin, message: crossOriginMessage(serverOrigin, page.origin) };
}
