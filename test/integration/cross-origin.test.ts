// A GWS on another origin than the page: pages come from http://localhost:<port>, the
// simulators are reached through http://127.0.0.1:<port> (the same server, another origin).
// /gwsx allows the pages' origin (CORS with credentials), /gwsy has no allow-list (the
// browser blocks every request), /gwsz allows it too but starts each test with its CORS
// set-up switched off (fault `no-cors`), as a GWS configured later. Real browser, real
// simulators, no mocks.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { crossOriginMessage, diagnoseNoAnswer } from '../../src/transport/cross-origin.js';
import { OperationError, RestClient } from '../../src/transport/rest.js';
import { outage, partText, record, recover, restOn, serverStats, waitFor, type ReceivedOperation } from '../support/gws.js';
import { input } from '../support/parts.js';

const PAGE = location.origin;
const SERVER = `http://127.0.0.1:${location.port}`;
const ALLOWED = '/gwsx/api/v2';
const BLOCKED = '/gwsy/api/v2';
const LATER = '/gwsz/api/v2';
/** The CometD endpoint of a simulator, on the other origin. */
const endpoint = (base: string) => `${SERVER}${base}/notifications`;
const HINT = crossOriginMessage(SERVER, PAGE);

interface CrossOriginStats {
  handshakeRequests: number;
  preflights: number;
  refusedOrigins: number;
  jsonpRequests: number;
}
const stats = async (base: string) => (await serverStats(base)) as unknown as CrossOriginStats;
const fault = (base: string, which: 'no-cors' | null) => executeServerCommand('gws-cometd-fault', { basePath: base, fault: which });

/** Every resource the page loaded (the browser's own record), to look for JSONP. */
const resources: string[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) resources.push(entry.name);
}).observe({ type: 'resource', buffered: true });
/** Every script element added to the document (JSONP works through them). */
const scripts: string[] = [];
new MutationObserver((records) => {
  for (const node of records.flatMap((r) => [...r.addedNodes])) {
    if (node instanceof HTMLScriptElement) scripts.push(node.src);
  }
}).observe(document, { childList: true, subtree: true });

/**
 * Waits until the server refused `count` more requests for their origin (the client keeps
 * trying), or saw a JSONP request (which `expectNoJsonp` then reports).
 */
async function refusedMore(base: string, count: number, timeout: number): Promise<void> {
  const from = (await stats(base)).refusedOrigins;
  await waitFor(async () => {
    const now = await stats(base);
    return now.jsonpRequests > 0 || now.refusedOrigins >= from + count;
  }, `stopped trying (${base})`, { timeout });
  await expectNoJsonp(base);
}

/** Nothing the page or the server saw used CometD's JSONP transport. */
async function expectNoJsonp(...bases: string[]): Promise<void> {
  expect(resources.filter((name) => /jsonp/i.test(name)), 'JSONP requests the browser made').to.deep.equal([]);
  expect(scripts.filter((src) => src.includes('127.0.0.1')), 'script elements to the server').to.deep.equal([]);
  for (const base of bases) expect((await stats(base)).jsonpRequests, `JSONP requests ${base} received`).to.equal(0);
}

