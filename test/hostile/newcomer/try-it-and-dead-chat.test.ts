// Two things a newcomer meets following the README.
// 1. "Try it" (README, Against a real GWS): a page on a NOT allowed origin, no interaction-id,
//    the customer presses Start chat. README: "the status names the cause and keeps retrying",
//    and ONE gws-error of kind transport per run of failures.
// 2. The remembered chat is gone from the server (GWS/simulator restarted, chat expired): the
//    element resumes it from localStorage, the server answers 404. The customer must be able
//    to start a new chat (not be stuck for 2 hours on a chat the server does not know).
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../../src/gws-chat.js';
import type { GwsChat } from '../../../src/elements/gws-chat.js';
import { rememberChat } from '../../../src/session/persistence.js';
import { CHAT } from '../../../src/protocol/medium.js';
import { uniqueId } from '../../support/gws.js';
import { part, partText } from '../../support/parts.js';
import { holdsFor } from '../../support/time.js';

const SERVER = `http://127.0.0.1:${location.port}`;
const BLOCKED = `${SERVER}/gwsy/api/v2/notifications`; // simulator without an allow-list

describe('newcomer: README "Try it" from an origin that is not allowed, pressing Start chat', function () {
  this.timeout(40000);
  afterEach(() => { fixtureCleanup(); localStorage.clear(); });

  it('keeps naming the cause in the status, and fires one gws-error, past the 15 s request deadline', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat url=${BLOCKED} nickname="Ada"></gws-chat>`);
    const errors: string[] = [];
    el.addEventListener('gws-error', (e) => errors.push(`${e.detail.kind}: ${e.detail.message}`));
    (part(el, 'start-button') as HTMLButtonElement).click();
    await waitUntil(() => /another origin/.test(partText(el, 'status')), 'no CORS hint', { timeout: 8000 });
    // Through and past the 15 s deadline of the start: the hint stays, no generic notice replaces it.
    await holdsFor(19000, () => /another origin/.test(partText(el, 'status')) && !/could not be started/.test(part(el, 'error')?.textContent ?? ''),
      () => `status "${partText(el, 'status')}", notice "${partText(el, 'error')}"`, { interval: 100 });
    expect(partText(el, 'status'), 'status after 19 s').to.match(/another origin/);
    expect(part(el, 'error')?.textContent ?? '', 'generic error notice replaced the hint').not.to.match(/could not be started/);
    expect(errors, 'gws-error events').to.have.length(1);
  });
});

describe('newcomer: a remembered chat the server no longer knows (404)', function () {
  this.timeout(20000);
  afterEach(() => { fixtureCleanup(); localStorage.clear(); });

  it('lets the customer start a new chat instead of being stuck on the dead one', async () => {
    const url = '/api/v2/notifications';
    rememberChat(url, CHAT, uniqueId('GONE')); // as left by a chat on a server that restarted since
    const el = await fixture<GwsChat>(html`<gws-chat url=${url} nickname="Ada"></gws-chat>`);
    await waitUntil(() => /could not be found/i.test(part(el, 'error')?.textContent ?? ''), 'no 404 notice', { timeout: 10000 });
    await waitUntil(() => !!part(el, 'start-button') || el.ended, 'neither Start chat nor ended', { timeout: 5000 }).catch(() => {});
    const canStart = !!part(el, 'start-button') || el.ended;
    expect(canStart, 'Start chat offered (or the chat counted as ended)').to.equal(true);
    const started = await el.startChat({}).then((id) => `ok ${id}`, (e: Error & { reason?: string }) => `rejected ${e.reason}: ${e.message}`);
    expect(started).to.match(/^ok /);
  });
});
