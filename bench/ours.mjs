// gws-chat's workloads (bench/pages/ours.js, session.js, pubpaint.js): every notification is
// published on the real CometD server of the GWS simulator, and timed in the page from the
// arrival of the long-poll response that carries it (Resource Timing's responseEnd).
import { performance } from 'node:perf_hooks';
import { freshPage, goto } from './chromium.mjs';
import { traced } from './trace.mjs';
import { messages, notification, text, TOPIC } from './messages.mjs';
import { median, p95 } from './stats.mjs';

export const HISTORY = 10_000;
export const APPENDS = 200;
export const BURST = 1000;
export const PINGS = 50;
export const CYCLES = 500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens `path?id=X` on a chat the simulator knows (its log can be read, empty). */
async function open(ctx, path, id) {
  const { browser, origin, simulator } = ctx;
  const chatUri = `${origin}/api/v2/chats/${id}`;
  simulator.rest.know({ chatUri });
  const fresh = await freshPage(browser);
  const publish = (list) => simulator.publish(TOPIC, notification(chatUri, list));
  return { ...fresh, chatUri, publish, url: `${origin}${path}?id=${id}` };
}

/** Publishes `count` one-message notifications from `from`, evenly over `ms`. */
async function burst(publish, kind, from, count, ms) {
  const t0 = performance.now();
  const sent = [];
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * ms) / count - performance.now();
    if (wait >= 1) await sleep(wait);
    sent.push(publish(messages(kind, from + i, 1)));
  }
  await Promise.all(sent);
}

/** Page load → first render (longest task, time), then a burst of 1,000 over one second. */
export async function loadAndBurst(ctx, run, record) {
  const { page, close, url, publish } = await open(ctx, '/bench/pages/ours.html', `LOAD${run}`);
  try {
    const load = await traced(page, async () => {
      await goto(page, url);
      return page.evaluate(() => window.bench.firstPaint);
    });
    record('load.paint', load.result);
    record('load.task', load.longestMs);
    await page.evaluate(() => window.bench.connected());
    const b = await traced(page, async () => {
      await page.evaluate((t) => window.bench.armBurst(t), text('burst', BURST));
      await burst(publish, 'burst', 1, BURST, 1000);
      await page.evaluate(() => window.bench.result);
    });
    record('burst.task', b.longestMs);
  } finally {
    await close();
  }
}

/** A 10,000-message history (paint, every entry, longest task, heap), then 200 appends. */
export async function history(ctx, run, record) {
  const { page, close, url, publish } = await open(ctx, '/bench/pages/ours.html', `HIST${run}`);
  try {
    await goto(page, url);
    await page.evaluate(() => window.bench.connected());
    const list = messages('message', 1, HISTORY);
    const h = await traced(page, async () => {
      await page.evaluate((a, b) => window.bench.armHistory(a, b), list[0].text, list.at(-1).text);
      await publish(list);
      return page.evaluate(() => window.bench.result);
    });
    record('history.paint', h.result.paint);
    record('history.complete', h.result.complete);
    record('history.task', h.longestMs);
    record('history.heap', await page.evaluate(() => window.bench.heapMB()));
    const times = [];
    for (const m of messages('message', HISTORY + 1, APPENDS)) {
      await page.evaluate((t) => window.bench.armAppend(t), m.text);
      await publish([m]);
      times.push(await page.evaluate(() => window.bench.result));
    }
    const dom = times.map((a) => a.dom);
    record('append.median', median(dom));
    record('append.p95', p95(dom));
    record('append.paint', median(times.map((a) => a.paint)));
    const l = await traced(page, async () => {
      await page.evaluate(() => window.bench.armLanguage('de'));
      return page.evaluate(() => window.bench.result);
    });
    record('language.time', l.result);
    record('language.task', l.longestMs);
  } finally {
    await close();
  }
}

/** Node's clock minus the page's (epoch ms), from the round trip that was shortest. */
async function clockOffset(page) {
  const now = () => performance.timeOrigin + performance.now();
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const a = now();
    const p = await page.evaluate(() => window.bench.epoch());
    const b = now();
    if (b - a < best.rtt) best = { rtt: b - a, offset: p - (a + b) / 2 };
  }
  return best.offset;
}

/** Publish → paint, the element and a bare CometD subscriber in the same page (median of 50). */
export async function publishToPaint(ctx, run, record) {
  const { page, close, url, publish } = await open(ctx, '/bench/pages/pubpaint.html', `PING${run}`);
  try {
    await goto(page, url);
    await page.evaluate(() => window.bench.connected());
    const offset = await clockOffset(page);
    const ours = [];
    const plain = [];
    for (const m of messages('ping', 1, PINGS)) {
      await page.evaluate((t) => window.bench.arm(t), m.text);
      const sent = performance.timeOrigin + performance.now() + offset;
      await publish([m]);
      const r = await page.evaluate(() => window.bench.result);
      ours.push(r.ours - sent);
      plain.push(r.plain - sent);
    }
    record('ping', median(ours));
    record('ping.bare', median(plain));
    await page.evaluate(() => window.bench.disconnect());
  } finally {
    await close();
  }
}

/** The heap before and after 500 mount/unmount cycles of a <gws-chat> with an interaction id. */
export async function mountCycles(ctx, run, record) {
  const { page, close, url } = await open(ctx, '/bench/pages/ours.html', `MOUNT${run}`);
  try {
    await goto(page, `${url}&mount`);
    await page.evaluate(() => window.bench.firstPaint);
    await sleep(300);
    const before = await page.evaluate(() => window.bench.heapMB());
    await page.evaluate((n, id) => window.bench.mountCycles(n, id), CYCLES, `MOUNT${run}`);
    await sleep(1000); // what the last removal started (a goodbye to the server) ends
    record('mount.base', before);
    record('mount.delta', (await page.evaluate(() => window.bench.heapMB())) - before);
  } finally {
    await close();
  }
}

/** `ChatSession` alone: a 10,000-message history (time, longest task, heap), 200 appends. */
export async function session(ctx, run, record) {
  const { page, close, url, publish } = await open(ctx, '/bench/pages/session.html', `SESS${run}`);
  try {
    await goto(page, url);
    await page.evaluate(() => window.bench.connected());
    const h = await traced(page, async () => {
      await page.evaluate((n) => window.bench.armHistory(n), HISTORY);
      await publish(messages('message', 1, HISTORY));
      return page.evaluate(() => window.bench.result);
    });
    record('session.history', h.result);
    record('session.task', h.longestMs);
    record('session.heap', await page.evaluate(() => window.bench.heapMB()));
    const times = [];
    for (const m of messages('message', HISTORY + 1, APPENDS)) {
      await page.evaluate((t) => window.bench.armAppend(t), m.text);
      await publish([m]);
      times.push(await page.evaluate(() => window.bench.result));
    }
    record('session.append', median(times));
    await page.evaluate(() => window.bench.disconnect());
  } finally {
    await close();
  }
}
