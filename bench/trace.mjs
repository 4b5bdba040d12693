// The main thread's tasks, from a Chrome trace: every task is seen, the short ones too
// (a PerformanceObserver of `longtask` only reports tasks over 50 ms).
// The window is set by two user-timing marks made by the page (`bench:start`, `bench:end`);
// a window without a start mark begins when the renderer does (a page load).

const CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];

/**
 * Runs `work` while Chrome traces, and answers its result with the tasks of the page's main
 * thread between the page's marks `bench:start` (if any) and `bench:end`:
 * `{ result, longestMs }`.
 * @template T
 * @param {import('puppeteer-core').Page} page
 * @param {() => Promise<T>} work
 */
export async function traced(page, work) {
  await page.tracing.start({ categories: CATEGORIES });
  let result;
  let raw;
  try {
    result = await work();
  } finally {
    raw = await page.tracing.stop();
  }
  const trace = JSON.parse(Buffer.from(raw).toString('utf8'));
  const events = trace.traceEvents ?? trace;
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing'));
  const end = marks.findLast((e) => e.name === 'bench:end');
  if (!end) throw new Error('trace: the page made no bench:end mark');
  const start = marks.find((e) => e.name === 'bench:start' && e.pid === end.pid && e.tid === end.tid);
  const from = start ? start.ts : -Infinity;
  const tasks = events.filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ph === 'X' && e.pid === end.pid && e.tid === end.tid
    && e.ts + e.dur >= from && e.ts <= end.ts);
  const ms = tasks.map((t) => t.dur / 1000);
  return { result, longestMs: Math.max(0, ...ms) };
}
