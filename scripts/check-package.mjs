// `node scripts/check-package.mjs` (run by `npm test` before the browser tests): the package
// as a user gets it. Packs it (`npm pack`), installs the tarball in a fresh folder next to
// an older lit 3.x the host already has, and checks:
// - what the tarball holds (the manifest, LICENSE, bundles, no sources or tests, source maps
//   that carry their sources);
// - TypeScript consumers under moduleResolution `bundler`, `node16` and `node10`;
// - an ES module app that does `import 'gws-chat/gws-chat.js'`, bundled with rollup through
//   the package's `exports` (one copy of lit: the host's);
// - two pages the browser tests then load (test/package/installed.test.ts): one with the
//   CDN-style script bundle, one with that app.
// The fresh folder is node_modules/.cache/gws-chat-pack (served by the test runner).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'node_modules/.cache/gws-chat-pack');
/** The host app's own lit, older than the one gws-chat is developed with. */
const HOST_LIT = '3.1.4';

let failures = 0;
const ok = (what) => console.log(`  ✓ ${what}`);
const fail = (what, detail = '') => {
  failures++;
  const lines = detail.split('\n');
  const shown = lines.length > 12 ? [...lines.slice(0, 12), `… and ${lines.length - 12} more`].join('\n') : detail;
  console.log(`  ✗ ${what}${shown ? `\n${shown.replace(/^/gm, '      ')}` : ''}`);
};
const check = (condition, what, detail) => (condition ? ok(what) : fail(what, detail));
const run = (cmd, args, cwd = dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

console.log('package: npm pack, installed in a fresh folder');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

// --- the tarball ---------------------------------------------------------------------------
const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], root));
const files = new Set(packed.files.map((f) => f.path));
for (const f of ['package.json', 'LICENSE', 'README.md', 'custom-elements.json', 'dist/gws-chat.min.js',
  'dist/gws-chat.esm.min.js', 'dist/gws-chat-widget.js', 'dist/gws-chat-widget-panel.js', 'lib/index.js', 'lib/index.d.ts', 'lib/gws-chat.js', 'lib/gws-chat.d.ts',
  'lib/frameworks/react.d.ts', 'lib/frameworks/react.js', 'lib/frameworks/react.node.js', 'lib/frameworks/vue.d.ts', 'lib/frameworks/svelte.d.ts']) {
  check(files.has(f), `the package holds ${f}`);
}
const stray = [...files].filter((f) => /^(src|test|demo|bench|scripts|\.ci)\//.test(f));
check(stray.length === 0, 'no sources, tests, demo or scripts in the package', stray.join('\n'));
const maps = [...files].filter((f) => f.endsWith('.map'));
const sourceless = maps.filter((f) => {
  const map = JSON.parse(readFileSync(join(root, f), 'utf8'));
  return !Array.isArray(map.sourcesContent) || map.sourcesContent.length !== map.sources.length
    || map.sourcesContent.some((s) => typeof s !== 'string');
});
check(maps.length > 0 && sourceless.length === 0, `its ${maps.length} source maps carry their sources`, sourceless.join('\n'));
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const paths = manifest.modules.map((m) => m.path);
check(paths.length > 0 && paths.every((p) => p.startsWith('lib/') && p.endsWith('.js')),
  'the manifest names the lib/ modules', paths.filter((p) => !p.startsWith('lib/')).join('\n'));
check(paths.every((p) => files.has(p)), 'every module the manifest names is in the package',
  paths.filter((p) => !files.has(p)).join('\n'));

// --- installed next to the host's own lit ------------------------------------------------
writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }, null, 2));
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-exact', `lit@${HOST_LIT}`, join(dir, packed.filename)]);
const nested = existsSync(join(dir, 'node_modules/gws-chat/node_modules/lit'));
check(!nested, `installed next to a host's lit ${HOST_LIT}: one copy of lit`);
check(!existsSync(join(dir, 'node_modules/react')) && !existsSync(join(dir, 'node_modules/@lit/react')),
  'react and @lit/react are optional peers: a user without React installs neither');
const installed = JSON.parse(readFileSync(join(dir, 'node_modules/gws-chat/package.json'), 'utf8'));
check(installed.version === packed.version, `gws-chat ${packed.version} installed`);
const pkgExports = installed.exports;
for (const sub of ['./custom-elements.json', './package.json', './dist/*', './gws-chat.js', './gws-facebook-session.js',
  './react', './vue', './svelte']) {
  check(sub in pkgExports, `exports ${sub}`);
}

