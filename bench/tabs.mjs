// `npm run bench:tabs`: one chat across the customer's tabs, measured in real tabs (pages of
// one browser context: they share Web Locks, BroadcastChannel, localStorage and cookies)
// against the real CometD server of the GWS simulator. Prints markdown tables:
//   1. leader takeover: close the tab that holds the CometD connection (3 tabs open), until
//      every remaining tab is `connected` again and has a message published right after
//      the close; 20 handovers (a new tab is opened after each to keep 3);
//   2. how much later a follower shows an agent message than the leader (50 messages);
//   3. 1, 3 and 10 tabs, "before" (each tab alone: BroadcastChannel removed before the
//      bundle loads) and "after" (shared): server sessions, CometD requests per minute,
//      and whether any tab got the server's `multiple-clients` advice.
// `--quick`: a 15 s window for 3 instead of 60 s.
//
// The CometD server runs with cometd-nodejs-server's own default `maxSessionsPerBrowser`
// (1): demo/simulator.mjs sets -1 (unlimited, so that test pages can share a cookie jar)
// and has no option for it, so this script removes that setting when the simulator creates
// its server. Part 3 is run a second time with the simulator's unlimited setting.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';
import cometdServer from 'cometd-nodejs-server';
import { createGwsSimulator } from '../demo/simulator.mjs';
import { LOG_TYPES } from '../lib/model/transcript.js';

const QUICK = process.argv.includes('--quick');
const WINDOW_MS = (QUICK ? 15 : 60) * 1000;
const HANDOVERS = 20;
const MESSAGES = 50;
const TAB_COUNTS = [1, 3, 10];

