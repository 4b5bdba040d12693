// `npm run load`: how N customers come back, and catch up, when the GWS server restarts.
//
// Starts the GWS simulator (a real CometD server + its Customer Chat REST API) on
// 127.0.0.1, creates one chat per simulated customer on the REST side, and has each
// customer follow its chat with a `ChatSession` (lib/, the engine under the elements),
// on its own `CometdConnection` (its own cookie jar, like a separate browser). Once every
// session is connected, has caught up with its chat's log and got its chat's state, the
// server restarts (all CometD sessions lost) and stays down for a while; meanwhile every
// chat gets a message per second, logged silently (never published: only a catch-up GET
// can bring it). Then the server comes back and the script prints how the reconnects and
// the catch-ups spread, and checks every session's log against the server's.
//
//   node bench/reconnect-load.mjs [--clients 500] [--down 3000] [--limit 60000]
//                                 [--batch 20] [--connect-timeout 120000]
//
// Requests are counted by wrapping the HTTP handler, timestamped when they arrive, whether
// the server is up or not: `{notificationsPath}/handshake` and `/connect` (CometD appends
// the message type to the URL), the catch-up reads `GET {api}/chats/{id}/messages` and the
// state reads `GET {api}/chats/{id}` (one per reconnection). The
// simulator's own `stats().handshakes` (sessions created) is printed as a cross-check.
//
// The simulator publishes `/v2/me/chats` to every subscriber (real GWS: to the chat's own
// customer only), so each session also receives, and ignores, the others' notifications.
//
// Exit code: 0 when every session reconnected and caught up within the limit and every log
// equals the server's, 1 otherwise (or on a setup failure), 2 if the overall watchdog fired.
import { createServer } from 'node:http';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { adapt } from 'cometd-nodejs-client';
import { LongPollingTransport } from 'cometd';
import { createGwsSimulator } from '../demo/simulator.mjs';
import { ChatSession } from '../lib/index.js';
import { CometdConnection } from '../lib/transport/connection.js';
import { MIN_DELAY, MAX_DELAY, BASE_DELAY } from '../lib/transport/backoff.js';

const HOST = '127.0.0.1';
const TOPIC = '/v2/me/chats';
const HIST_BUCKET = 500; // ms, reconnect / catch-up completion histogram
const HS_BUCKET = 250; // ms, handshake counts
const SETTLE = 1_000; // ms watched after the last catch-up, to catch sessions that drop again
const SAY_EVERY = 1_000; // ms between the rounds of messages said during the outage
const PUBLISH_CHUNK = 50; // state notifications published at once

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
const READY_TIMEOUT = 30_000; // initial catch-up and state notification, after the ramp-up

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
}, CONNECT_TIMEOUT + READY_TIMEOUT + DOWN + LIMIT + SETTLE + 30_000);

