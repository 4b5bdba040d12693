// Tests run in headless Debian Chromium against a real CometD server (the GWS simulator),
// mounted in the test runner's own dev server so pages and CometD share one origin.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createGwsSimulator } from './demo/simulator.mjs';
import { quietReporter } from './test/support/quiet-reporter.mjs';
import { summaryReporter } from './test/support/summary-reporter.mjs';
import { buildFrameworkApps } from './test/frameworks/build-apps.mjs';

// Independent GWS servers: the main one; a second that tests re-target elements to; a
// third that only the resilience tests take down (test files run in parallel).
const simulators = [
  createGwsSimulator({ basePath: '/api/v2' }),
  createGwsSimulator({ basePath: '/gws2/api/v2' }),
  createGwsSimulator({ basePath: '/gws3/api/v2' }),
  // Only the CometD fault tests (test/transport/connection.test.ts) use this one.
  createGwsSimulator({ basePath: '/gws4/api/v2' }),
  // Only the engine's fault tests (test/session/*.test.ts) use this one.
  createGwsSimulator({ basePath: '/gws5/api/v2' }),
  // Only the hostile engine tests (test/hostile/attack.test.ts) use this one.
  createGwsSimulator({ basePath: '/gws6/api/v2' }),
  // Only the several-tabs tests (test/session/tabs.test.ts) use this one.
  createGwsSimulator({ basePath: '/gws7/api/v2' }),
  // Only the hostile element tests (test/hostile/elements.test.ts) use this one.
  createGwsSimulator({ basePath: '/gws8/api/v2' }),
  // Only the hostile several-tabs tests (test/hostile/tabs.test.ts) use this one.
  createGwsSimulator({ basePath: '/gws9/api/v2' }),
  // Only the framework apps' tests (test/frameworks/*.test.ts) use this one.
  createGwsSimulator({ basePath: '/gwsf/api/v2' }),
  // Only the cross-origin tests (test/integration/cross-origin.test.ts) use these three, from
  // pages of http://localhost:<port> through http://127.0.0.1:<port>: one that allows the
  // pages' origin, one without an allow-list, one whose allow-list a fault switches off.
  createGwsSimulator({ basePath: '/gwsx/api/v2', allowOrigins: [/^http:\/\/localhost:\d+$/] }),
  createGwsSimulator({ basePath: '/gwsy/api/v2' }),
  createGwsSimulator({ basePath: '/gwsz/api/v2', allowOrigins: [/^http:\/\/localhost:\d+$/], timeout: 2000, maxInterval: 3000 }),
  // Only the embedding and re-mount tests (test/integration/embedding.test.ts) use this one;
  // it lets sandboxed iframes (an opaque origin, `Origin: null`) in.
  createGwsSimulator({ basePath: '/gwse/api/v2', allowOrigins: ['null'] }),
  // Only the trust-boundary tests (test/session/trust.test.ts) use this one (they take it down).
  createGwsSimulator({ basePath: '/gwst/api/v2' }),
  // Only the widget tests (test/widget/*.test.ts) use this one.
  createGwsSimulator({ basePath: '/gwsw/api/v2' }),
  // Only the faye tests use these two, whose Bayeux side is faye, a second server
  // implementation (the others run cometd-nodejs-server): one for the elements from the
  // source (test/integration/faye.test.ts), one for the script bundle (faye-bundle.test.ts),
  // as each test file makes its server forget every session.
  createGwsSimulator({ basePath: '/faye/api/v2', bayeux: 'faye' }),
  createGwsSimulator({ basePath: '/fayeb/api/v2', bayeux: 'faye' }),
];
// The framework apps of test/frameworks/ built as a user's build would (they need lib/:
// without it they are missing, and only their tests fail).
try {
  const { ms } = await buildFrameworkApps();
  console.log(`test/frameworks: the framework apps built in ${ms} ms`);
} catch (e) {
  console.error(`test/frameworks apps not bundled (run \`npm run build\` first): ${e.message}`);
}

const simulatorFor = (basePath = '/api/v2') => {
  const sim = simulators.find((s) => s.basePath === basePath);
  if (!sim) throw new Error(`no simulator at ${basePath}`);
  return sim;
};

/** Routes CometD requests to the simulators; everything else to the dev server. */
async function simulatorMiddleware(ctx, next) {
  const sim = simulators.find((s) => s.handles(ctx.path));
  if (!sim) return next();
  ctx.respond = false;
  await new Promise((resolve) => {
    ctx.res.once('close', resolve);
    sim.handle(ctx.req, ctx.res);
  });
}

/**
 * Pages for the strict Content-Security-Policy test, served with the policy the product
 * promises to work under (test/csp/*.html).
 */
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";
/** Trusted Types allow-lists: what the README says to allow, nothing at all, only a default policy. */
const TRUSTED_TYPES = {
  lit: 'trusted-types lit-html',
  none: "trusted-types 'none'",
  default: 'trusted-types default',
};
async function strictCspPages(ctx, next) {
  // The languages beside the bundle, as a CDN serves them: to any origin.
  if (ctx.path.startsWith('/dist/lang/')) {
    await next();
    ctx.set('Access-Control-Allow-Origin', '*');
    return;
  }
  const match = /^\/csp\/(script|esm)\.html$/.exec(ctx.path);
  if (!match) return next();
  ctx.type = 'text/html';
  // `?tt=`: the same policy with a Trusted Types allow-list (test/integration/trusted-types.test.ts).
  const tt = Object.hasOwn(TRUSTED_TYPES, ctx.query.tt ?? '') ? TRUSTED_TYPES[ctx.query.tt] : null;
  ctx.set('Content-Security-Policy', tt ? `${STRICT_CSP}; ${tt}` : STRICT_CSP);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await readFile(new URL(`./test/csp/${match[1]}.html`, import.meta.url), 'utf8');
}