const started = Date.now();
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const progress = (what) => process.stderr.write(`bench:tabs [${((Date.now() - started) / 1000).toFixed(0)} s] ${what}\n`);
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => (xs.length ? sorted(xs)[Math.floor((xs.length - 1) / 2)] : Number.NaN);
const quantile = (xs, q) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] : Number.NaN);
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x >= 100 ? 0 : 1)}` : '–');
/** What went wrong or looked odd, printed after the tables. */
const anomalies = [];
const odd = (what) => {
  anomalies.push(what);
  progress(`ODD: ${what}`);
};

// --- the CometD server's own default of maxSessionsPerBrowser ----------------------------
// The simulator imports this very module object: its servers are created through here.
/** `'default'`: cometd-nodejs-server's default (1 session long-polling per browser); `'unlimited'`: the simulator's -1. */
let sessionLimit = 'default';
const createCometDServer = cometdServer.createCometDServer;
cometdServer.createCometDServer = (options = {}) => {
  const o = { ...options };
  if (sessionLimit === 'default') delete o.maxSessionsPerBrowser;
  return createCometDServer(o);
};

// --- the simulators, each request counted by kind and by tab -------------------------------
/**
 * A simulator whose requests are counted: CometD /connect, /handshake, other CometD
 * (subscribe, disconnect, ...), REST; per tab (each page sends an `x-bench-tab` header);
 * with the /connect requests in flight per tab and the CometD answers carrying the
 * `multiple-clients` advice.
 */
function instrumented(basePath) {
  const sim = createGwsSimulator({ basePath });
  const blank = () => ({ connect: 0, handshake: 0, cometdOther: 0, rest: 0, multipleClients: 0 });
  const total = blank();
  const tabs = new Map();
  const events = [];
  const tab = (name) => {
    let s = tabs.get(name);
    if (!s) tabs.set(name, (s = { ...blank(), inflightConnects: 0, lastConnectStart: 0, lastConnectEnd: 0 }));
    return s;
  };
  function handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const name = String(req.headers['x-bench-tab'] ?? '?');
    const s = tab(name);
    const t = now();
    const cometd = path === sim.notificationsPath || path.startsWith(`${sim.notificationsPath}/`);
    const sub = cometd ? path.slice(sim.notificationsPath.length) || '/' : path.slice(sim.basePath.length);
    const kind = !cometd ? 'rest' : sub === '/connect' ? 'connect' : sub === '/handshake' ? 'handshake' : 'cometdOther';
    total[kind]++;
    s[kind]++;
    events.push({ t, tab: name, kind, sub });
    if (kind === 'connect') {
      s.inflightConnects++;
      s.lastConnectStart = t;
      res.once('close', () => {
        s.inflightConnects--;
        s.lastConnectEnd = now();
      });
    }
    if (cometd) {
      const end = res.end;
      res.end = function (chunk, ...rest) {
        const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
        if (body.includes('"multiple-clients"')) {
          total.multipleClients++;
          s.multipleClients++;
          events.push({ t: now(), tab: name, kind: 'multiple-clients', sub });
        }
        return end.call(this, chunk, ...rest);
      };
    }
    return sim.handle(req, res);
  }
  return { sim, handle, total, tab, tabs, events, snapshot: () => ({ ...total }) };
}

/** Every simulator, by base path (the server routes to it). */
const simulators = [];
function addSimulator(basePath) {
  const inst = instrumented(basePath);
  simulators.push(inst);
  return inst;
}

// --- the site: one page per tab, the script bundle ----------------------------------------
const TAB_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>gws-chat tab</title>
<script src="/dist/gws-chat.min.js"></script>
<script>
  const stamp = () => performance.timeOrigin + performance.now();
  window.bench = {
    session: null,
    /** Every gws-message: the message's key, its text, when (epoch ms). */
    arrivals: [],
    /** Every gws-connection-change. */
    states: [],
    errors: [],
    openedAt: 0,
    open(url, interactionId) {
      this.openedAt = stamp();
      const { ChatSession } = window.GwsChatElements;
      const session = new ChatSession(interactionId ? { url, interactionId } : { url });
      session.addEventListener('gws-message', (e) => {
        const m = e.detail.message;
        this.arrivals.push({ key: m.index + ':' + m.type + ':' + m.text, text: m.text, t: stamp() });
      });
      session.addEventListener('gws-connection-change', (e) => this.states.push({ state: e.detail.state, t: stamp() }));
      session.addEventListener('gws-error', (e) => this.errors.push({ kind: e.detail.kind, message: e.detail.message, t: stamp() }));
      this.session = session;
      session.connect();
      return { interactionId: session.interactionId, state: session.connectionState };
    },
    /** ms from open() to the first \`connected\`, or null. */
    connectMs() {
      const c = this.states.find((s) => s.state === 'connected');
      return c ? c.t - this.openedAt : null;
    },
    shown() {
      return this.session.messages.map((m) => m.index + ':' + m.type + ':' + m.text);
    },
  };
</script>
</html>
`;
const root = resolve('.');
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const inst = simulators.find((s) => s.sim.handles(path));
  if (inst) return inst.handle(req, res);
  if (path === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (path === '/tab.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(TAB_PAGE);
    return;
  }
  const file = resolve(root, `.${path}`);
  if (!file.startsWith(resolve(root, 'dist') + sep)) {
    res.writeHead(404).end();
    return;
  }
  try {
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, 'localhost', r));
const origin = `http://localhost:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--headless=new', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
});

let tabSeq = 0;
/** Page errors and console errors, per tab. */
const pageErrors = [];
/**
 * Opens a tab (a page of `context`) with a session on `inst`'s endpoint that follows the
 * remembered chat, or `interactionId`. `alone`: the tab cannot share (no BroadcastChannel).
 */
async function openTab(context, inst, { alone = false, interactionId = '' } = {}) {
  const name = `tab${++tabSeq}`;
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${name}: page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${name}: console: ${m.text()}`));
  await page.setExtraHTTPHeaders({ 'x-bench-tab': name });
  if (alone) await page.evaluateOnNewDocument(() => { window.BroadcastChannel = undefined; });
  await page.goto(`${origin}/tab.html`);
  const opened = await page.evaluate((url, id) => window.bench.open(url, id), inst.sim.notificationsPath, interactionId);
  return { name, page, opened };
}

const stateOf = (t) => t.page.evaluate(() => window.bench.session.connectionState);
async function allConnected(tabs, timeout = 20_000) {
  const results = await Promise.all(tabs.map((t) => t.page.waitForFunction(
    () => window.bench.session.connectionState === 'connected', { polling: 20, timeout },
  ).then(() => true, () => false)));
  if (results.every(Boolean)) return true;
  odd(`not every tab connected within ${timeout} ms: ${(await Promise.all(tabs.map(async (t) => `${t.name}=${await stateOf(t)}`))).join(', ')}`);
  return false;
}

