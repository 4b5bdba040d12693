// The widget's figures for `npm run bench` (bench/run.mjs): what the one tag costs a page.
// - the loader's minified size (its gzip -9 size and budget are a row of run.mjs), and the
//   files loaded when the chat is opened;
// - a visitor who never opens: requests and bytes after the page has settled, none to GWS;
// - the page's main-thread time (CDP TaskDuration) with and without the widget;
// - click → form shown: cold (nothing loaded yet) and prefetched (the pointer rested on the
//   launcher first, which loads the chat ahead).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const RUNS = 7;
const exact = (workload, value, unit, target) => ({ workload, unit, ours: [value], target });
const atMost = (limit, text) => ({ text, check: (v) => v <= limit });

/** Opens `path` in a fresh browser context (its own cache and storage). */
async function freshPage(browser, origin, path) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1024, height: 800 });
  const responses = [];
  page.on('response', async (r) => {
    const url = new URL(r.url());
    responses.push({ path: url.pathname, size: (await r.buffer().catch(() => Buffer.alloc(0))).length });
  });
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  return { context, page, responses };
}

/** Milliseconds from a click on the launcher to the pre-chat form painted. */
const clickToForm = (page) => page.evaluate(() => new Promise((resolve) => {
  const w = document.querySelector('gws-chat-widget');
  const t0 = performance.now();
  w.shadowRoot.querySelector('[part="launcher"]').click();
  const check = () => {
    const form = w.shadowRoot.querySelector('[part="prechat-form"]');
    if (form && !form.hidden) requestAnimationFrame(() => resolve(performance.now() - t0));
    else requestAnimationFrame(check);
  };
  check();
}));

/** The widget's rows, pushed on `rows` (see stats.mjs); the loader's gzip size is in run.mjs. */
export async function benchWidget({ browser, origin, rows, progress }) {
  rows.push(
    exact('widget: the loader dist/gws-chat-widget.js, minified', readFileSync('dist/gws-chat-widget.js').length, 'B'),
    exact('widget: dist/gws-chat-widget-panel.js (loaded with the chat), gzip -9', gz('dist/gws-chat-widget-panel.js'), 'B'),
    exact('widget: opening the chat loads the panel + gws-chat.esm.min.js, gzip -9', gz('dist/gws-chat-widget-panel.js') + gz('dist/gws-chat.esm.min.js'), 'B'),
  );

  progress('widget: a visitor who never opens');
  {
    const { context, page, responses } = await freshPage(browser, origin, '/bench/widget-page.html');
    await page.waitForFunction(() => customElements.get('gws-chat-widget'));
    await new Promise((r) => setTimeout(r, 3000)); // the page settles: nothing more may come
    const after = responses.filter((r) => r.path !== '/bench/widget-page.html');
    rows.push(
      exact('widget never opened: requests after the page (the loader only)', after.length, 'count', atMost(1, '1')),
      exact('widget never opened: bytes of those requests (uncompressed)', after.reduce((n, r) => n + r.size, 0), 'B'),
      exact('widget never opened: requests to GWS', after.filter((r) => r.path.startsWith('/api/')).length, 'count', atMost(0, '0')),
    );
    await context.close();
  }

  progress('widget: main-thread time with and without it');
  for (const [label, path] of [['without the widget', '/bench/widget-baseline.html'], ['with the widget', '/bench/widget-page.html']]) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const { context, page } = await freshPage(browser, origin, path);
      await new Promise((r) => setTimeout(r, 500));
      const m = await page.metrics();
      times.push(m.TaskDuration * 1000);
      await context.close();
    }
    rows.push({ workload: `widget: the page's main-thread time ${label} (${RUNS} loads)`, unit: 'ms', ours: times });
  }

  progress('widget: click to form shown');
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    {
      const { context, page } = await freshPage(browser, origin, '/bench/widget-page.html');
      cold.push(await clickToForm(page));
      await context.close();
    }
    {
      const { context, page } = await freshPage(browser, origin, '/bench/widget-page.html');
      await page.hover('gws-chat-widget >>> [part="launcher"]');
      await page.waitForFunction(() => customElements.get('gws-chat')
        && performance.getEntriesByType('resource').some((r) => r.name.endsWith('/gws-chat-widget-panel.js')));
      warm.push(await clickToForm(page));
      await context.close();
    }
  }
  rows.push(
    { workload: `widget: click → form shown, cold (${RUNS} loads)`, unit: 'ms', ours: cold },
    { workload: `widget: click → form shown, loaded ahead by a hover (${RUNS} loads)`, unit: 'ms', ours: warm },
  );
}
