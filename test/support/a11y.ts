// Browser-side helpers of the accessibility tests: axe-core (from node_modules, loaded into
// the page), accessible names as axe computes them, the announcer's words, a network cut.
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { expect } from '@open-wc/testing';
import type { GwsInteractionElement } from '../../src/elements/gws-interaction-element.js';
import { NOTIFICATIONS_URL, plain, setOffline } from './gws.js';
import { part } from './parts.js';

/** axe-core, as its script registered it on the window. */
export const axe = (): typeof Axe => (window as unknown as { axe: typeof Axe }).axe;

const describeResult = (r: Axe.Result) =>
  `${r.id} (${r.impact ?? 'n/a'}): ${r.help}\n${r.nodes.map((n) => `    ${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n')}`;

/**
 * Runs every axe rule (WCAG 2.0–2.2 A/AA and best practices, colour contrast included) on
 * the element, its shadow content included; fails with the violations. An "incomplete"
 * contrast check (axe could not tell the colours) fails too: contrast must be judged.
 */
export async function expectNoAxeViolations(el: Element, label: string): Promise<void> {
  const results = await axe().run(el, { resultTypes: ['violations', 'incomplete'] });
  const problems = [
    ...results.violations.map(describeResult),
    ...results.incomplete.filter((r) => r.id === 'color-contrast').map((r) => `unsure ${describeResult(r)}`),
  ];
  expect(problems.join('\n'), `${label}: axe`).to.equal('');
  const judged = [...results.passes, ...results.violations].some((r) => r.id === 'color-contrast');
  expect(judged, `${label}: colour contrast was not checked`).to.equal(true);
}

/** The accessible name of an element, as axe computes it. */
export function accessibleName(el: Element): string {
  axe().setup(el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host : document.documentElement);
  try {
    return plain(axe().commons.text.accessibleText(el));
  } finally {
    axe().teardown();
  }
}

/** Every announcement the element's live announcer makes from now on, each as its lines. */
export function announcements(el: GwsInteractionElement): string[][] {
  const region = part(el, 'announcer')!;
  const said: string[][] = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.addedNodes.length) said.push([...r.addedNodes].map((n) => plain(n.textContent)));
    }
  }).observe(region, { childList: true });
  return said;
}

const nativeOpen = XMLHttpRequest.prototype.open;
const nativeSend = XMLHttpRequest.prototype.send;
/** Requests opened while the network is cut: they fail like a dead network, unsent. */
const dead = new WeakSet<XMLHttpRequest>();

/**
 * Cuts this page's CometD traffic to the test server (its requests fail as on a dead
 * network, without reaching any server), or restores it; and says the browser is offline
 * when `offline`. Only this page is affected: the server, shared with other test files,
 * stays up.
 */
export function cutNetwork(cut: boolean, offline = cut): void {
  if (cut) {
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      if (String(args[1]).includes(NOTIFICATIONS_URL)) dead.add(this);
      return (nativeOpen as (...a: unknown[]) => void).apply(this, args);
    } as typeof XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      if (!dead.has(this)) return nativeSend.call(this, body);
      setTimeout(() => this.onerror?.(new ProgressEvent('error')), 0);
    };
  } else {
    XMLHttpRequest.prototype.open = nativeOpen;
    XMLHttpRequest.prototype.send = nativeSend;
  }
  setOffline(offline);
}

const nativeFetch = window.fetch;
/**
 * Answers this page's next `SendMessage` itself: `hang` never answers (until the request's
 * deadline aborts it), otherwise with `{statusCode, statusMessage}`. In the page, not on the
 * test server: its `failNext` is shared by the test files running at the same time.
 */
export function answerNextSend(answer: 'hang' | { statusCode: number; statusMessage: string }): void {
  window.fetch = (input, init) => {
    if (typeof init?.body !== 'string' || !init.body.includes('"operationName":"SendMessage"')) return nativeFetch(input, init);
    window.fetch = nativeFetch;
    if (answer !== 'hang') {
      return Promise.resolve(new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    }
    return new Promise((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
    });
  };
}

/** Puts the page's own `fetch` back. */
export function restoreFetch(): void {
  window.fetch = nativeFetch;
}
