// deep-chat 2.4.2's workloads (bench/pages/deep.js), the same as gws-chat's where it has
// an equivalent: its own `history` property and `addMessage` method, timed in the page
// from the call (there is no network in between).
import { freshPage, goto, heapMB } from './chromium.mjs';
import { traced } from './trace.mjs';
import { messages, text } from './messages.mjs';
import { median, p95 } from './stats.mjs';
import { APPENDS, BURST, CYCLES, HISTORY } from './ours.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Page load → first render, then 1,000 `addMessage` calls over one second. */
export async function loadAndBurst(ctx, run, record) {
  const { page, close } = await freshPage(ctx.browser);
  try {
    const load = await traced(page, async () => {
      await goto(page, `${ctx.origin}/bench/pages/deep.html`);
      return page.evaluate(() => window.bench.firstPaint);
    });
    record('load.paint', load.result);
    record('load.task', load.longestMs);
    const texts = messages('burst', 1, BURST).map((m) => m.text);
    const b = await traced(page, () => page.evaluate((t) => window.bench.burst(t, 1000), texts));
    record('burst.task', b.longestMs);
  } finally {
    await close();
  }
}

/** `history` of 10,000 (paint, every entry, longest task, heap), then 200 `addMessage`. */
export async function history(ctx, run, record) {
  const { page, close } = await freshPage(ctx.browser);
  try {
    await goto(page, `${ctx.origin}/bench/pages/deep.html`);
    await page.evaluate(() => window.bench.firstPaint);
    const list = messages('message', 1, HISTORY);
    const h = await traced(page, () => page.evaluate((l) => window.bench.history(l), list));
    record('history.paint', h.result.paint);
    record('history.complete', h.result.complete);
    record('history.task', h.longestMs);
    const heap = await heapMB(page);
    record('history.heap', heap.js);
    record('history.dom', heap.dom);
    const times = await page.evaluate((t) => window.bench.appends(t), messages('message', HISTORY + 1, APPENDS).map((m) => m.text));
    record('append.median', median(times));
    record('append.p95', p95(times));
  } finally {
    await close();
  }
}

/** The heap before and after 500 mount/unmount cycles of a <deep-chat>. */
export async function mountCycles(ctx, run, record) {
  const { page, close } = await freshPage(ctx.browser);
  try {
    await goto(page, `${ctx.origin}/bench/pages/deep.html?mount`);
    await page.evaluate(() => window.bench.firstPaint);
    await sleep(300);
    const before = (await heapMB(page)).js;
    await page.evaluate((n) => window.bench.mountCycles(n), CYCLES);
    await sleep(1000);
    record('mount.base', before);
    record('mount.delta', (await heapMB(page)).js - before);
  } finally {
    await close();
  }
}
