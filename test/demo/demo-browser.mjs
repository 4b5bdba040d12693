// The demo end-to-end test's means (test/demo/demo-driver.mjs): the demo server started as a
// user starts it, pages of a second Chromium watched for what their console shows red, and
// the DOM driven as a person would, through shadow roots.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The flags of web-test-runner.config.mjs. */
export const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--lang=en-US',
  '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
export const TIMEOUT = 12_000;
/** Conditions are polled: a page behind another gets no animation frames. */
export const WAIT = { timeout: TIMEOUT, polling: 50 };

/** Starts `node demo/server.mjs` on a free port; resolves when it says it is ready. */
export function startServer() {
  const started = performance.now();
  const server = spawn(process.execPath, ['demo/server.mjs'], { cwd: root, env: { ...process.env, PORT: '0', HOST: 'localhost' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the demo server did not start: ${out}`)), TIMEOUT);
    const read = (chunk) => {
      out += chunk;
      const ready = /gws-chat demo: (http:\/\/\S+?)\/\s/.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      server.stdout.off('data', read);
      resolve({ server, base: ready[1], startupMs: Math.round(performance.now() - started) });
    };
    server.stdout.on('data', read);
    server.stderr.on('data', (c) => { out += c; });
    server.once('exit', (code) => reject(new Error(`the demo server exited (${code}): ${out}`)));
  });
}

/**
 * Records in `list` what the browser's console shows red on a page: errors logged, thrown, or
 * of the network, each with `phase()` at the time (normal use, or a fault on).
 */
export async function watchErrors(page, list, phase) {
  const add = (text) => list.push({ phase: phase(), text });
  page.on('pageerror', (e) => add(`uncaught: ${e.message}`));
  // A failed request is logged twice (console and network): counted once, from the network.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && add(`console: ${m.text()}`));
  const cdp = await page.createCDPSession();
  cdp.on('Log.entryAdded', ({ entry }) => entry.level === 'error' && entry.source !== 'javascript' && add(`${entry.source}: ${entry.text} ${entry.url ?? ''}`));
  await cdp.send('Log.enable');
}

/**
 * The element at `path` ("a >>> b": b in a's shadow root), once it is there and enabled. The
 * DOM is driven directly (clicks, values, focus): puppeteer's locators wait for animation
 * frames, which the page behind the other does not get.
 */
export async function find(page, path) {
  const handle = await page.waitForFunction((p) => {
    let root = document;
    let el = null;
    for (const selector of p.split(' >>> ')) {
      el = root?.querySelector(selector);
      root = el?.shadowRoot;
    }
    return el && !el.disabled && el.getClientRects().length > 0 && el;
  }, WAIT, path);
  return handle;
}
export const click = async (page, path) => (await find(page, path)).evaluate((el) => el.click());
/** Types `text` into the field at `path` key by key, as a person does (input events, typing notifications). */
export async function type(page, path, text) {
  await (await find(page, path)).evaluate((el) => el.focus());
  await page.keyboard.type(text);
}
export const press = (page, key) => page.keyboard.press(key);
/** Clicks the button whose text is `text` exactly. */
export const clickText = async (page, text) => (await page.waitForFunction((t) => [...document.querySelectorAll('button')]
  .find((b) => b.textContent.trim() === t && !b.disabled), WAIT, text)).evaluate((b) => b.click());
