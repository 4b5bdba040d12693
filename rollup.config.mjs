// Bundles of the compiled package (lib/, written by `tsc -p tsconfig.build.json`):
// - dist/gws-chat.min.js: one classic script (IIFE) with lit and cometd inside that defines
//   both elements and exposes the package API as `window.GwsChatElements`.
// - dist/gws-chat.esm.min.js: the same as one ES module, for hosts without a bundler.
// - dist/lang/<code>.js: the texts of each language but English, one small ES module each.
//   The two bundles do not contain them: they `import('./lang/<code>.js')` the one an element
//   needs, from beside themselves (a classic script's import() resolves against its own URL).
// - dist/gws-chat-widget.js: the widget's loader, a classic script (IIFE) without lit or
//   cometd that defines <gws-chat-widget> and imports the chat (dist/gws-chat.esm.min.js)
//   and the panel (dist/gws-chat-widget-panel.js, an ES module) from beside itself when wanted.
import { readdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * Minifies the CSS inside the `css\`...\`` templates of lib/styles (terser leaves template
 * text alone): comments go, white space is collapsed, a leading zero goes (`0.5rem` → `.5rem`),
 * and the private custom properties (`--_name`: internal, never read from outside; the
 * public ones are `--gws-chat-*`) get short names, one per name in the module (`--_0`, ...).
 */
const minifyCss = {
  name: 'minify-css-templates',
  transform(code, id) {
    if (!/[\\/]lib[\\/]styles[\\/]/.test(id)) return null;
    const templates = /css\s*`([^`]*)`/g;
    // The private names, most used first (the shortest names for them).
    const uses = new Map();
    for (const [, body] of code.matchAll(templates)) {
      for (const [name] of body.matchAll(/--_[\w-]+/g)) uses.set(name, (uses.get(name) ?? 0) + 1);
    }
    const short = new Map([...uses].sort((a, b) => b[1] - a[1]).map(([name], i) => [name, `--_${i.toString(36)}`]));
    // Only text inside the templates changes: the existing mapping is kept (`map: null`).
    const minified = code.replace(templates, (_, body) => {
      const css = body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/--_[\w-]+/g, (name) => short.get(name))
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/: /g, ':')
        .replace(/;}/g, '}')
        .replace(/([:\s,(])0\.(\d)/g, '$1.$2')
        .trim();
      return `css\`${css}\``;
    });
    return { code: minified, map: null };
  },
};

const minify = (module) =>
  terser({ ecma: 2022, module, compress: { passes: 3 }, format: { comments: false } });

/**
 * A language module of lib/ (`lib/i18n/lang/<code>.js`), by its resolved path; English is
 * built into the bundles.
 */
const LANGUAGE = /[\\/]lib[\\/]i18n[\\/]lang[\\/](?!en\.js$)[a-z]+\.js$/;
/** Whether an import is a language module (`./lang/de.js` from lib/i18n/languages.js). */
const isLanguage = (id, importer) =>
  LANGUAGE.test(id.startsWith('.') && importer ? resolve(dirname(importer), id) : resolve(id));

