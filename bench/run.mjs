// `npm run bench`: gws-chat side by side with deep-chat 2.4.2, one table on stdout
// (progress on stderr). Builds first when dist/ is missing or older than src/. Sizes of the built bundles (gzip -9); then, in one headless
// Chromium, each workload RUNS times on a fresh page (browser context) for each side,
// the notifications over the real CometD server of the GWS simulator; then the widget's
// figures (bench/widget.mjs). See README, "Performance".
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startBenchServer } from './server.mjs';
import { launch } from './chromium.mjs';
import { atMost, printTable } from './stats.mjs';
import * as ours from './ours.mjs';
import * as peer from './peer.mjs';
import { benchWidget } from './widget.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const progress = (what) => process.stderr.write(`bench: ${what}\n`);
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Whether dist/ is missing, or older than anything it is built from. */
function distStale() {
  const built = ['dist/gws-chat.min.js', 'dist/gws-chat.esm.min.js', 'dist/gws-chat-widget.js', 'dist/gws-chat-widget-panel.js'];
  if (!built.every((f) => existsSync(f))) return true;
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const sources = ['rollup.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json',
    ...readdirSync('src', { recursive: true }).map((f) => join('src', f))];
  return sources.some((f) => existsSync(f) && statSync(f).mtimeMs > oldest);
}