// --- one cookie jar per simulated customer ---------------------------------------------
// cometd-nodejs-client copies the transport's `context` into each XHR and hands it to
// `cookies.retrieveCookies(context, uri, cb)`; `cookies.storeCookie(uri, header, cb)` gets
// the same per-request URL object. Every CometD instance registers its own
// LongPollingTransport, so a per-transport context is a per-customer cookie jar (like
// separate browsers: each gets its own BAYEUX_BROWSER cookie). The REST side (`fetch`)
// needs no cookies in the simulator.
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
const sim = simulator.rest;
const hsPath = `${simulator.notificationsPath}/handshake`;
const connectPath = `${simulator.notificationsPath}/connect`;
const readPath = new RegExp(`^${simulator.basePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/chats/([^/]+)/messages$`);
const statePath = new RegExp(`^${simulator.basePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/chats/([^/]+)$`);
/** State reads (`GET {api}/chats/{id}`) after the outage started: [time, refused]. */
const stateReads = [];
let serverDown = false;
let recording = false;
/** CometD requests that arrived after the outage started: [time, 'handshake' | 'connect', refused]. */
const requests = [];
/** Catch-up reads that arrived after the outage started: [time, interaction id, refused]. */
const reads = [];
/** Catch-up reads per interaction id: { before (the outage), after, failed (no 200 answer, after) }. */
const readsOf = new Map();
const MAX_RECORDED = 1_000_000;
const httpServer = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (!simulator.handles(path)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const read = req.method === 'GET' ? readPath.exec(path) : null;
  if (read) {
    const id = decodeURIComponent(read[1]);
    const counts = readsOf.get(id) ?? { before: 0, after: 0, failed: 0 };
    readsOf.set(id, counts);
    if (recording) {
      counts.after++;
      if (reads.length < MAX_RECORDED) reads.push([now(), id, serverDown]);
      res.once('close', () => {
        if (!res.writableFinished || res.statusCode !== 200) counts.failed++;
      });
    } else {
      counts.before++;
    }
  } else if (req.method === 'GET' && statePath.test(path)) {
    if (recording && stateReads.length < MAX_RECORDED) stateReads.push([now(), serverDown]);
  } else if (recording && requests.length < MAX_RECORDED) {
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
const origin = `http://${HOST}:${port}`;
const url = `${origin}${simulator.notificationsPath}`;
if (new URL(url).hostname !== HOST) throw new Error(`refusing to connect to ${url}`);
progress(`simulator at ${url}`);

// --- the customers --------------------------------------------------------------------
let t0 = Infinity; // outage start
/**
 * @typedef {object} Customer
 * @property {string} id the chat it follows
 * @property {ChatSession} session
 * @property {string} state latest `connectionState` reported (`gws-connection-change`)
 * @property {number | null} reconnectingAt first 'reconnecting' after t0 (ms after t0)
 * @property {number | null} reconnectedAt first 'connected' after t0 (ms after t0)
 * @property {string | null} lastOutageText the last message said in its chat during the outage
 * @property {number | null} caughtUpAt when its log first held that message (ms after t0)
 * @property {number} retries distinct retries scheduled after t0 (until reconnected)
 * @property {number | null} lastRetryAt
 * @property {number} longestWait longest single scheduled wait after t0 (ms)
 * @property {number} relapses times it left 'connected' again after reconnecting
 * @property {number} errors `gws-error` events
 * @property {string[]} states every state reported after t0 (capped)
 */
/** @type {Customer[]} */
const customers = [];
const errorMessages = new Map();

/**
 * A customer's own notification source: one CometdConnection (one CometD client, one
 * cookie jar), created on first use and forgotten when its last subscriber leaves, like
 * the page's shared connection of a separate browser.
 */
function ownSource() {
  /** @type {CometdConnection | null} */
  let connection = null;
  return (endpoint) => ({
    subscribe(topic, observer) {
      if (!connection) {
        const created = new CometdConnection(endpoint, () => {
          if (connection === created) connection = null;
        }, {});
        connection = created;
      }
      return connection.subscribe(topic, observer);
    },
    reconnectNow() {
      connection?.reconnectNow();
    },
  });
}

function startCustomer(n) {
  const id = sim.create('chat', { origin, nickname: `Customer ${n}`, state: 'Chatting' });
  // Something in the log before the customer arrives: the first catch-up reads it.
  sim.agent(id, 'say', { text: `welcome ${n}`, silent: true });
  const session = new ChatSession({ url, interactionId: id, source: ownSource() });
  /** @type {Customer} */
  const c = {
    id, session, state: session.connectionState, reconnectingAt: null, reconnectedAt: null, lastOutageText: null,
    caughtUpAt: null, retries: 0, lastRetryAt: null, longestWait: 0, relapses: 0, errors: 0, states: [],
  };
  customers.push(c);
  session.addEventListener('gws-connection-change', (e) => {
    const state = e.detail.state;
    c.state = state;
    const t = now();
    if (t < t0) return;
    const rel = t - t0;
    if (c.states.length < 200) c.states.push(state);
    if (state === 'connected') {
      if (c.reconnectedAt === null) c.reconnectedAt = rel;
    } else if (c.reconnectedAt !== null) {
      c.relapses++;
    } else if (state === 'reconnecting' && c.reconnectingAt === null) {
      c.reconnectingAt = rel;
    }
  });
  // The scheduled retry shows as `retryAt` (a `change` without a state change).
  session.addEventListener('change', () => {
    if (now() < t0 || c.reconnectedAt !== null) return;
    const retryAt = session.retryAt;
    if (session.connectionState === 'reconnecting' && retryAt !== null && retryAt !== c.lastRetryAt) {
      c.lastRetryAt = retryAt;
      c.retries++;
      c.longestWait = Math.max(c.longestWait, retryAt - Date.now());
    }
  });
  session.addEventListener('gws-message', (e) => {
    if (c.caughtUpAt === null && c.lastOutageText !== null && e.detail.message.text === c.lastOutageText) {
      c.caughtUpAt = now() - t0;
    }
  });
  session.addEventListener('gws-error', (e) => {
    c.errors++;
    const key = `${e.detail.kind}: ${e.detail.message}`;
    errorMessages.set(key, (errorMessages.get(key) ?? 0) + 1);
  });
  session.connect();
  return c;
}

/** What a log entry is, for comparing a session's log with the server's. */
const entryKey = (m) => `${m.index}|${m.type}|${m.text ?? ''}`;
/** Whether the session's visible log is exactly the server's log of its chat. */
function sameLog(c) {
  const server = sim.log(c.id);
  const mine = c.session.messages;
  return server.length === mine.length && server.every((m, i) => entryKey(m) === entryKey(mine[i]));
}

const tally = (values) => {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return Object.entries(counts).map(([s, n]) => `${s}: ${n}`).join(', ');
};
const stateCounts = () => tally(customers.map((c) => c.session.connectionState));

let exitCode = 1;
try {
  // Ramp up in small batches, each connected before the next starts.
  const rampStart = now();
  while (customers.length < CLIENTS) {
    const batch = [];
    for (let i = 0; i < BATCH && customers.length < CLIENTS; i++) batch.push(startCustomer(customers.length + 1));
    const left = CONNECT_TIMEOUT - (now() - rampStart);
    const ok = left > 0 && (await waitUntil(() => batch.every((c) => c.session.connectionState === 'connected'), Math.min(BATCH_TIMEOUT, left)));
    if (!ok) {
      throw new Error(
        `only ${customers.filter((c) => c.session.connectionState === 'connected').length} of ${customers.length} sessions ` +
          `started so far (of ${CLIENTS}) reported 'connected' within ${Math.round(now() - rampStart)} ms ` +
          `(batch timeout ${BATCH_TIMEOUT} ms, --connect-timeout ${CONNECT_TIMEOUT} ms); states: ${stateCounts()}`,
      );
    }
    if (customers.length % 100 === 0 || customers.length === CLIENTS) progress(`${customers.length}/${CLIENTS} connected`);
  }
  const rampMs = now() - rampStart;

  // Every chat's state, published once all are listening (each session gets all of them).
  const publishStart = now();
  for (let i = 0; i < customers.length; i += PUBLISH_CHUNK) {
    await Promise.all(customers.slice(i, i + PUBLISH_CHUNK).map((c) => sim.publishState(c.id)));
  }
  const ready = await waitUntil(
    () => customers.every((c) => c.session.state === 'Chatting' && c.session.messages.length >= 1 && c.session.catchUpStatus.kind === 'idle'),
    READY_TIMEOUT,
  );
  if (!ready) {
    throw new Error(
      `within ${READY_TIMEOUT} ms of publishing the chats' states, ` +
        `${customers.filter((c) => c.session.state !== 'Chatting').length} sessions lacked their state and ` +
        `${customers.filter((c) => c.session.messages.length < 1).length} their first catch-up; ` +
        `catch-ups: ${tally(customers.map((c) => c.session.catchUpStatus.kind))}`,
    );
  }
  const readyMs = now() - publishStart;
  // Let every client's held long poll start again.
  await sleep(1_000);
  const before = simulator.stats();
  if (before.sessions !== CLIENTS || before.subscribers[TOPIC] !== CLIENTS) {
    progress(`warning: server sees ${before.sessions} sessions, ${before.subscribers[TOPIC]} subscribers before the outage`);
  }
  const handshakesBefore = before.handshakes;
  const readsBefore = [...readsOf.values()].map((r) => r.before).sort((a, b) => a - b);
  const logsBefore = customers.filter((c) => !sameLog(c)).length;

  // --- the outage ---------------------------------------------------------------------
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  recording = true;
  t0 = now();
  serverDown = true;
  simulator.outage({ restart: true });
  progress(`outage (restart) for ${DOWN} ms; a silent message per chat every ${SAY_EVERY} ms`);
  // Every chat gets messages nobody is told about: only a catch-up can bring them.
  let rounds = 0;
  do {
    rounds++;
    for (const c of customers) {
      c.lastOutageText = `said during the outage (${rounds}) to ${c.id}`;
      await sim.agent(c.id, 'say', { text: c.lastOutageText, silent: true });
    }
    const next = rounds * SAY_EVERY;
    if (next >= DOWN) break;
    await sleep(next - (now() - t0));
  } while (true);
  await sleep(DOWN - (now() - t0));
  const tRecover = now() - t0; // ms after t0
  serverDown = false;
  simulator.recover();
  progress('recovered; waiting for reconnects and catch-ups');
  const allBack = await waitUntil(() => customers.every((c) => c.reconnectedAt !== null && c.caughtUpAt !== null), LIMIT);
  const waitedMs = now() - t0 - tRecover;
  if (allBack) await sleep(SETTLE);
  recording = false;
  loop.disable();
  // Catch-ups are merged by then; a read still out would show as a difference below.
  const after = simulator.stats();
  const differing = customers.filter((c) => !sameLog(c));

  // --- analysis -----------------------------------------------------------------------
  const sinceRecovery = (t) => t - tRecover;
  const within = (t) => t !== null && sinceRecovery(t) <= LIMIT;
  const done = customers.filter((c) => within(c.reconnectedAt)).map((c) => sinceRecovery(c.reconnectedAt)).sort((a, b) => a - b);
  const caught = customers.filter((c) => within(c.caughtUpAt)).map((c) => sinceRecovery(c.caughtUpAt)).sort((a, b) => a - b);
  const failed = CLIENTS - done.length;
  const notCaught = CLIENTS - caught.length;
  const pctOf = (list) => (q) => {
    const k = Math.ceil(q * CLIENTS);
    return k <= list.length ? list[k - 1] : null;
  };
  const pct = pctOf(done);
  const pctCaught = pctOf(caught);
  const hsUp = requests.filter(([, kind, refused]) => kind === 'handshake' && !refused).map(([t]) => sinceRecovery(t - t0));
  const hsRefused = requests.filter(([, kind, refused]) => kind === 'handshake' && refused).length;
  const connUp = requests.filter(([, kind, refused]) => kind === 'connect' && !refused).map(([t]) => sinceRecovery(t - t0));
  const connRefused = requests.filter(([, kind, refused]) => kind === 'connect' && refused).length;
  const readsUp = reads.filter(([, , refused]) => !refused).map(([t]) => sinceRecovery(t - t0));
  const readsRefused = reads.length - readsUp.length;
  // Peak per second: the busiest 1 s window (sliding); and the busiest 250 ms bucket.
  const peakWindow = (times) => {
    let peak = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1_000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    return peak;
  };
  const buckets = (times) => {
    const map = new Map();
    for (const t of times) {
      const b = Math.floor(Math.max(0, t) / HS_BUCKET);
      map.set(b, (map.get(b) ?? 0) + 1);
    }
    return map;
  };
  const peak1s = peakWindow(hsUp);
  const hsBuckets = buckets(hsUp);
  const peak250 = Math.max(0, ...hsBuckets.values());
  const readPeak1s = peakWindow(readsUp);
  const readPeak250 = Math.max(0, ...buckets(readsUp).values());

  // Histogram rows: 500 ms buckets from the recovery to the last reconnect, catch-up or handshake.
  const lastT = Math.max(0, done.at(-1) ?? 0, caught.at(-1) ?? 0, hsUp.at(-1) ?? 0);
  const nRows = Math.min(Math.floor(lastT / HIST_BUCKET) + 1, Math.ceil(LIMIT / HIST_BUCKET));
  const perRow = (times) => {
    const row = new Array(nRows).fill(0);
    for (const t of times) {
      const r = Math.floor(Math.max(0, t) / HIST_BUCKET);
      if (r < nRows) row[r]++;
    }
    return row;
  };
  const doneRow = perRow(done);
  const caughtRow = perRow(caught);
  const connRow = perRow(connUp);
  const readRow = perRow(readsUp);
  const maxRow = Math.max(1, ...doneRow);
  const BAR = 40;
  const sec = (ms) => (ms / 1000).toFixed(1);
  let cumulative = 0;
  let cumulativeCaught = 0;
  const histRows = doneRow.map((n, r) => {
    cumulative += n;
    cumulativeCaught += caughtRow[r];
    const a = hsBuckets.get(2 * r) ?? 0;
    const b = hsBuckets.get(2 * r + 1) ?? 0;
    return [
      `${sec(r * HIST_BUCKET)}–${sec((r + 1) * HIST_BUCKET)} s`,
      String(n),
      String(cumulative),
      `${((100 * cumulative) / CLIENTS).toFixed(1)}%`,
      String(caughtRow[r]),
      `${((100 * cumulativeCaught) / CLIENTS).toFixed(1)}%`,
      `${a} + ${b}`,
      String(connRow[r]),
      String(readRow[r]),
      '#'.repeat(Math.round((BAR * n) / maxRow)),
    ];
  });

  const reconnecting = customers.filter((c) => c.reconnectingAt !== null).map((c) => c.reconnectingAt).sort((a, b) => a - b);
  const retries = customers.map((c) => c.retries).sort((a, b) => a - b);
  const longest = Math.max(0, ...customers.map((c) => c.longestWait));
  const relapsed = customers.filter((c) => c.relapses > 0).length;
  const errors = customers.reduce((n, c) => n + c.errors, 0);
  const readsAfter = customers.map((c) => readsOf.get(c.id)?.after ?? 0).sort((a, b) => a - b);
  const readsFailed = customers.reduce((n, c) => n + (readsOf.get(c.id)?.failed ?? 0), 0);
  const moreThanOneRead = readsAfter.filter((n) => n > 1).length;
  const cookies = new Set(jars.map((jar) => jar.get('BAYEUX_BROWSER')).filter(Boolean));
  const ms = (v) => (v === null ? 'not reached' : `${Math.round(v)} ms`);
  const spread = (list) => `${list[0]} / ${list[Math.floor(list.length / 2)]} / ${list.at(-1)}`;

  console.log('');
  console.log(
    `Reconnect and catch-up completion after recovery (${HIST_BUCKET} ms buckets; ` +
      `handshakes per ${HS_BUCKET} ms as "1st + 2nd half"; GETs: catch-up reads)`,
  );
  console.log('');
  printTable(
    ['after recovery', 'reconnected', 'cumulative', '%', 'caught up', '%', 'handshakes', 'connects', 'GETs', ''],
    histRows,
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
  console.log('');
  printTable(
    ['summary', ''],
    [
      ['sessions (ChatSession, each on its own CometdConnection)', String(CLIENTS)],
      ['ramp-up (batches of ' + BATCH + ')', `${Math.round(rampMs)} ms`],
      ['states published, first catch-ups done', `${Math.round(readyMs)} ms`],
      ['catch-up GETs per session before the outage (min/median/max)', spread(readsBefore)],
      ['logs differing from the server\'s before the outage', String(logsBefore)],
      ['outage length (restart: all sessions lost)', `${DOWN} ms (measured ${Math.round(tRecover)} ms)`],
      ['messages said silently during the outage', `${rounds} per chat (${rounds * CLIENTS} in all)`],
      ['reconnect schedule (lib/transport/backoff.js)', `full jitter, ${MIN_DELAY} ms – min(${MAX_DELAY} ms, ${BASE_DELAY} ms × 2^(n-1))`],
      ['reported reconnecting', `${reconnecting.length}/${CLIENTS} (${ms(reconnecting[0] ?? null)} – ${ms(reconnecting.at(-1) ?? null)} after outage start)`],
      ['time to 50% reconnected (after recovery)', ms(pct(0.5))],
      ['time to 90% reconnected', ms(pct(0.9))],
      ['time to 99% reconnected', ms(pct(0.99))],
      ['time to 100% reconnected', ms(pct(1))],
      ['first reconnect after recovery', ms(done[0] ?? null)],
      ['time to 50% caught up (after recovery)', ms(pctCaught(0.5))],
      ['time to 90% caught up', ms(pctCaught(0.9))],
      ['time to 99% caught up', ms(pctCaught(0.99))],
      ['time to 100% caught up', ms(pctCaught(1))],
      ['peak handshakes per second (sliding 1 s)', String(peak1s)],
      ['peak handshakes in one 250 ms bucket', `${peak250} (= ${peak250 * 4}/s)`],
      ['handshakes after recovery (HTTP requests)', `${hsUp.length} (server sessions created: ${after.handshakes - handshakesBefore})`],
      ['requests refused during the outage', `${connRefused} connects, ${hsRefused} handshakes, ${readsRefused} GETs`],
      ['/meta/connect requests after recovery', String(connUp.length)],
      ['catch-up GETs after recovery', `${readsUp.length} (failed: ${readsFailed})`],
      ['state reads (GET chats/{id}) after recovery', String(stateReads.filter(([, refused]) => !refused).length)],
      ['catch-up GETs per session (min/median/max)', spread(readsAfter)],
      ['sessions with more than one catch-up GET', String(moreThanOneRead)],
      ['peak catch-up GETs per second / in one 250 ms bucket', `${readPeak1s} / ${readPeak250}`],
      ['retries scheduled per session (min/median/max)', spread(retries)],
      ['longest single scheduled wait', `${Math.round(longest)} ms`],
      ['server after: sessions / subscribers', `${after.sessions} / ${after.subscribers[TOPIC]}`],
      ['sessions that dropped again after reconnecting', String(relapsed)],
      ['gws-error events', errors === 0 ? '0' : `${errors}: ${[...errorMessages].map(([m, n]) => `${n}× ${m}`).join('; ')}`],
      ['cookie jars / distinct BAYEUX_BROWSER', `${jars.length} / ${cookies.size}${sharedJar.size ? ' (shared jar used!)' : ''}`],
      ['event-loop delay max / p99 (during test)', `${(loop.max / 1e6).toFixed(0)} ms / ${(loop.percentile(99) / 1e6).toFixed(0)} ms`],
      [`failed to reconnect within ${LIMIT / 1000} s`, String(failed)],
      [`failed to catch up within ${LIMIT / 1000} s`, String(notCaught)],
      ['logs differing from the server\'s at the end', String(differing.length)],
      ['waited after recovery', `${Math.round(waitedMs)} ms`],
    ],
    ['l', 'r'],
  );
  if (failed > 0) {
    const stuck = customers.filter((c) => c.reconnectedAt === null);
    console.log('');
    console.log(`${failed} sessions did not reconnect; their states now: ${tally(stuck.map((c) => c.session.connectionState))}`);
  }
  if (notCaught > 0) {
    const behind = customers.filter((c) => c.caughtUpAt === null);
    console.log('');
    console.log(`${notCaught} sessions did not catch up; their catch-ups now: ${tally(behind.map((c) => c.session.catchUpStatus.kind))}`);
  }
  if (differing.length > 0) {
    const c = differing[0];
    console.log('');
    console.log(`${differing.length} logs differ from the server's, e.g. ${c.id}:`);
    console.log(`  server:  ${sim.log(c.id).map(entryKey).join(' ; ')}`);
    console.log(`  session: ${c.session.messages.map(entryKey).join(' ; ')}`);
  }
  exitCode = failed === 0 && notCaught === 0 && differing.length === 0 && logsBefore === 0 ? 0 : 1;
} catch (e) {
  console.error(`reconnect-load: ${e instanceof Error ? e.message : e}`);
  exitCode = 1;
} finally {
  // --- shut everything down -------------------------------------------------------------
  progress('disconnecting');
  for (const c of customers) {
    try {
      c.session.disconnect();
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