/** The server's log as a tab shows it (what tabs.test.ts compares). */
function serverView(inst, id) {
  return inst.sim.rest.log(id).filter((m) => m.visibility === 'All' && LOG_TYPES.has(m.type)).map((m) => `${m.index}:${m.type}:${m.text ?? ''}`);
}
/** Waits until every tab shows the server's log; returns the tabs that do not (with the difference). */
async function converged(tabs, inst, id, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const want = serverView(inst, id);
    const shown = await Promise.all(tabs.map((t) => t.page.evaluate(() => window.bench.shown())));
    const wrong = tabs.map((t, i) => ({ t, shown: shown[i] })).filter((x) => JSON.stringify(x.shown) !== JSON.stringify(want));
    if (!wrong.length) return [];
    if (Date.now() > deadline) {
      return wrong.map(({ t, shown: s }) => {
        const missing = want.filter((k) => !s.includes(k));
        const extra = s.filter((k) => !want.includes(k));
        const doubled = s.filter((k, i) => s.indexOf(k) !== i);
        return `${t.name} shows ${s.length} of ${want.length}: missing [${missing.join(' | ')}] extra [${extra.join(' | ')}] doubled [${doubled.join(' | ')}]`;
      });
    }
    await sleep(50);
  }
}

/** gws-message events fired twice for one message, per tab. */
async function doubledEvents(tabs) {
  const out = [];
  for (const t of tabs) {
    const keys = await t.page.evaluate(() => window.bench.arrivals.map((a) => a.key));
    const doubled = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
    if (doubled.length) out.push(`${t.name}: gws-message fired more than once for [${doubled.join(' | ')}]`);
  }
  return out;
}

/** A tab's session starts a chat; an agent joins. */
async function startChat(tab, inst) {
  const id = await tab.page.evaluate(() => window.bench.session.startChat({ nickname: 'Bench' }));
  await inst.sim.rest.agent(id, 'join');
  await tab.page.waitForFunction(() => window.bench.session.state === 'Chatting', { polling: 20, timeout: 10_000 });
  await sleep(400); // the transcript is stored within 300 ms
  return id;
}

/**
 * The tab that holds the CometD connection: the only one with a /connect in flight or
 * just answered. `null` when none within `timeout`; several at once are reported.
 */
async function leaderOf(tabs, inst, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let reported = false;
  for (;;) {
    const t = now();
    const live = tabs.filter((tab) => {
      const s = inst.tab(tab.name);
      return s.inflightConnects > 0 || (s.lastConnectEnd > 0 && t - s.lastConnectEnd < 3_000);
    });
    if (live.length === 1) return live[0];
    if (live.length > 1 && !reported) {
      const inflight = live.filter((tab) => inst.tab(tab.name).inflightConnects > 0);
      if (inflight.length > 1) {
        reported = true;
        odd(`${inflight.length} tabs long-poll at once: ${inflight.map((x) => x.name).join(', ')}`);
      }
    }
    if (Date.now() > deadline) return null;
    await sleep(50);
  }
}

const table1 = [];
const row1 = (what, value, unit, note = '') => table1.push({ what, value, unit, note });