/**
 * The widget's test pages (test/widget/pages/*.html), always served under the strict policy;
 * and /widget-flaky/<file>: dist/<file>, cut off while `widget-flaky` is on, so a test
 * sees the loader fail to load the chat and recover.
 */
let widgetFlaky = false;
async function widgetPages(ctx, next) {
  const flaky = /^\/widget-flaky\/([\w.-]+\.js)$/.exec(ctx.path);
  if (flaky) {
    if (widgetFlaky && flaky[1] !== 'gws-chat-widget.js') {
      // A network failure (the connection cut): an HTTP error would be cached for a year by
      // the test runner's cache-control on every file.
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    ctx.type = 'text/javascript';
    ctx.body = await readFile(new URL(`./dist/${flaky[1]}`, import.meta.url), 'utf8');
    return;
  }
  await next();
  if (/^\/test\/widget\/pages\/[\w-]+\.html$/.test(ctx.path)) {
    ctx.set('Content-Security-Policy', STRICT_CSP);
    ctx.set('Cache-Control', 'no-store');
  }
}

/** Server commands the browser tests call through `executeServerCommand`. */
const simulatorCommands = {
  name: 'gws-simulator-commands',
  async executeCommand({ command, payload, session }) {
    switch (command) {
      case 'emulate-media-features': {
        // Media features @web/test-runner-commands' emulateMedia does not cover in Chromium
        // (forced-colors): [{ name, value }], an empty list resets.
        const page = session.browser.getPage(session.id);
        const cdp = (page.gwsCdp ??= await page.createCDPSession());
        await cdp.send('Emulation.setEmulatedMedia', { features: payload.features });
        return true;
      }
      case 'collect-garbage': {
        // A full garbage collection in the test page (the leak tests count what survives it).
        const page = session.browser.getPage(session.id);
        const cdp = (page.gwsCdp ??= await page.createCDPSession());
        await cdp.send('HeapProfiler.collectGarbage');
        return true;
      }
      case 'gws-publish': {
        // What a test publishes by hand concerns a chat the server knows (its log can be read).
        const sim = simulatorFor(payload.basePath);
        sim.rest.know(payload.data);
        await sim.publish(payload.topic, payload.data);
        return true;
      }
      case 'widget-flaky':
        widgetFlaky = payload.on === true;
        return true;
      case 'gzip-size': {
        // The size of a built file compressed with gzip -9 (the loader's budget).
        const text = await readFile(new URL(`./${payload.path}`, import.meta.url));
        return { raw: text.length, gzip: gzipSync(text, { level: 9 }).length };
      }
      case 'demo-step': {
        // The stakeholder demo end to end (test/demo/): its own server and a second Chromium.
        const { demoStep } = await import('./test/demo/demo-driver.mjs');
        return { result: await demoStep(payload.step, payload.arg) };
      }
      case 'gws-stats':
        return simulatorFor(payload?.basePath).stats();
      case 'gws-outage':
        simulatorFor(payload.basePath).outage({ restart: payload.restart !== false });
        return true;
      case 'gws-recover':
        simulatorFor(payload.basePath).recover();
        return true;
      case 'gws-forget-clients':
        // On faye: the server forgets every session (each client must handshake again).
        simulatorFor(payload.basePath).forgetClients();
        return true;
      case 'gws-cometd-fault':
        simulatorFor(payload.basePath).fault(payload.fault ?? null);
        return true;
      case 'gws-rest': {
        // The simulator's REST side: agent actions, logs, received operations, switches.
        const rest = simulatorFor(payload.basePath).rest;
        if (!['agent', 'create', 'log', 'received', 'failNext', 'setCsrf', 'publishState', 'know', 'reads', 'resourceReads'].includes(payload.method)) {
          throw new Error(`unknown gws-rest method ${payload.method}`);
        }
        // Wrapped: a command that returns null or undefined counts as "not handled".
        return { result: (await rest[payload.method](...(payload.args ?? []))) ?? null };
      }
      default:
        return undefined;
    }
  },
};

const chromium = chromeLauncher({
  // Every test page in a browser context of its own: tabs of one context share Web Locks,
  // BroadcastChannel and localStorage (one chat across tabs), and test files must not.
  createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
  launchOptions: {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      // The elements follow the browser's language: the suite expects English wherever it runs.
      '--lang=en-US',
      // Test pages run side by side in tabs: keep animation frames and timers of the ones
      // not in front running at full speed.
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  },
});

export default {
  files: ['test/**/*.test.ts'],
  // lit's production build, as users get it (no "Lit is in dev mode" warning in every file).
  nodeResolve: { exportConditions: ['production'] },
  rootDir: '.',
  concurrency: 2,
  testsFinishTimeout: 10 * 60_000,
  browsers: [chromium],
  middleware: [simulatorMiddleware, strictCspPages, widgetPages],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), simulatorCommands],
  reporters: [quietReporter(), summaryReporter()],
  testFramework: { config: { timeout: 10_000 } },
  // A test page is reused for the next file: start every file with nothing stored.
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
    <script>try { localStorage.clear(); sessionStorage.clear(); } catch {}</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
};