/** `waitFor`, with a message made when it fails (it tells how things stand then). */
async function until(predicate: () => unknown, failure: () => string, timeout = 5000): Promise<void> {
  try {
    await waitFor(predicate, undefined, { timeout });
  } catch {
    throw new Error(`Timeout: ${failure()}`);
  }
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const transportErrors = (errors: CustomEvent<{ kind: string; message: string }>[]) =>
  errors.filter((e) => e.detail.kind === 'transport').map((e) => e.detail.message);

afterEach(async () => {
  fixtureCleanup();
  await fault(LATER, null);
  await recover(LATER);
  await restOn(ALLOWED, 'setCsrf', { enforced: false });
  localStorage.clear();
  sessionStorage.clear();
});

describe('a GWS on another origin', function () {
  this.timeout(60_000);

  it('upgrades', async () => {
    const el = await fixture<GwsChat>(html`<gws-chat></gws-chat>`);
    expect(el).to.be.instanceOf(customElements.get('gws-chat'));
    expect(new URL(SERVER).origin).to.not.equal(PAGE);
  });

  describe('the diagnosis of a request without answer', () => {
    const online = { origin: 'https://shop.example', online: true };

    it('names the server, the page and CORS when the server is on another origin and the browser is online', () => {
      const problem = diagnoseNoAnswer('https://gws.example.com/api/v2/notifications', online);
      expect(problem).to.deep.equal({
        kind: 'cross-origin',
        serverOrigin: 'https://gws.example.com',
        pageOrigin: 'https://shop.example',
        message: 'Could not reach the chat server at https://gws.example.com. It is on another origin than this page: '
          + "it must allow this page's origin (https://shop.example) with credentials (CORS).",
      });
    });

    it('says nothing more on the same origin, offline, or for what is not http(s)', () => {
      expect(diagnoseNoAnswer('/api/v2/notifications', online)).to.equal(null);
      expect(diagnoseNoAnswer('https://shop.example/api/v2/notifications', online)).to.equal(null);
      expect(diagnoseNoAnswer('https://gws.example.com/api/v2/notifications', { ...online, online: false })).to.equal(null);
      expect(diagnoseNoAnswer('https://gws.example.com/api/v2', { origin: null, online: true })).to.equal(null);
      expect(diagnoseNoAnswer('ftp://gws.example.com/api/v2', online)).to.equal(null);
      expect(diagnoseNoAnswer('http://[not a url', online)).to.equal(null);
      // Another port, or another scheme, is another origin.
      expect(diagnoseNoAnswer('https://shop.example:8443/api/v2', online)?.serverOrigin).to.equal('https://shop.example:8443');
      expect(diagnoseNoAnswer('http://shop.example/api/v2', online)?.serverOrigin).to.equal('http://shop.example');
    });
  });

  describe('that allows the page (CORS with credentials)', () => {
    it('connects, starts a chat, hears the agent and sends, with preflights, CSRF and the tenant header, never JSONP', async () => {
      // CSRF enforced: the token is read from headers only an exposed header list lets the page see.
      await restOn(ALLOWED, 'setCsrf', { enforced: true, rotate: true });
      const before = await stats(ALLOWED);
      const el = await fixture<GwsChat>(html`<gws-chat url=${endpoint(ALLOWED)} contact-center-id="tenant-7" nickname="Ada"></gws-chat>`);
      const errors = record(el, 'gws-error');
      const started = record(el, 'gws-chat-started');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="start-button"]')!.click();
      await until(() => started.length === 1,
        () => `no chat started (${el.connectionState}; ${errors.map((e) => e.detail.message).join(' ')})`, 15_000);
      const id = started[0]!.detail.interactionId;
      expect(el.connectionState).to.equal('connected');
      expect(el.session.connectionProblem).to.equal(null);

      await restOn(ALLOWED, 'agent', id, 'join');
      await restOn(ALLOWED, 'agent', id, 'say', { text: 'Hello from the other origin' });
      await waitFor(() => el.messages.some((m) => m.text === 'Hello from the other origin'), 'the agent was not heard');
      await waitFor(() => el.capabilities.includes('SendMessage'));

      input(el).focus();
      await sendKeys({ type: 'Hi, cross-origin' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.messages.some((m) => m.own && m.text === 'Hi, cross-origin') && el.pendingMessages.length === 0,
        'the message was not echoed');

      const ops = await restOn<ReceivedOperation[]>(ALLOWED, 'received', id);
      const sent = ops.find((op) => op.operationName === 'SendMessage' && op.body['text'] === 'Hi, cross-origin');
      expect(sent, 'SendMessage reached the server').to.exist;
      expect(sent!.contactCenterId).to.equal('tenant-7');
      expect(sent!.csrf, 'the CSRF header, read from an exposed response header').to.be.a('string').and.not.empty;
      const requested = (await restOn<ReceivedOperation[]>(ALLOWED, 'received')).filter((op) => op.operationName === 'RequestChat');
      expect(requested.at(-1)!.contactCenterId).to.equal('tenant-7');
      // The log was read too (the first catch-up of a chat reads it whole).
      expect((await restOn<{ path: string }[]>(ALLOWED, 'reads')).some((r) => r.path.endsWith(`/chats/${id}/messages`))).to.equal(true);

      const after = await stats(ALLOWED);
      expect(after.preflights - before.preflights, 'preflights answered').to.be.above(0);
      expect(after.refusedOrigins - before.refusedOrigins, 'requests refused for their origin').to.equal(0);
      expect(resources.some((name) => name.startsWith(`${SERVER}${ALLOWED}/notifications`)), 'the observer sees CometD requests').to.equal(true);
      await expectNoJsonp(ALLOWED);
      expect(errors.map((e) => e.detail), 'gws-error').to.deep.equal([]);
    });
  });

  describe('that does not allow the page', () => {
    it('says so in the status, fires one transport gws-error naming the origins and CORS, never JSONP, and keeps trying', async () => {
      const before = await stats(BLOCKED);
      const el = await fixture<GwsChat>(html`<gws-chat url=${endpoint(BLOCKED)} interaction-id="CROSSORIGIN0001"></gws-chat>`);
      const errors = record(el, 'gws-error');
      await until(() => partText(el, 'status').includes('CORS'), () => `no hint in the status: "${partText(el, 'status')}"`);
      await el.updateComplete;
      expect(partText(el, 'status')).to.match(new RegExp(`^Connecting… ${escaped(HINT)}( Next try in \\d+ s\\.)? Reconnect now$`));
      expect(el.shadowRoot!.querySelector('[part="reconnect-button"]')).to.exist;
      expect(el.connectionState).to.equal('connecting');
      expect(el.session.connectionProblem).to.deep.include({ kind: 'cross-origin', serverOrigin: SERVER, pageOrigin: PAGE });
      await waitFor(() => errors.length > 0, 'no gws-error');
      const error = errors[0]!.detail;
      expect(error.kind).to.equal('transport');
      expect(error.message).to.equal(HINT);
      expect(error.message).to.contain(PAGE).and.contain(SERVER).and.contain('CORS');

      // It keeps trying on the schedule, and says it once.
      await refusedMore(BLOCKED, 3, 20_000);
      expect(el.session.retryAt === null || el.session.retryAt - Date.now() <= 30_000).to.equal(true);
      expect(errors.map((e) => e.detail), 'gws-error').to.deep.equal([{ kind: 'transport', message: HINT }]);
      expect(el.connectionState).to.equal('connecting');
      const after = await stats(BLOCKED);
      expect(after.handshakeRequests, 'no handshake got through the browser').to.equal(before.handshakeRequests);
      expect(after.preflights).to.equal(0);
      await expectNoJsonp(BLOCKED);
      await expect(el).to.be.accessible();
    });

    it('names the likely cause in a REST failure too', async () => {
      const client = new RestClient({ contactCenterId: 'tenant-7' });
      let failure: unknown;
      try {
        await client.post(`${SERVER}${BLOCKED}/chats`, { operationName: 'RequestChat', nickname: 'Ada' });
      } catch (e) {
        failure = e;
      }
      expect(failure).to.be.instanceOf(OperationError);
      expect((failure as OperationError).failure).to.equal('network');
      expect((failure as OperationError).message).to.equal(HINT);
      // A simple GET (no preflight) is answered by the server, without CORS headers: blocked all the same.
      const read = await client.get(`${SERVER}${BLOCKED}/me`).catch((e: unknown) => e);
      expect((read as OperationError).message).to.equal(HINT);
    });
  });

  describe('configured later', () => {
    it('connects without a reload once the server allows the page; a later outage is not blamed on CORS', async () => {
      await fault(LATER, 'no-cors');
      const el = await fixture<GwsChat>(html`<gws-chat url=${endpoint(LATER)} interaction-id="CROSSORIGIN0002"></gws-chat>`);
      const errors = record(el, 'gws-error');
      await waitFor(() => transportErrors(errors).length === 1, 'no gws-error');
      expect(transportErrors(errors)).to.deep.equal([crossOriginMessage(SERVER, PAGE)]);
      await el.updateComplete;
      expect(partText(el, 'status')).to.contain(HINT);
      // A few attempts fail (the schedule climbs) before the server is configured.
      await refusedMore(LATER, 2, 10_000);

      await fault(LATER, null);
      await until(() => el.connectionState === 'connected', () => `never connected (${el.connectionState})`, 20_000);
      await el.updateComplete;
      expect(partText(el, 'status')).to.not.contain('CORS');
      expect(el.session.connectionProblem).to.equal(null);
      expect(transportErrors(errors)).to.have.length(1);

      // It has answered this page: a later silence is an outage, not its CORS set-up. The
      // customer sees "Reconnecting…" without the developer's hint, and no new gws-error.
      await fault(LATER, 'no-cors');
      await outage(LATER);
      await recover(LATER);
      await until(() => el.connectionState === 'reconnecting', () => `not reconnecting (${el.connectionState})`, 30_000);
      await refusedMore(LATER, 2, 20_000);
      await el.updateComplete;
      expect(partText(el, 'status')).to.contain('Connection lost. Reconnecting…').and.not.contain('CORS');
      expect(transportErrors(errors)).to.have.length(1);
      await fault(LATER, null);
      await until(() => el.connectionState === 'connected', () => `never reconnected (${el.connectionState})`, 30_000);
      await expectNoJsonp(LATER);
    });
  });
});
