// Headless Chromium for the bench: the project's flags, a fresh browser context (its own
// cookies, storage and renderer) per run.
import puppeteer from 'puppeteer-core';

export function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      '--js-flags=--expose-gc', '--enable-precise-memory-info'],
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

/** Navigates to `url` and waits for its bench page to have set itself up. */
export async function goto(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.bench?.ready, { polling: 20 });
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error(`${url} is not cross-origin isolated`);
}
