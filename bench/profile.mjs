// `npm run bench:profile`: where the main thread's time goes in the two workloads whose
// targets are missed (README, "Performance"), from Chrome's CPU profiler (samples every
// 20 µs) on the bench pages, over the GWS simulator's real CometD server:
// - page load: navigation to the element's first render painted, averaged over LOADS loads;
// - append at 10,000: each of APPENDS one-message notifications on a 10,000-message log.
// Self time by source module of dist/gws-chat.esm.min.js (through its source map), the
// browser's own work (native functions, "(program)", GC) by name; idle time left out.
// Run `npm run build` first.
import { readFileSync } from 'node:fs';
import { startBenchServer } from './server.mjs';
import { launch, freshPage, goto } from './chromium.mjs';
import { messages, notification, TOPIC } from './messages.mjs';
import { sourceAt } from '../scripts/source-map.mjs';

const LOADS = 6;
const APPENDS = 300;
const BUNDLE = 'gws-chat.esm.min.js';
const source = sourceAt(JSON.parse(readFileSync(`dist/${BUNDLE}.map`, 'utf8')));

/** Starts Chrome's sampling profiler on `page`; answers a function that stops it and answers the profile. */
async function profiling(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 20 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile;
}

/** Adds a profile's self time (ms) to `into`, by source module (ours) or native name. */
function selfTime(profile, into) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  profile.samples.forEach((id, i) => {
    const f = nodes.get(id);
    if (f.functionName === '(idle)') return;
    const key = f.url.endsWith(BUNDLE) ? source(f.lineNumber, f.columnNumber) : f.url ? `page: ${f.url.split('/').pop()}` : `browser: ${f.functionName || '(anonymous)'}`;
    into.set(key, (into.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
}

function print(title, totals, per) {
  const rows = [...totals].map(([k, ms]) => [k, ms / per]).sort((a, b) => b[1] - a[1]);
  const sum = rows.reduce((s, [, ms]) => s + ms, 0);
  console.log(`\n${title}: ${sum.toFixed(3)} ms of main-thread work each (idle left out)`);
  for (const [k, ms] of rows.slice(0, 18)) console.log(`${ms.toFixed(3).padStart(9)}  ${k}`);
}

const server = await startBenchServer();
const browser = await launch();
const open = async (id, path = '/bench/pages/ours.html') => {
  const chatUri = `${server.origin}/api/v2/chats/${id}`;
  server.simulator.rest.know({ chatUri });
  const fresh = await freshPage(browser);
  return { ...fresh, url: `${server.origin}${path}?id=${id}`, publish: (list) => server.simulator.publish(TOPIC, notification(chatUri, list)) };
};
try {
  const load = new Map();
  for (let i = 0; i < LOADS; i++) {
    const { page, close, url } = await open(`PROFLOAD${i}`);
    const stop = await profiling(page);
    await goto(page, url);
    await page.evaluate(() => window.bench.firstPaint);
    selfTime(await stop(), load);
    await close();
  }
  print(`page load → first render painted (${LOADS} loads)`, load, LOADS);

  const { page, close, url, publish } = await open('PROFAPPEND');
  await goto(page, url);
  await page.evaluate(() => window.bench.connected());
  const history = messages('message', 1, 10_000);
  await page.evaluate((a, b) => window.bench.armHistory(a, b), history[0].text, history.at(-1).text);
  await publish(history);
  await page.evaluate(() => window.bench.result);
  await new Promise((r) => setTimeout(r, 1000));
  const stop = await profiling(page);
  const dom = [];
  for (const m of messages('message', 10_001, APPENDS)) {
    await page.evaluate((t) => window.bench.armAppend(t), m.text);
    await publish([m]);
    dom.push((await page.evaluate(() => window.bench.result)).dom);
  }
  const append = new Map();
  selfTime(await stop(), append);
  await close();
  dom.sort((a, b) => a - b);
  print(`append at 10,000 (${APPENDS}; arrival → text in the DOM, median ${dom[dom.length >> 1].toFixed(2)} ms under the profiler)`, append, APPENDS);
} finally {
  await browser.close();
  await server.close();
}
