// deep-chat 2.4.2's workloads (bench/pages/deep.js), the same as gws-chat's where it has
// an equivalent: its own `history` property and `addMessage` method, timed in the page
// from the call (there is no network in between).
import { freshPage, goto } from './chromium.mjs';
import { traced } from './trace.mjs';
import { messages } from './messages.mjs';
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
    const appends = messages('message', HISTORY + 1, APPENDS).map((m) => m.text);
    // One call for all: after the history, deep-chat's queued timers hold every protocol
    // command back for a minute or more (see pages/deep.js).
    const h = await traced(page, () => page.evaluate((l, a) => window.bench.historyThenAppends(l, a), list, appends));
    record('history.paint', h.result.paint);
    record('history.complete', h.result.complete);
    record('history.task', h.longestMs);
    record('history.heap', h.result.heap);
    const dom = h.result.appends.map((a) => a.dom);
    record('append.median', median(dom));
    record('append.p95', p95(dom));
    record('append.paint', median(h.result.appends.map((a) => a.paint)));
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
    const before = await page.evaluate(() => window.bench.heapMB());
    await page.evaluate((n) => window.bench.mountCycles(n), CYCLES);
    await sleep(1000);
    record('mount.base', before);
    record('mount.delta', (await page.evaluate(() => window.bench.heapMB())) - before);
  } finally {
    await close();
  }
}
