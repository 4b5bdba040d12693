// The CometD connection against a real CometD server that misbehaves: denied handshakes,
// sessions no node knows, outages. Every test runs on its own simulator (/gws4), which only
// this file uses (its faults and outages are global to that server).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { reconnectDelay } from '../../src/transport/backoff.js';
import { CometdConnection, type ConnectionState, type TopicObserver } from '../../src/transport/connection.js';
import { CHAT_TOPIC, outage, recover, serverStats, waitFor } from '../support/gws.js';

const BASE = '/gws4/api/v2';
const URL4 = `${BASE}/notifications`;

type Fault = 'deny-handshake' | 'unknown-client' | null;
const fault = (which: Fault) => executeServerCommand('gws-cometd-fault', { basePath: BASE, fault: which });
const handshakeRequests = async () => ((await serverStats(BASE)) as unknown as { handshakeRequests: number }).handshakeRequests;

interface Told { state: ConnectionState; retryAt: number | null; at: number }

/** An observer that remembers what it was told, and when. */
class Recorder implements TopicObserver {
  readonly told: Told[] = [];
  readonly errors: string[] = [];
  notification(): void {}
  state(state: ConnectionState, retryAt: number | null): void {
    this.told.push({ state, retryAt, at: Date.now() });
  }
  error(message: string): void {
    this.errors.push(message);
  }
  get last(): Told | undefined {
    return this.told[this.told.length - 1];
  }
  /** The waits announced so far (ms from the report to `retryAt`). */
  get waits(): number[] {
    return this.told.filter((t) => t.retryAt !== null).map((t) => t.retryAt! - t.at);
  }
}

const stops: (() => void)[] = [];
/** A connection of its own (not the page's shared one), with predictable jitter. */
function open(random: () => number, url = URL4): { connection: CometdConnection; observer: Recorder; stop: () => void } {
  const connection = new CometdConnection(url, () => {}, { random });
  const observer = new Recorder();
  const stop = connection.subscribe(CHAT_TOPIC, observer);
  stops.push(stop);
  return { connection, observer, stop };
}

/** Waits until the observer is told that the next attempt is more than `ms` away. */
async function waitingLongerThan(observer: Recorder, ms: number, timeout = 10_000): Promise<number> {
  await waitFor(() => observer.last?.retryAt != null && observer.last.retryAt - Date.now() > ms,
    `never waited more than ${ms} ms (told ${JSON.stringify(observer.last)})`, { timeout });
  return observer.last!.retryAt!;
}

const near = (actual: number[], expected: number[]) => {
  expect(actual.length, `waits ${actual}`).to.equal(expected.length);
  actual.forEach((wait, i) => expect(wait, `wait ${i + 1} of ${actual}`).to.be.within(expected[i]! - 40, expected[i]! + 5));
};

/**
 * Records the timeouts started and window/document listeners added from now on; the
 * returned function lists those still pending / still attached (the test runner's own
 * timers aside). `restore()` puts the real functions back.
 */
function watchTimersAndListeners(): (() => { timers: string[]; listeners: string[] }) & { restore(): void } {
  const pending = new Map<number, string>();
  const realSetTimeout = window.setTimeout;
  const realClearTimeout = window.clearTimeout;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const handle: number = realSetTimeout(() => {
      pending.delete(handle);
      if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...rest);
    }, ms);
    pending.set(handle, new Error().stack ?? '');
    return handle;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((handle?: number) => {
    if (handle !== undefined) pending.delete(handle);
    realClearTimeout(handle);
  }) as typeof window.clearTimeout;
  const attached = new Map<string, unknown>();
  const targets = [window, document] as const;
  const real = targets.map((t) => ({ add: t.addEventListener, remove: t.removeEventListener }));
  targets.forEach((target, i) => {
    const name = i === 0 ? 'window' : 'document';
    target.addEventListener = function (this: EventTarget, type: string, fn: EventListenerOrEventListenerObject, o?: boolean | AddEventListenerOptions) {
      attached.set(`${name}:${type}`, fn);
      real[i]!.add.call(this, type, fn, o);
    } as typeof target.addEventListener;
    target.removeEventListener = function (this: EventTarget, type: string, fn: EventListenerOrEventListenerObject, o?: boolean | EventListenerOptions) {
      if (attached.get(`${name}:${type}`) === fn) attached.delete(`${name}:${type}`);
      real[i]!.remove.call(this, type, fn, o);
    } as typeof target.removeEventListener;
  });
  const infrastructure = /__web-dev-server__|testing-helpers|test-runner-commands/;
  const leftovers = () => ({
    timers: [...pending.values()].filter((stack) => !infrastructure.test(stack)),
    listeners: [...attached.keys()],
  });
  return Object.assign(leftovers, {
    restore() {
      window.setTimeout = realSetTimeout;
      window.clearTimeout = realClearTimeout;
      targets.forEach((target, i) => {
        target.addEventListener = real[i]!.add;
        target.removeEventListener = real[i]!.remove;
      });
    },
  });
}

afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await fault(null);
  await recover(BASE);
});

describe('CometdConnection', function () {
  this.timeout(40_000);

  describe('after the server denied a handshake (403, advice reconnect: none)', () => {
    it('keeps handshaking on the documented schedule and is back once the server accepts', async () => {
      const { connection, observer } = open(() => 0.999);
      await waitFor(() => observer.last?.state === 'connected', 'never connected');
      const connectedAt = observer.told.length;
      await fault('deny-handshake');
      const before = await handshakeRequests();
      // The server restarts and forgets the session: the client must handshake again.
      await outage(BASE);
      await recover(BASE);
      await waitFor(async () => (await handshakeRequests()) >= before + 3, 'stopped handshaking after a denial', { timeout: 15_000 });
      await waitFor(() => observer.last?.retryAt != null, 'no next attempt announced');
      const since = observer.told.slice(connectedAt);
      expect(since.map((t) => t.state)).to.satisfy((states: string[]) => states.every((s) => s === 'reconnecting'),
        `told ${since.map((t) => t.state)}`);
      // Each wait on the schedule: attempt 1 is 1 s (random 0.999), then 2 s, 4 s, ...
      for (const wait of observer.waits) expect(wait).to.be.within(200, 8000);

      await fault(null);
      connection.reconnectNow();
      await waitFor(() => observer.last?.state === 'connected', 'not back after the server accepted again');
      expect((await serverStats(BASE)).subscribers[CHAT_TOPIC]).to.equal(1);
    });

    it('tries at once on online, focus, visibilitychange, pageshow and reconnectNow()', async () => {
      await fault('deny-handshake');
      const { connection, observer } = open(() => 0.999);
      const triggers: [string, () => void][] = [
        ['online', () => window.dispatchEvent(new Event('online'))],
        ['focus', () => window.dispatchEvent(new Event('focus'))],
        ['visibilitychange', () => {
          // Test pages run side by side: this one may be in the background (hidden) now.
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
          try {
            document.dispatchEvent(new Event('visibilitychange'));
          } finally {
            delete (document as { visibilityState?: unknown }).visibilityState;
          }
        }],
        ['pageshow', () => window.dispatchEvent(new Event('pageshow'))],
        ['reconnectNow()', () => connection.reconnectNow()],
      ];
      for (const [name, trigger] of triggers) {
        // Waits grow (2 s, 4 s, 8 s, ...): wait until the next attempt is well ahead.
        const due = await waitingLongerThan(observer, 1500);
        const before = await handshakeRequests();
        trigger();
        await waitFor(async () => (await handshakeRequests()) > before, `${name} did not try at once`, { timeout: 1000 });
        expect(Date.now(), name).to.be.below(due);
      }
      expect(observer.told.map((t) => t.state)).to.satisfy((states: string[]) => states.every((s) => s === 'connecting'));
    });

    it('stops trying, and leaves no timer or listener behind, when its last subscriber leaves', async () => {
      await fault('deny-handshake');
      const leftovers = watchTimersAndListeners();
      try {
        const { observer, stop } = open(() => 0.999);
        await waitFor(() => observer.last?.retryAt != null, 'no retry announced');
        stop();
        expect(leftovers()).to.deep.equal({ timers: [], listeners: [] });
      } finally {
        leftovers.restore();
      }
      const after = await handshakeRequests();
      // Nothing should happen: watch for longer than the announced wait (at most 1 s).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await handshakeRequests()).to.equal(after);
    });
  });

  describe('when every /meta/connect is answered 402::Unknown client', () => {
    it('re-handshakes on the documented schedule, not in a tight loop', async () => {
      const WINDOW = 20_000;
      const RANDOM = 0.5;
      // What the schedule allows in the window: the first handshake, then one after each wait.
      let allowed = 1;
      for (let n = 1, t = reconnectDelay(n, RANDOM); t <= WINDOW; t += reconnectDelay(++n, RANDOM)) allowed++;
      await fault('unknown-client');
      const before = await handshakeRequests();
      const { observer } = open(() => RANDOM);
      await new Promise((resolve) => setTimeout(resolve, WINDOW)); // the measuring window
      const handshakes = (await handshakeRequests()) - before;
      expect(handshakes, `${handshakes} handshakes in ${WINDOW / 1000} s`).to.be.within(allowed - 1, allowed);
      // Each 402 announced the next wait of the schedule (the last one may still be ahead).
      expect(observer.waits.length).to.be.within(handshakes - 1, handshakes);
      near(observer.waits, observer.waits.map((_, i) => reconnectDelay(i + 1, RANDOM)));
      expect(observer.told.every((t) => t.state === 'connecting')).to.equal(true);
    });

    it('still re-joins a restarted server within 0.25-1 s (the first re-handshake after connecting is attempt 1)', async () => {
      const { observer } = open(() => 0.999);
      await waitFor(() => observer.last?.state === 'connected', 'never connected');
      const connectedAt = observer.told.length;
      // Down long enough for the schedule to climb (attempt 2 waits up to 2 s) ...
      await outage(BASE);
      await waitingLongerThan(observer, 1500);
      // ... then back, restarted: it answers the next /meta/connect with 402.
      await recover(BASE);
      await waitFor(() => observer.last?.state === 'connected', 'never re-joined', { timeout: 8000 });
      const waits = observer.told.slice(connectedAt).filter((t) => t.retryAt !== null).map((t) => t.retryAt! - t.at);
      // The new handshake waits attempt 1's wait (0.25-1 s; 1 s with random 0.999), not attempt 3's.
      near(waits, [1, 2, 1].map((n) => reconnectDelay(n, 0.999)));
    });
  });

  describe('while the server is down', () => {
    // Guards ResilientCometD's capture of CometD's retries: without it there is no
    // `retryAt`, CometD's own linear backoff applies and reconnectNow() has nothing to run.
    it('announces each attempt on the jittered schedule, and reconnectNow() runs it at once', async () => {
      const { connection, observer } = open(() => 0.999);
      await waitFor(() => observer.last?.state === 'connected', 'never connected');
      const connectedAt = observer.told.length;
      await outage(BASE);
      const due = await waitingLongerThan(observer, 1500);
      const waits = () => observer.told.slice(connectedAt).filter((t) => t.retryAt !== null).map((t) => t.retryAt! - t.at);
      near(waits(), [reconnectDelay(1, 0.999), reconnectDelay(2, 0.999)]);
      expect(observer.last!.state).to.equal('reconnecting');

      connection.reconnectNow();
      await waitFor(() => observer.last!.retryAt !== due, 'reconnectNow() did not try at once', { timeout: 500 });
      expect(Date.now()).to.be.below(due);
      await waitFor(() => waits().length === 3, 'no third attempt announced', { timeout: 2000 });
      near(waits(), [1, 2, 3].map((n) => reconnectDelay(n, 0.999)));

      await recover(BASE);
      connection.reconnectNow();
      await waitFor(() => observer.last?.state === 'connected', 'never reconnected');
    });
  });

  describe('transports', () => {
    it('never falls back to JSONP when a cross-origin handshake is blocked, and keeps trying', async () => {
      const scripts: string[] = [];
      const watcher = new MutationObserver((records) => {
        for (const node of records.flatMap((r) => [...r.addedNodes])) {
          if (node instanceof HTMLScriptElement) scripts.push(node.src);
        }
      });
      watcher.observe(document.head, { childList: true });
      // CometD says in the console that no transport is left after each blocked attempt:
      // expected here, and kept out of the test output.
      const warn = console.warn;
      const warnings: string[] = [];
      console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
      try {
        // Another origin without CORS: the browser blocks the long-polling request.
        const { observer } = open(() => 0, `http://${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}/gws4-nowhere/notifications`);
        await waitFor(() => observer.waits.length >= 3, `stopped trying (told ${JSON.stringify(observer.told)})`, { timeout: 8000 });
        expect(scripts).to.deep.equal([]);
        expect(observer.told.every((t) => t.state === 'connecting')).to.equal(true);
        expect(warnings.filter((w) => !w.includes('Could not negotiate transport')), 'other warnings').to.deep.equal([]);
      } finally {
        console.warn = warn;
        watcher.disconnect();
      }
    });
  });
});