// --- server rendering: every entry imports in Node ----------------------------------------
// Next.js, Nuxt and SvelteKit import the app's modules on the server: no entry may throw
// there. Each in a Node process of its own (through the package's own `exports`, a
// self-reference, so the `node` conditions apply as on a server), and the React components
// render to HTML on the server (their rich props are left for the browser).
for (const sub of Object.keys(pkgExports).filter((k) => !/\.json$|\*/.test(k))) {
  const specifier = sub === '.' ? 'gws-chat' : `gws-chat/${sub.slice(2)}`;
  try {
    run('node', ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`], root);
    ok(`importing ${specifier} in Node does not throw`);
  } catch (e) {
    fail(`importing ${specifier} in Node does not throw`, `${e.stderr ?? e}`);
  }
}
try {
  const html = run('node', ['--input-type=module', '-e', `
    import { createElement } from 'react';
    import { renderToString } from 'react-dom/server';
    import { GwsChat, GwsChatWidget } from 'gws-chat/react';
    process.stdout.write(renderToString(createElement('main', null,
      createElement(GwsChat, { url: '/api/v2/notifications', interactionId: 'X1', strings: { empty: 'Hi' }, onGwsMessage: () => {} }),
      createElement(GwsChatWidget, { url: '/api/v2/notifications', 'invite-after': 30, strings: { empty: 'Hi' } }))));
  `], root);
  const expected = '<main><gws-chat></gws-chat><gws-chat-widget url="/api/v2/notifications" invite-after="30"></gws-chat-widget></main>';
  check(html === expected, 'gws-chat/react renders on the server: the attribute-only props as attributes, the properties and listeners left for the browser',
    `got      ${html}\nexpected ${expected}`);
} catch (e) {
  fail('gws-chat/react renders on the server', `${e.stderr ?? e}`);
}

// --- TypeScript consumers ------------------------------------------------------------------
writeFileSync(join(dir, 'consumer.ts'), `import 'gws-chat/gws-chat.js';
import { ChatSession, GwsChat, type ChatMessage, type GwsMessageDetail } from 'gws-chat';

const el: GwsChat = document.createElement('gws-chat');
el.url = '/api/v2/notifications';
el.addEventListener('gws-message', (e) => {
  const detail: GwsMessageDetail = e.detail;
  const message: ChatMessage = detail.message;
  console.log(message.text.toUpperCase());
});
// @ts-expect-error the url is a string
el.url = 42;
el.addEventListener('gws-error', (e) => {
  // @ts-expect-error an error's detail has no message list
  console.log(e.detail.messages);
});
const session = new ChatSession({ url: '/api/v2/notifications' });
session.addEventListener('gws-state-change', (e) => console.log(e.detail.state));
export { el, session };
`);
const consumers = {
  bundler: { module: 'ESNext', moduleResolution: 'bundler' },
  node16: { module: 'Node16', moduleResolution: 'node16' },
  node10: { module: 'ESNext', moduleResolution: 'node10' },
};
const tsc = join(root, 'node_modules/typescript/bin/tsc');
for (const [name, options] of Object.entries(consumers)) {
  const config = {
    compilerOptions: {
      ...options, target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true,
      skipLibCheck: false, types: [],
    },
    files: ['consumer.ts'],
  };
  writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  try {
    run('node', [tsc, '-p', `tsconfig.${name}.json`]);
    ok(`a TypeScript consumer type-checks under moduleResolution ${name}`);
  } catch (e) {
    fail(`a TypeScript consumer type-checks under moduleResolution ${name}`, `${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

// --- an ES module app, bundled -------------------------------------------------------------
writeFileSync(join(dir, 'app.js'), `import 'gws-chat/gws-chat.js';
import { LitElement } from 'lit';
window.appReady = { gwsChat: customElements.get('gws-chat'), hostLit: LitElement };
`);
try {
  const bundle = await rollup({
    input: join(dir, 'app.js'),
    plugins: [nodeResolve({ browser: true, rootDir: dir })],
    onwarn: (w, warn) => (w.code === 'THIS_IS_UNDEFINED' ? undefined : warn(w)),
  });
  const litCopies = new Set(bundle.cache.modules.map((m) => m.id)
    .filter((id) => /[\\/]lit-element[\\/]lit-element\.js$/.test(id)));
  check(litCopies.size === 1, 'an ES module app bundles gws-chat/gws-chat.js with one copy of lit', [...litCopies].join('\n'));
  // Languages load on demand: a bundler splits them into chunks beside the app.
  await bundle.write({ dir: join(dir, 'app'), entryFileNames: 'app.bundle.js', format: 'es' });
  await bundle.close();
} catch (e) {
  fail('an ES module app bundles gws-chat/gws-chat.js', String(e));
}

// --- pages for the browser tests ------------------------------------------------------------
const page = (title, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
${script}</head><body><gws-chat url="/api/v2/notifications" nickname="Pack"></gws-chat></body></html>\n`;
writeFileSync(join(dir, 'cdn.html'), page('CDN-style bundle', '<script src="node_modules/gws-chat/dist/gws-chat.min.js"></script>'));
writeFileSync(join(dir, 'app.html'), page('ES module app', '<script type="module" src="app/app.bundle.js"></script>'));

console.log(`package: ${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`}`);
process.exitCode = failures === 0 ? 0 : 1;
