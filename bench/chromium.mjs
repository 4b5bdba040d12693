// Headless Chromium for the bench: the project's flags, a fresh browser context (its own
// cookies, storage and renderer) per run, the JS heap after a forced GC.
import puppeteer from 'puppeteer-core';

export function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      '--js-flags=--expose-gc'],
  });
}

/** A new page in a browser context of its own; `close()` closes both. */
export async function freshPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1024, height: 800 });
  page.on('pageerror', (e) => process.stderr.write(`bench: page error: ${e.message}\n`));
  return { page, close: () => context.close() };
}

/**
 * The heaps in use (MB) after two forced full collections (DevTools protocol: the isolate
 * of the page's renderer, which holds this page only): `js`, V8's heap; `dom`, Blink's
 * (the embedder heap: DOM nodes and what they own).
 * @param {import('puppeteer-core').Page} page
 */
export async function heapMB(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, embedderHeapUsedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { js: usedSize / 1024 / 1024, dom: (embedderHeapUsedSize ?? Number.NaN) / 1024 / 1024 };
}

/** Navigates to `url` and waits for its bench page to have set itself up. */
export async function goto(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.bench?.ready, { polling: 20 });
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error(`${url} is not cross-origin isolated`);
}