const onwarn = (warning, warn) => {
  // lit's and cometd's ESM use `this` at module level only in guarded code.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

/** Imports of a language stay `import('./lang/<code>.js')`, next to the bundle. */
const paths = (id) => (LANGUAGE.test(id) ? `./lang/${basename(id)}` : id);

/**
 * A language is imported from beside the bundle, by an absolute URL: a classic script
 * loaded from another origin without `crossorigin` resolves a relative `import()` against
 * about:blank. `base` is the bundle's own URL (taken while the script runs, for the
 * classic script; `import.meta.url` for the module).
 */
const languagesBeside = (base) => ({
  name: 'languages-beside-the-bundle',
  renderDynamicImport({ targetModuleId }) {
    if (!targetModuleId || !LANGUAGE.test(targetModuleId)) return null;
    return { left: 'import(new URL(', right: `, ${base}).href)` };
  },
});
/**
 * CometD's WebSocket and callback-polling (JSONP) transports, which the `CometD` constructor
 * registers and the connection unregisters at once (GWS documents long-polling only, and a
 * cross-origin handshake must never fall back to JSONP): in the bundles they are stubs that
 * accept nothing, so their code is not shipped (2.7 KB gzip). Packages built from lib/ by a
 * host's bundler get CometD whole.
 */
const UNUSED_TRANSPORT = /^\.\/(WebSocketTransport|CallbackPollingTransport)\.js$/;
const withoutUnusedTransports = {
  name: 'cometd-without-unused-transports',
  resolveId(source, importer) {
    if (!importer || !/[\\/]cometd[\\/]Client\.js$/.test(importer)) return null;
    const m = UNUSED_TRANSPORT.exec(source);
    return m ? `\0cometd-unused:${m[1]}:${resolve(dirname(importer), 'Transport.js')}` : null;
  },
  load(id) {
    if (!id.startsWith('\0cometd-unused:')) return null;
    const [, name, transport] = /^\0cometd-unused:(\w+):(.*)$/.exec(id);
    return `import { Transport } from ${JSON.stringify(transport)};\n`
      + `export class ${name} extends Transport { accept() { return false; } }\n`;
  },
};

/**
 * The public methods of CometD's client that neither we nor CometD's own code call: publishing,
 * remote calls, extensions, transport listeners and other configuration helpers.
 */
const UNUSED_COMETD_METHODS = new Set([
  'publish', 'publishBinary', 'remoteCall', 'remoteCallBinary', 'resubscribe', 'init',
  'registerExtension', 'unregisterExtension', 'getExtension', 'clearListeners',
  'unregisterTransports', 'findTransport', 'addTransportListener', 'removeTransportListener',
  'setBackoffIncrement', 'setLogLevel', 'getName',
  // Logging below `warn`, which the connection configures (`logLevel: 'warn'`): silent.
  '_info', '_debug', 'debug',
]);
/** The tests of CometD's argument checks (each guards a `throw`). */
const ARGUMENT_CHECK = /^(arguments\.length < \d|!CometD\.#isValidChannel\(channel\)|!CometD\.#isString\(channel\))$/;
/** Calls to CometD's silent logging (`this._debug(...)`, `this.cometd._info(...)`, a transport's `this.debug(...)`). */
const SILENT_LOG_CALL = /^this(\.cometd)?\.(_debug|_info|debug)$/;
/**
 * CometD's code that the bundles never run, cut from its modules by their syntax tree (only
 * in the bundles; lib/ users get CometD whole):
 * - the methods of `UNUSED_COMETD_METHODS`, and the statements that call the silent logging;
 * - the Worker scheduler, which the connection turns off (`useWorkerScheduler: false`);
 * - the loops that apply extensions, which are never registered (`registerExtension` is cut);
 * - the look-up of a remote call's answer (`remoteCall` is cut): `false`, none is awaited;
 * - the checks that throw on a caller's mistake in the arguments (their number, the channel's
 *   form), and callbacks named by a string (with their checks): our calls are typed, with
 *   functions and the medium's constant topics;
 * - then every private member (`#name`) that nothing refers to any more.
 * A cut is blanked with spaces (line breaks kept; a replacement is padded with them), so the
 * code keeps its positions and the source maps stay right. The build fails if CometD's own
 * code still refers to a cut method; ours calls only what connection.ts and
 * resilient-cometd.ts use (a call of a cut method would fail in the bundles' tests).
 */
const withoutUnusedCometDCode = {
  name: 'cometd-without-unused-code',
  transform(code, id) {
    if (!/[\\/]cometd[\\/](Client|Transport|RequestTransport|LongPollingTransport)\.js$/.test(id)) return null;
    const cuts = [];
    const privates = [];
    const source = (node) => code.slice(node.start, node.end);
    const visit = (node) => {
      if (node.type === 'MethodDefinition' && node.key.type === 'Identifier' && UNUSED_COMETD_METHODS.has(node.key.name)) {
        cuts.push(node);
        return;
      }
      if ((node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') && node.key.type === 'PrivateIdentifier') {
        privates.push(node);
      }
      if (node.type === 'ExpressionStatement' && node.expression.type === 'CallExpression'
        && SILENT_LOG_CALL.test(source(node.expression.callee))) {
        cuts.push(node);
        return;
      }
      if ((node.type === 'IfStatement' && /\buseWorkerScheduler\b/.test(source(node.test)))
        || (node.type === 'ForStatement' && /\bthis\.#extensions\b/.test(code.slice(node.start, node.body.start)))) {
        cuts.push(node);
        return;
      }
      if (node.type === 'IfStatement' && ARGUMENT_CHECK.test(source(node.test)) && !node.alternate
        && node.consequent.type === 'BlockStatement' && node.consequent.body.length === 1
        && node.consequent.body[0].type === 'ThrowStatement') {
        cuts.push(node);
        return;
      }
      if (node.type === 'IfStatement' && source(node.test) === 'CometD.#isString(callback)') {
        cuts.push(node);
        return;
      }
      if (node.type === 'CallExpression' && source(node.callee) === 'this.#handleRemoteCall') {
        cuts.push({ start: node.start, end: node.end, text: 'false' });
        return;
      }
      for (const value of Object.values(node)) {
        for (const child of Array.isArray(value) ? value : [value]) {
          if (child && typeof child.type === 'string') visit(child);
        }
      }
    };
    visit(this.parse(code));
    let kept = code;
    /** Blanks a node, or replaces it with a shorter `text` (padded with spaces). */
    const blank = (node) => {
      const spaces = kept.slice(node.start, node.end).replace(/[^\n]/g, ' ');
      kept = kept.slice(0, node.start) + (node.text ?? '') + spaces.slice(node.text?.length ?? 0) + kept.slice(node.end);
    };
    cuts.forEach(blank);
    // A private member is unused when its name is only left in its own definition.
    for (let removed = true; removed;) {
      removed = false;
      for (const node of privates) {
        if (kept[node.start] === ' ') continue;
        const name = new RegExp(`#${node.key.name}(?![\\w$])`, 'g');
        if (kept.match(name).length === 1) {
          blank(node);
          removed = true;
        }
      }
    }
    for (const name of UNUSED_COMETD_METHODS) {
      if (new RegExp(`\\.${name}\\b(?!\\s*=)`).test(kept)) this.error(`CometD's ${name} is cut from the bundles but still used in ${id}`);
    }
    return { code: kept, map: null };
  },
};

/** The classic script's own URL, read while it runs (`document.currentScript` is null later). */
const SCRIPT_URL = `var __gwsChatBundleUrl = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || (typeof location !== 'undefined' ? location.href : '');`;

export default [
  {
    input: 'lib/bundle.js',
    external: isLanguage,
    plugins: [withoutUnusedTransports, withoutUnusedCometDCode, nodeResolve({ browser: true }), minifyCss],
    output: [
      // A classic script's top level is global: keep the `GwsChatElements` variable.
      {
        file: 'dist/gws-chat.min.js', format: 'iife', name: 'GwsChatElements', sourcemap: true, paths, intro: SCRIPT_URL,
        plugins: [languagesBeside('__gwsChatBundleUrl'), minify(false)],
      },
      {
        file: 'dist/gws-chat.esm.min.js', format: 'es', sourcemap: true, paths,
        plugins: [languagesBeside('import.meta.url'), minify(true)],
      },
    ],
    onwarn,
  },
  // The widget's loader: a few kilobytes every page pays (budget: test/widget/bundle.test.ts).
  {
    input: 'lib/widget/loader.js',
    plugins: [nodeResolve({ browser: true })],
    output: { file: 'dist/gws-chat-widget.js', format: 'iife', exports: 'none', plugins: [minify(false)] },
    onwarn,
  },
  // The widget's panel (pre-chat form, end of chat), loaded with the chat.
  {
    input: 'lib/widget/panel.js',
    plugins: [nodeResolve({ browser: true })],
    output: { file: 'dist/gws-chat-widget-panel.js', format: 'es', sourcemap: true, plugins: [minify(true)] },
    onwarn,
  },
  // Each language on its own (no chunk shared between them: each file is whole).
  ...readdirSync('lib/i18n/lang').filter((f) => f.endsWith('.js') && f !== 'en.js').map((file) => ({
    input: `lib/i18n/lang/${file}`,
    output: { file: `dist/lang/${file}`, format: 'es', sourcemap: true, plugins: [minify(true)] },
    onwarn,
  })),
];