try {
  // === 1. takeover when the leader's tab closes ==========================================
  progress(`1. takeover: 3 tabs, ${HANDOVERS} handovers`);
  sessionLimit = 'default';
  const inst = addSimulator('/api/v2');
  const context = await browser.createBrowserContext();
  const first = await openTab(context, inst);
  const id = await startChat(first, inst);
  let tabs = [first, await openTab(context, inst), await openTab(context, inst)];
  for (const t of tabs.slice(1)) if (t.opened.interactionId !== id) odd(`${t.name} does not follow the remembered chat at once (follows '${t.opened.interactionId}')`);
  await allConnected(tabs);
  const handovers = [];
  let maxSessions = 0;
  const sessionSampler = setInterval(() => {
    maxSessions = Math.max(maxSessions, inst.sim.stats().sessions);
  }, 100);
  for (let i = 1; i <= HANDOVERS; i++) {
    const leader = await leaderOf(tabs, inst);
    if (!leader) {
      odd(`handover ${i}: no tab holds the connection (states ${(await Promise.all(tabs.map(stateOf))).join(', ')})`);
      break;
    }
    const others = tabs.filter((t) => t !== leader);
    const text = `said right after close ${i}`;
    const t0 = now();
    await leader.page.close();
    const closed = now();
    await inst.sim.rest.agent(id, 'say', { text });
    const published = now();
    const ok = await Promise.all(others.map((t) => t.page.waitForFunction(
      (x) => window.bench.session.connectionState === 'connected' && window.bench.arrivals.some((a) => a.text === x),
      { polling: 10, timeout: 30_000 }, text,
    ).then(() => true, () => false)));
    const seen = await Promise.all(others.map((t) => t.page.evaluate((x, since) => {
      const b = window.bench;
      const after = b.states.filter((s) => s.t >= since);
      const connected = after.filter((s) => s.state === 'connected').at(-1)?.t ?? null;
      return {
        arrival: b.arrivals.find((a) => a.text === x)?.t ?? null,
        connected,
        states: after.map((s) => s.state),
        state: b.session.connectionState,
      };
    }, text, t0)));
    const done = seen.map((s) => Math.max(s.arrival ?? Infinity, s.connected ?? 0));
    const takeover = Math.max(...done) - t0;
    // The server's view: who handshook / long-polled after the close.
    const after = inst.events.filter((e) => e.t >= t0);
    const handshakers = [...new Set(after.filter((e) => e.kind === 'handshake' && others.some((o) => o.name === e.tab)).map((e) => e.tab))];
    const firstHandshake = after.find((e) => e.kind === 'handshake');
    const firstConnect = after.find((e) => e.kind === 'connect' && others.some((o) => o.name === e.tab));
    const leaderSaid = [...new Set(after.filter((e) => e.tab === leader.name).map((e) => e.sub))];
    const multipleClients = after.filter((e) => e.kind === 'multiple-clients' && e.t <= Math.max(...done)).length;
    const h = {
      i, takeover, ok: ok.every(Boolean), closeMs: closed - t0, publishedMs: published - t0,
      handshakeMs: firstHandshake ? firstHandshake.t - t0 : Number.NaN,
      connectMs: firstConnect ? firstConnect.t - t0 : Number.NaN,
      handshakers, leaderSaid, multipleClients,
      followersLeftConnected: seen.filter((s) => s.states.length > 0).length,
      seen,
    };
    handovers.push(h);
    if (!h.ok) odd(`handover ${i}: not every remaining tab got back to connected with the message within 30 s: ${others.map((t, k) => `${t.name} ${seen[k].state}, message ${seen[k].arrival ? 'arrived' : 'missing'}, states [${seen[k].states.join(' ')}]`).join('; ')}`);
    if (handshakers.length > 1) odd(`handover ${i}: ${handshakers.length} tabs handshook (${handshakers.join(', ')})`);
    const wrong = await converged(others, inst, id);
    for (const w of wrong) odd(`handover ${i}: ${w}`);
    progress(`  handover ${i}: ${ms(takeover)} ms (first handshake at ${ms(h.handshakeMs)} ms; followers that saw reconnecting: ${h.followersLeftConnected}/2; multiple-clients answers: ${multipleClients})`);
    // A new tab keeps three open.
    tabs = [...others, await openTab(context, inst)];
    if (tabs.at(-1).opened.interactionId !== id) odd(`handover ${i}: the new tab does not follow the remembered chat`);
    await allConnected(tabs);
    for (const w of await converged(tabs, inst, id)) odd(`after handover ${i}, new tab: ${w}`);
  }
  clearInterval(sessionSampler);
  const times = handovers.filter((h) => h.ok).map((h) => h.takeover);
  row1('takeover: close the leader → all remaining tabs connected + message shown (median)', ms(median(times)), 'ms', `${times.length} of ${HANDOVERS} handovers completed`);
  row1('takeover: worst', ms(Math.max(...times)), 'ms', `handover ${handovers.find((h) => h.takeover === Math.max(...times))?.i}`);
  row1('takeover: p90', ms(quantile(times, 0.9)), 'ms');
  row1('page.close() itself (median)', ms(median(handovers.map((h) => h.closeMs))), 'ms');
  row1('close → first handshake by the new leader (median / worst)', `${ms(median(handovers.map((h) => h.handshakeMs)))} / ${ms(Math.max(...handovers.map((h) => h.handshakeMs)))}`, 'ms');
  row1('close → first /connect by the new leader (median)', ms(median(handovers.map((h) => h.connectMs))), 'ms');
  const sawBye = handovers.reduce((n, h) => n + h.followersLeftConnected, 0);
  row1('followers told the leader left (went reconnecting)', `${sawBye} / ${handovers.length * 2}`, 'followers');
  const disconnects = handovers.filter((h) => h.leaderSaid.includes('/disconnect')).length;
  row1('closing leader sent /meta/disconnect', `${disconnects} / ${handovers.length}`, 'handovers');
  const mcHandovers = handovers.filter((h) => h.multipleClients > 0).length;
  row1('new leader answered with multiple-clients advice during takeover', `${mcHandovers} / ${handovers.length}`, 'handovers');
  row1('server sessions at most during the handovers', maxSessions, 'sessions');

  // === 2. message delay in a follower ========================================================
  progress(`2. ${MESSAGES} agent messages to 3 tabs`);
  const leader = await leaderOf(tabs, inst);
  if (!leader) throw new Error('no leader for part 2');
  // Let the long poll settle into a held one (no multiple-clients regime).
  const settleUntil = Date.now() + 15_000;
  while (Date.now() < settleUntil) {
    const s = inst.tab(leader.name);
    if (s.inflightConnects > 0 && now() - s.lastConnectStart > 500) break;
    await sleep(50);
  }
  const publishedAt = new Map();
  for (let k = 1; k <= MESSAGES; k++) {
    const text = `delay probe ${k}`;
    publishedAt.set(text, now());
    await inst.sim.rest.agent(id, 'say', { text });
    await sleep(60);
  }
  await Promise.all(tabs.map((t) => t.page.waitForFunction(
    (n) => window.bench.arrivals.filter((a) => a.text.startsWith('delay probe ')).length >= n, { polling: 20, timeout: 20_000 }, MESSAGES,
  ).catch(() => odd(`${t.name} did not get all ${MESSAGES} delay probes`))));
  const arrivalsOf = async (t) => new Map((await t.page.evaluate(() => window.bench.arrivals.filter((a) => a.text.startsWith('delay probe ')).map((a) => [a.text, a.t]))));
  const leaderArrivals = await arrivalsOf(leader);
  const delays = [];
  for (const t of tabs.filter((x) => x !== leader)) {
    const a = await arrivalsOf(t);
    for (const [text, at] of a) if (leaderArrivals.has(text)) delays.push(at - leaderArrivals.get(text));
  }
  const serverToLeader = [...leaderArrivals].map(([text, at]) => at - publishedAt.get(text));
  row1('follower arrival − leader arrival (median)', ms(median(delays)), 'ms', `${delays.length} samples (2 followers × ${MESSAGES})`);
  row1('follower arrival − leader arrival (p95)', ms(quantile(delays, 0.95)), 'ms');
  row1('follower arrival − leader arrival (max)', ms(Math.max(...delays)), 'ms');
  row1('publish → leader arrival (median, for scale)', ms(median(serverToLeader)), 'ms');

  // The end: every tab shows exactly the server's log; no message event twice.
  const wrong = await converged(tabs, inst, id);
  for (const w of wrong) odd(`end of 1–2: ${w}`);
  const doubled = await doubledEvents(tabs);
  for (const d of doubled) odd(d);
  row1('tabs whose messages ≠ server log at the end', `${wrong.length} / ${tabs.length}`, 'tabs', `server log: ${serverView(inst, id).length} entries`);
  row1('gws-message fired twice for one message', doubled.length, 'tabs');
  await context.close();
  inst.sim.close();

  // === 3. before / after: sessions and requests for 1, 3, 10 tabs ==========================
  const table3 = [];
  for (const limit of ['default', 'unlimited']) {
    sessionLimit = limit;
    progress(`3. ${TAB_COUNTS.join(', ')} tabs, before and after, maxSessionsPerBrowser ${limit === 'default' ? 'default (1)' : '-1 (simulator)'}: setting up`);
    const configs = [];
    for (const n of TAB_COUNTS) {
      for (const mode of ['before', 'after']) {
        const c = { n, mode, limit, inst: addSimulator(`/s-${limit}-${n}-${mode}/api/v2`), context: await browser.createBrowserContext(), tabs: [] };
        const alone = mode === 'before';
        const setupStart = Date.now();
        const firstTab = await openTab(c.context, c.inst, { alone });
        c.tabs.push(firstTab);
        c.id = await startChat(firstTab, c.inst);
        // Alone, a tab keeps the chat in its own sessionStorage: the others are told its id.
        for (let k = 1; k < n; k++) c.tabs.push(await openTab(c.context, c.inst, { alone, interactionId: alone ? c.id : '' }));
        for (const t of c.tabs.slice(1)) if (t.opened.interactionId !== c.id) odd(`${n} tabs ${mode}: ${t.name} follows '${t.opened.interactionId}', not the chat`);
        await allConnected(c.tabs, 30_000);
        c.connectMs = await Promise.all(c.tabs.map((t) => t.page.evaluate(() => window.bench.connectMs())));
        c.setupMs = Date.now() - setupStart;
        progress(`  ${n} tabs ${mode}: set up in ${c.setupMs} ms`);
        configs.push(c);
      }
    }
    await sleep(3_000);
    progress(`3. measuring for ${WINDOW_MS / 1000} s`);
    for (const c of configs) {
      c.before = c.inst.snapshot();
      c.maxSessions = c.inst.sim.stats().sessions;
    }
    const sampler = setInterval(() => {
      for (const c of configs) c.maxSessions = Math.max(c.maxSessions, c.inst.sim.stats().sessions);
    }, 1_000);
    await sleep(WINDOW_MS);
    clearInterval(sampler);
    for (const c of configs) {
      const a = c.inst.snapshot();
      const perMin = (k) => ((a[k] - c.before[k]) * 60_000) / WINDOW_MS;
      const mcTabs = c.tabs.filter((t) => c.inst.tab(t.name).multipleClients > 0).length;
      const states = await Promise.all(c.tabs.map(stateOf));
      const notConnected = states.filter((s) => s !== 'connected').length;
      table3.push({
        tabs: c.n, mode: c.mode, limit,
        sessions: c.inst.sim.stats().sessions, maxSessions: c.maxSessions,
        connect: perMin('connect'), handshake: perMin('handshake'), other: perMin('cometdOther'), rest: perMin('rest'),
        mc: `${mcTabs ? 'yes' : 'no'} (${mcTabs}/${c.n} tabs, ${a.multipleClients} answers)`,
        notConnected,
        slowest: Math.max(...c.connectMs.map((x) => x ?? Infinity)),
        medianConnect: median(c.connectMs.map((x) => x ?? Infinity)),
      });
      if (notConnected) odd(`${c.n} tabs ${c.mode} (${limit}): ${notConnected} tabs not connected at the end (${states.join(', ')})`);
      for (const w of await converged(c.tabs, c.inst, c.id, 2_000)) odd(`${c.n} tabs ${c.mode} (${limit}): ${w}`);
      await c.context.close();
      c.inst.sim.close();
    }
  }

  // === the tables ===========================================================================
  const print = (header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(r));
    console.log('');
  };
  console.log(`\n### One chat in several tabs (${new Date().toISOString()}, window ${WINDOW_MS / 1000} s${QUICK ? ', --quick' : ''})\n`);
  console.log('Takeover and follower delay: 3 tabs, cometd-nodejs-server default maxSessionsPerBrowser (1), long-poll hold 10 s.\n');
  print(['measure', 'value', 'unit', 'notes'], table1.map((r) => [r.what, r.value, r.unit, r.note]));
  console.log('Before (each tab alone: BroadcastChannel removed) / after (shared); CometD requests per minute over the window.\n');
  print(
    ['maxSessionsPerBrowser', 'tabs', 'mode', 'tab open → connected, median / slowest (ms)', 'server sessions (max)', 'connect/min', 'handshake/min', 'connect+handshake/min', 'other CometD/min', 'REST/min', 'multiple-clients advice'],
    table3.map((r) => [
      r.limit === 'default' ? '1 (default)' : '-1 (simulator)', r.tabs, r.mode, `${ms(r.medianConnect)} / ${ms(r.slowest)}`, `${r.sessions} (${r.maxSessions})`,
      r.connect.toFixed(1), r.handshake.toFixed(1), (r.connect + r.handshake).toFixed(1), r.other.toFixed(1), r.rest.toFixed(1), r.mc,
    ]),
  );
  console.log(`Takeover detail (ms from page.close()): ${handovers.map((h) => `#${h.i} ${ms(h.takeover)} (handshake ${ms(h.handshakeMs)}${h.multipleClients ? `, ${h.multipleClients}× multiple-clients` : ''})`).join('; ')}\n`);
  if (pageErrors.length) console.log(`Page errors (${pageErrors.length}):\n${[...new Set(pageErrors)].slice(0, 20).map((e) => `- ${e}`).join('\n')}\n`);
  console.log(anomalies.length ? `Anomalies (${anomalies.length}):\n${anomalies.map((a) => `- ${a}`).join('\n')}` : 'Anomalies: none.');
  console.log(`\nTotal run time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await browser.close();
  server.close();
  for (const s of simulators) s.sim.close();
}
process.exit(0);
