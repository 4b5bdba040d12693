// `npm run load`: how reconnects spread over time when the GWS server restarts.
//
// Starts the GWS simulator (a real CometD server) on 127.0.0.1, connects N simulated
// customers (each its own CometdConnection from lib/, i.e. the project's own reconnect
// schedule: ResilientCometD + reconnectDelay), restarts the server (all sessions lost),
// keeps it down for a while, lets it come back, and prints how the reconnects spread.
//
//   node bench/reconnect-load.mjs [--clients 500] [--down 3000] [--limit 60000]
//                                 [--batch 20] [--connect-timeout 120000]
//
// Handshakes are counted by wrapping the HTTP handler: every request to
// `{notificationsPath}/handshake` (CometD appends the message type to the URL) is
// timestamped when it arrives, whether the server is up or not. The simulator's own
// `stats().handshakes` (sessions created) is printed as a cross-check.
//
// Exit code: 0 when every client reconnected within the limit, 1 otherwise (or on a
// setup failure), 2 if the overall watchdog fired.
import { createServer } from 'node:http';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { adapt } from 'cometd-nodejs-client';
import { LongPollingTransport } from 'cometd';
import { createGwsSimulator } from '../demo/simulator.mjs';
import { CometdConnection } from '../lib/transport/connection.js';
import { MIN_DELAY, MAX_DELAY, BASE_DELAY } from '../lib/transport/backoff.js';

const HOST = '127.0.0.1';
const TOPIC = '/v2/me/chats';
const HIST_BUCKET = 500; // ms, reconnect completion histogram
const HS_BUCKET = 250; // ms, handshake counts
const SETTLE = 1_000; // ms watched after the last reconnect, to catch clients that drop again

// --- options --------------------------------------------------------------------------
const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '500' },
    down: { type: 'string', default: '3000' },
    limit: { type: 'string', default: '60000' },
    batch: { type: 'string', default: '20' },
    'connect-timeout': { type: 'string', default: '120000' },
  },
  strict: true,
});
function intFlag(name, min, max) {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`reconnect-load: --${name} must be an integer in [${min}, ${max}], got ${flags[name]}`);
    process.exit(1);
  }
  return n;
}
const CLIENTS = intFlag('clients', 1, 5_000);
const DOWN = intFlag('down', 0, 300_000);
const LIMIT = intFlag('limit', 1_000, 600_000);
const BATCH = intFlag('batch', 1, 500);
const CONNECT_TIMEOUT = intFlag('connect-timeout', 1_000, 600_000);
const BATCH_TIMEOUT = 15_000;