if (distStale()) {
  progress('dist/ is missing or older than src/: npm run build');
  const built = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Samples by side and by figure: `figures.ours['history.paint'] = [run1, run2, ...]`. */
const figures = { ours: {}, peer: {} };
const recorder = (side) => (key, value) => (figures[side][key] ??= []).push(value);
const rows = [];

// --- sizes ---------------------------------------------------------------------------------
const deepBundle = join(dirname(createRequire(import.meta.url).resolve('deep-chat/package.json')), 'dist/deepChat.bundle.js');
const core = atMost(36_000, '≤ 36,000 B');
rows.push({ workload: 'core bundle dist/gws-chat.min.js, gzip -9 (deep-chat: deepChat.bundle.js)', unit: 'B', ours: [gz('dist/gws-chat.min.js')], peer: [gz(deepBundle)], target: core });
rows.push({ workload: 'core bundle, ESM dist/gws-chat.esm.min.js, gzip -9', unit: 'B', ours: [gz('dist/gws-chat.esm.min.js')], peer: [gz(deepBundle)], target: core });
rows.push({ workload: 'widget loader dist/gws-chat-widget.js, gzip -9', unit: 'B', ours: [gz('dist/gws-chat-widget.js')], target: atMost(4000, '≤ 4,000 B') });
for (const f of readdirSync('dist/lang').filter((n) => n.endsWith('.js')).sort()) {
  rows.push({ workload: `language file dist/lang/${f}, gzip -9`, unit: 'B', ours: [gz(`dist/lang/${f}`)] });
}

// --- Chromium ------------------------------------------------------------------------------
const started = Date.now();
const server = await startBenchServer();
const browser = await launch();
const ctx = { browser, origin: server.origin, simulator: server.simulator };
try {
  for (let run = 0; run < RUNS; run++) {
    const o = recorder('ours');
    const p = recorder('peer');
    const step = async (what, work) => {
      const t0 = Date.now();
      await work();
      progress(`run ${run + 1}/${RUNS}: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    };
    await step('gws-chat: page load, a burst of 1,000', () => ours.loadAndBurst(ctx, run, o));
    await step('deep-chat: page load, a burst of 1,000', () => peer.loadAndBurst(ctx, run, p));
    await step(`gws-chat: a 10,000-message history, ${ours.APPENDS} appends`, () => ours.history(ctx, run, o));
    await step(`deep-chat: a 10,000-message history, ${ours.APPENDS} appends`, () => peer.history(ctx, run, p));
    await step('gws-chat: publish → paint beside a bare CometD subscriber', () => ours.publishToPaint(ctx, run, o));
    await step(`gws-chat: ${ours.CYCLES} mount/unmount cycles`, () => ours.mountCycles(ctx, run, o));
    await step(`deep-chat: ${ours.CYCLES} mount/unmount cycles`, () => peer.mountCycles(ctx, run, p));
    await step('ChatSession alone: a 10,000-message history, appends', () => ours.session(ctx, run, o));
  }
  const O = figures.ours;
  const P = figures.peer;
  const noLongTask = atMost(50, '≤ 50 ms');
  rows.push(
    { workload: 'page load → first render painted (since navigation)', unit: 'ms', ours: O['load.paint'], peer: P['load.paint'] },
    { workload: 'page load → first render: longest main-thread task', unit: 'ms', ours: O['load.task'], peer: P['load.task'], target: noLongTask },
    { workload: '10,000-message history → painted (ours from arrival, deep-chat from `history`)', unit: 'ms', ours: O['history.paint'], peer: P['history.paint'], target: atMost(100, '≤ 100 ms') },
    { workload: '10,000-message history → every entry in the DOM', unit: 'ms', ours: O['history.complete'], peer: P['history.complete'] },
    { workload: '10,000-message history: longest main-thread task', unit: 'ms', ours: O['history.task'], peer: P['history.task'], target: noLongTask },
    { workload: 'JS heap after the 10,000-message history', unit: 'MB', ours: O['history.heap'], peer: P['history.heap'],
      target: { text: '≤ deep-chat', check: (o, p) => o <= p } },
    { workload: `append at 10,000 → text in the DOM, median of ${ours.APPENDS} (ours from arrival)`, unit: 'ms', ours: O['append.median'], peer: P['append.median'],
      target: { text: '≤ 0.5 ms and < deep-chat', check: (o, p) => o <= 0.5 && o < p } },
    { workload: `append at 10,000 → text in the DOM, p95 of ${ours.APPENDS}`, unit: 'ms', ours: O['append.p95'], peer: P['append.p95'] },
    { workload: `append at 10,000 → painted, median of ${ours.APPENDS}`, unit: 'ms', ours: O['append.paint'], peer: P['append.paint'] },
    { workload: `new language at ${(ours.HISTORY + ours.APPENDS).toLocaleString('en')} entries (lang="de"): every entry built with it, painted`, unit: 'ms', ours: O['language.time'] },
    { workload: 'new language at that log: longest main-thread task', unit: 'ms', ours: O['language.task'], target: noLongTask },
    { workload: `burst of ${ours.BURST} in 1 s (ours over CometD, deep-chat addMessage): longest task`, unit: 'ms', ours: O['burst.task'], peer: P['burst.task'], target: noLongTask },
    { workload: `publish → paint, median of ${ours.PINGS} (other column: a bare CometD subscriber, same page)`, unit: 'ms', ours: O.ping, peer: O['ping.bare'], peerNote: '(bare)',
      target: { text: '≤ bare + 2 ms', check: (o, p) => o <= p + 2 } },
    { workload: 'JS heap, bundle loaded, nothing mounted', unit: 'MB', ours: O['mount.base'], peer: P['mount.base'] },
    { workload: `JS heap after ${ours.CYCLES} mount/unmount cycles, minus before`, unit: 'MB', ours: O['mount.delta'], peer: P['mount.delta'], target: atMost(1, '≤ 1 MB') },
    { workload: 'ChatSession alone: 10,000-message history, arrival → held', unit: 'ms', ours: O['session.history'] },
    { workload: 'ChatSession alone: longest main-thread task meanwhile', unit: 'ms', ours: O['session.task'], target: noLongTask },
    { workload: 'ChatSession alone: JS heap after the history', unit: 'MB', ours: O['session.heap'] },
    { workload: `ChatSession alone: append at 10,000, arrival → gws-message, median of ${ours.APPENDS}`, unit: 'ms', ours: O['session.append'], target: atMost(0.5, '≤ 0.5 ms') },
  );
  progress(`side by side done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (!process.env.BENCH_NO_WIDGET) await benchWidget({ browser, origin: server.origin, rows, progress });
} finally {
  await browser.close();
  server.close();
}

printTable(rows, 'deep-chat 2.4.2');
progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s (Chromium part); ${RUNS} runs, median (min–max)`);
process.exit(0);
