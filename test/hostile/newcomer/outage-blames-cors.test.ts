// A GWS on another origin that IS correctly set up (CORS allowed, the page already connected
// through it) goes away for a moment (restart, network blip: requests fail without an HTTP
// answer). The README's hint is for a GWS that does not allow the page; here it is wrong,
// and it is shown to the customer. Simulated by cutting the page's fetches (no server outage,
// so other test files sharing /gwsx are not disturbed).
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import { uniqueId } from '../../support/gws.js';
import { partText } from '../../support/parts.js';
import { neverWithin } from '../../support/time.js';

const SERVER = `http://127.0.0.1:${location.port}`;
const ALLOWED = `${SERVER}/gwsx/api/v2/notifications`;

// CometD uses XMLHttpRequest (onerror/onabort alike: no HTTP answer); REST uses fetch.
let cut = false;
const inflight = new Set<XMLHttpRequest>();
const realSend = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
  realSend.call(this, body);
  if (cut) { setTimeout(() => this.abort()); return; }
  inflight.add(this);
  this.addEventListener('loadend', () => inflight.delete(this));
};
const realFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
  cut ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
function cutNetwork(on: boolean) {
  cut = on;
  if (on) for (const x of [...inflight]) x.abort();
}

describe('newcomer: an allowed cross-origin GWS that drops for a moment', function () {
  this.timeout(30000);
  afterEach(() => { cutNetwork(false); fixtureCleanup(); localStorage.clear(); });

  it('does not tell the customer (nor gws-error) that CORS is missing after it already connected from this origin', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${ALLOWED} interaction-id=${uniqueId()}></gws-chat>`);
    const errors: string[] = [];
    el.addEventListener('gws-error', (e) => errors.push(`${e.detail.kind}: ${e.detail.message}`));
    await waitUntil(() => el.connectionState === 'connected', 'never connected', { timeout: 10000 });
    cutNetwork(true);
    await waitUntil(() => el.connectionState === 'reconnecting', 'never noticed', { timeout: 10000 });
    await neverWithin(1500, () => /CORS|another origin/.test(partText(el, 'status')) || errors.some((m) => /CORS/.test(m)),
      () => `status "${partText(el, 'status')}", errors ${errors.join('; ')}`);
    const shown = partText(el, 'status');
    cutNetwork(false);
    expect(shown, 'status while reconnecting').not.to.match(/CORS|another origin/);
    expect(errors.filter((m) => /CORS/.test(m)), 'gws-error blaming CORS').to.deep.equal([]);
  });
});