const progress = (what) => process.stderr.write(`reconnect-load: ${what}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
/** Waits until `cond()` holds or `timeout` ms pass; returns whether it held. */
async function waitUntil(cond, timeout, step = 50) {
  const end = now() + timeout;
  while (!cond()) {
    if (now() >= end) return false;
    await sleep(step);
  }
  return true;
}

// Everything stops by itself, whatever happens.
const runStart = now();
const watchdog = setTimeout(() => {
  console.error('reconnect-load: watchdog expired, giving up');
  process.exit(2);
}, CONNECT_TIMEOUT + DOWN + LIMIT + SETTLE + 30_000);

// --- one cookie jar per simulated customer ---------------------------------------------
// cometd-nodejs-client copies the transport's `context` into each XHR and hands it to
// `cookies.retrieveCookies(context, uri, cb)`; `cookies.storeCookie(uri, header, cb)` gets
// the same per-request URL object. Every CometD instance registers its own
// LongPollingTransport, so a per-transport context is a per-customer cookie jar (like
// separate browsers: each gets its own BAYEUX_BROWSER cookie).
const contexts = new WeakMap(); // LongPollingTransport → { jar }
const jars = [];
Object.defineProperty(LongPollingTransport.prototype, 'context', {
  configurable: true,
  get() {
    let context = contexts.get(this);
    if (!context) {
      context = { jar: new Map() };
      contexts.set(this, context);
      jars.push(context.jar);
    }
    return context;
  },
});
const requestJar = new WeakMap(); // the XHR's URL object → its jar
const sharedJar = new Map(); // fallback only (should stay empty)
adapt({
  cookies: {
    retrieveCookies(context, uri, callback) {
      const jar = context?.jar ?? sharedJar;
      requestJar.set(uri, jar);
      callback(null, [...jar.values()]);
    },
    storeCookie(uri, header, callback) {
      const jar = requestJar.get(uri) ?? sharedJar;
      const nameValue = String(header).split(';')[0].trim();
      const eq = nameValue.indexOf('=');
      if (eq > 0) jar.set(nameValue.slice(0, eq), nameValue);
      callback(null);
    },
  },
});

// --- the simulator, on 127.0.0.1 ------------------------------------------------------
const simulator = createGwsSimulator();
const hsPath = `${simulator.notificationsPath}/handshake`;
const connectPath = `${simulator.notificationsPath}/connect`;
let serverDown = false;
let recording = false;
/** Requests that arrived after the outage started: [time, 'handshake' | 'connect', refused]. */
const requests = [];
const MAX_RECORDED = 1_000_000;
const httpServer = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (!simulator.handles(path)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  if (recording && requests.length < MAX_RECORDED) {
    if (path === hsPath) requests.push([now(), 'handshake', serverDown]);
    else if (path === connectPath) requests.push([now(), 'connect', serverDown]);
  }
  simulator.handle(req, res);
});
httpServer.on('upgrade', (_req, socket) => socket.destroy());
await new Promise((resolve, reject) => {
  httpServer.once('error', reject);
  httpServer.listen(0, HOST, resolve);
});
const { port } = httpServer.address();
const url = `http://${HOST}:${port}${simulator.notificationsPath}`;
if (new URL(url).hostname !== HOST) throw new Error(`refusing to connect to ${url}`);
progress(`simulator at ${url}`);

// --- the customers --------------------------------------------------------------------
let t0 = Infinity; // outage start
/**
 * @typedef {object} Client
 * @property {string} state latest reported state
 * @property {number | null} reconnectingAt first 'reconnecting' after t0 (ms after t0)
 * @property {number | null} reconnectedAt first 'connected' after t0 (ms after t0)
 * @property {number} retries distinct retries scheduled after t0 (until reconnected)
 * @property {number} longestWait longest single scheduled wait after t0 (ms)
 * @property {number} relapses times it left 'connected' again after reconnecting
 * @property {number} errors error() calls
 * @property {string[]} states every state reported after t0 (capped)
 */
/** @type {Client[]} */
const clients = [];
/** @type {(() => void)[]} */
const unsubscribes = [];
const errorMessages = new Map();

function connectOne() {
  /** @type {Client} */
  const c = {
    state: 'new', reconnectingAt: null, reconnectedAt: null, retries: 0, longestWait: 0,
    relapses: 0, errors: 0, states: [], lastRetryAt: null,
  };
  clients.push(c);
  const connection = new CometdConnection(url, () => {}, {});
  unsubscribes.push(
    connection.subscribe(TOPIC, {
      notification() {},
      state(state, retryAt) {
        c.state = state;
        const t = now();
        if (t < t0) return;
        const rel = t - t0;
        if (c.states.length < 200) c.states.push(state);
        if (state === 'connected') {
          if (c.reconnectedAt === null) c.reconnectedAt = rel;
        } else if (c.reconnectedAt !== null) {
          c.relapses++;
        } else if (state === 'reconnecting') {
          if (c.reconnectingAt === null) c.reconnectingAt = rel;
          if (retryAt !== null && retryAt !== c.lastRetryAt) {
            c.lastRetryAt = retryAt;
            c.retries++;
            c.longestWait = Math.max(c.longestWait, retryAt - Date.now());
          }
        }
      },
      error(message) {
        c.errors++;
        errorMessages.set(message, (errorMessages.get(message) ?? 0) + 1);
      },
    }),
  );
  return c;
}

const stateCounts = () => {
  const counts = {};
  for (const c of clients) counts[c.state] = (counts[c.state] ?? 0) + 1;
  return Object.entries(counts).map(([s, n]) => `${s}: ${n}`).join(', ');
};

let exitCode = 1;
try {
  // Ramp up in small batches, each connected before the next starts.
  const rampStart = now();
  while (clients.length < CLIENTS) {
    const batch = [];
    for (let i = 0; i < BATCH && clients.length < CLIENTS; i++) batch.push(connectOne());
    const left = CONNECT_TIMEOUT - (now() - rampStart);
    const ok = left > 0 && (await waitUntil(() => batch.every((c) => c.state === 'connected'), Math.min(BATCH_TIMEOUT, left)));
    if (!ok) {
      throw new Error(
        `only ${clients.filter((c) => c.state === 'connected').length} of ${clients.length} clients started so far ` +
          `(of ${CLIENTS}) reported 'connected' within ${Math.round(now() - rampStart)} ms ` +
          `(batch timeout ${BATCH_TIMEOUT} ms, --connect-timeout ${CONNECT_TIMEOUT} ms); states: ${stateCounts()}`,
      );
    }
    if (clients.length % 100 === 0 || clients.length === CLIENTS) progress(`${clients.length}/${CLIENTS} connected`);
  }
  const rampMs = now() - rampStart;
  // Let every client's first (immediate) /meta/connect return and the held long poll start.
  await sleep(1_000);
  const before = simulator.stats();
  if (before.sessions !== CLIENTS || before.subscribers[TOPIC] !== CLIENTS) {
    progress(`warning: server sees ${before.sessions} sessions, ${before.subscribers[TOPIC]} subscribers before the outage`);
  }
  const handshakesBefore = before.handshakes;

  // --- the outage ---------------------------------------------------------------------
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  recording = true;
  t0 = now();
  serverDown = true;
  simulator.outage({ restart: true });
  progress(`outage (restart) for ${DOWN} ms`);
  await sleep(DOWN);
  const tRecover = now() - t0; // ms after t0
  serverDown = false;
  simulator.recover();
  progress('recovered; waiting for reconnects');
  const allBack = await waitUntil(() => clients.every((c) => c.reconnectedAt !== null), LIMIT);
  const waitedMs = now() - t0 - tRecover;
  if (allBack) await sleep(SETTLE);
  recording = false;
  loop.disable();
  const after = simulator.stats();

  // --- analysis -----------------------------------------------------------------------
  const sinceRecovery = (t) => t - tRecover;
  const done = clients
    .filter((c) => c.reconnectedAt !== null && sinceRecovery(c.reconnectedAt) <= LIMIT)
    .map((c) => sinceRecovery(c.reconnectedAt))
    .sort((a, b) => a - b);
  const failed = CLIENTS - done.length;
  const pct = (q) => {
    const k = Math.ceil(q * CLIENTS);
    return k <= done.length ? done[k - 1] : null;
  };
  const hsUp = requests.filter(([t, kind, refused]) => kind === 'handshake' && !refused).map(([t]) => sinceRecovery(t - t0));
  const hsRefused = requests.filter(([, kind, refused]) => kind === 'handshake' && refused).length;
  const connUp = requests.filter(([, kind, refused]) => kind === 'connect' && !refused).map(([t]) => sinceRecovery(t - t0));
  const connRefused = requests.filter(([, kind, refused]) => kind === 'connect' && refused).length;
  // Peak handshakes per second: the busiest 1 s window (sliding), and the busiest 250 ms bucket.
  let peak1s = 0;
  for (let i = 0, j = 0; i < hsUp.length; i++) {
    while (hsUp[i] - hsUp[j] >= 1_000) j++;
    peak1s = Math.max(peak1s, i - j + 1);
  }
  const hsBuckets = new Map();
  for (const t of hsUp) {
    const b = Math.floor(Math.max(0, t) / HS_BUCKET);
    hsBuckets.set(b, (hsBuckets.get(b) ?? 0) + 1);
  }
  const peak250 = Math.max(0, ...hsBuckets.values());

  // Histogram rows: 500 ms buckets from the recovery to the last reconnect or handshake.
  const lastT = Math.max(0, done.at(-1) ?? 0, hsUp.at(-1) ?? 0);
  const nRows = Math.min(Math.floor(lastT / HIST_BUCKET) + 1, Math.ceil(LIMIT / HIST_BUCKET));
  const perRow = new Array(nRows).fill(0);
  for (const t of done) perRow[Math.min(nRows - 1, Math.floor(Math.max(0, t) / HIST_BUCKET))]++;
  const connRow = new Array(nRows).fill(0);
  for (const t of connUp) {
    const r = Math.floor(Math.max(0, t) / HIST_BUCKET);
    if (r < nRows) connRow[r]++;
  }
  const maxRow = Math.max(1, ...perRow);
  const BAR = 40;
  const sec = (ms) => (ms / 1000).toFixed(1);
  let cumulative = 0;
  const histRows = perRow.map((n, r) => {
    cumulative += n;
    const a = hsBuckets.get(2 * r) ?? 0;
    const b = hsBuckets.get(2 * r + 1) ?? 0;
    return [
      `${sec(r * HIST_BUCKET)}–${sec((r + 1) * HIST_BUCKET)} s`,
      String(n),
      String(cumulative),
      `${((100 * cumulative) / CLIENTS).toFixed(1)}%`,
      `${a} + ${b}`,
      String(connRow[r]),
      '#'.repeat(Math.round((BAR * n) / maxRow)),
    ];
  });

  const reconnecting = clients.filter((c) => c.reconnectingAt !== null).map((c) => c.reconnectingAt).sort((a, b) => a - b);
  const retries = clients.map((c) => c.retries).sort((a, b) => a - b);
  const longest = Math.max(0, ...clients.map((c) => c.longestWait));
  const relapsed = clients.filter((c) => c.relapses > 0).length;
  const errors = clients.reduce((n, c) => n + c.errors, 0);
  const cookies = new Set(jars.map((jar) => jar.get('BAYEUX_BROWSER')).filter(Boolean));
  const ms = (v) => (v === null ? 'not reached' : `${Math.round(v)} ms`);

  console.log('');
  console.log(`Reconnect completion after recovery (${HIST_BUCKET} ms buckets; handshakes per ${HS_BUCKET} ms as "1st + 2nd half")`);
  console.log('');
  printTable(['after recovery', 'reconnected', 'cumulative', '%', 'handshakes', 'connects', ''], histRows, [
    'l', 'r', 'r', 'r', 'r', 'r', 'l',
  ]);
  console.log('');
  printTable(
    ['summary', ''],
    [
      ['clients', String(CLIENTS)],
      ['ramp-up (batches of ' + BATCH + ')', `${Math.round(rampMs)} ms`],
      ['outage length (restart: all sessions lost)', `${DOWN} ms (measured ${Math.round(tRecover)} ms)`],
      ['reconnect schedule (lib/transport/backoff.js)', `full jitter, ${MIN_DELAY} ms – min(${MAX_DELAY} ms, ${BASE_DELAY} ms × 2^(n-1))`],
      ['reported reconnecting', `${reconnecting.length}/${CLIENTS} (${ms(reconnecting[0] ?? null)} – ${ms(reconnecting.at(-1) ?? null)} after outage start)`],
      ['time to 50% reconnected (after recovery)', ms(pct(0.5))],
      ['time to 90% reconnected', ms(pct(0.9))],
      ['time to 99% reconnected', ms(pct(0.99))],
      ['time to 100% reconnected', ms(pct(1))],
      ['first reconnect after recovery', ms(done[0] ?? null)],
      ['peak handshakes per second (sliding 1 s)', String(peak1s)],
      ['peak handshakes in one 250 ms bucket', `${peak250} (= ${peak250 * 4}/s)`],
      ['handshakes after recovery (HTTP requests)', `${hsUp.length} (server sessions created: ${after.handshakes - handshakesBefore})`],
      ['requests refused during the outage', `${connRefused} connects, ${hsRefused} handshakes`],
      ['/meta/connect requests after recovery', String(connUp.length)],
      ['retries scheduled per client (min/median/max)', `${retries[0]} / ${retries[Math.floor(retries.length / 2)]} / ${retries.at(-1)}`],
      ['longest single scheduled wait', `${Math.round(longest)} ms`],
      ['server after: sessions / subscribers', `${after.sessions} / ${after.subscribers[TOPIC]}`],
      ['clients that dropped again after reconnecting', String(relapsed)],
      ['error() reports', errors === 0 ? '0' : `${errors}: ${[...errorMessages].map(([m, n]) => `${n}× ${m}`).join('; ')}`],
      ['cookie jars / distinct BAYEUX_BROWSER', `${jars.length} / ${cookies.size}${sharedJar.size ? ' (shared jar used!)' : ''}`],
      ['event-loop delay max / p99 (during test)', `${(loop.max / 1e6).toFixed(0)} ms / ${(loop.percentile(99) / 1e6).toFixed(0)} ms`],
      [`failed to reconnect within ${LIMIT / 1000} s`, String(failed)],
      ['waited after recovery', `${Math.round(waitedMs)} ms`],
    ],
    ['l', 'r'],
  );
  if (failed > 0) {
    const stuck = clients.filter((c) => c.reconnectedAt === null);
    console.log('');
    console.log(`${failed} clients did not reconnect; their states now: ` +
      Object.entries(stuck.reduce((m, c) => ((m[c.state] = (m[c.state] ?? 0) + 1), m), {})).map(([s, n]) => `${s}: ${n}`).join(', '));
  }
  exitCode = failed === 0 ? 0 : 1;
} catch (e) {
  console.error(`reconnect-load: ${e instanceof Error ? e.message : e}`);
  exitCode = 1;
} finally {
  // --- shut everything down -------------------------------------------------------------
  progress('disconnecting');
  for (const unsubscribe of unsubscribes) {
    try {
      unsubscribe();
    } catch (e) {
      console.error('reconnect-load: disconnect failed:', e);
    }
  }
  await waitUntil(() => simulator.stats().sessions === 0, 5_000);
  simulator.close();
  httpServer.closeAllConnections?.();
  await new Promise((resolve) => httpServer.close(() => resolve()));
  clearTimeout(watchdog);
  progress(`done in ${((now() - runStart) / 1000).toFixed(1)} s, exit ${exitCode}`);
  process.exit(exitCode);
}

/** Prints rows as a plain-text table with aligned columns ('l' or 'r' per column). */
function printTable(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const cell = (s, i) => (align[i] === 'r' ? s.padStart(widths[i]) : s.padEnd(widths[i]));
  const line = (r) => r.map(cell).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
