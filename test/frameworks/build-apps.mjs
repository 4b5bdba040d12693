// Builds the framework apps of test/frameworks/apps/ as their users' builds would, each with
// its framework's own compiler, then bundles each with esbuild: `gws-chat/...` resolves
// through the package's own `exports` (a self-reference, so lib/ must be built: `npm run
// build`). The test runner calls it at startup (web-test-runner.config.mjs); the bundles
// and the compilers' output go to test/frameworks/.bundles/ (git-ignored), where
// test/frameworks/*.test.ts load them. Nothing is cached outside the repo.
//
//   react-19       React 19 with the components of gws-chat/react (apps/react/Support.tsx)
//   react-18       the same code with React 18 (`react` → the `react-18` alias package)
//   react-19-tags  React 19 with the bare tags (apps/react/SupportTags.tsx)
//   react-app      React 19: the bare tags and useChatSession (apps/react-app.tsx)
//   vue            a Vue 3 single-file component compiled by @vue/compiler-sfc
//   svelte         a Svelte 5 component compiled by svelte/compiler
//   angular        an Angular component compiled ahead of time by ngc, the framework's own
//                  code linked by its Babel linker (as the Angular CLI does)
import { dirname } from 'node:path';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { transformAsync } from '@babel/core';
import { formatDiagnostics, performCompilation, readConfiguration } from '@angular/compiler-cli';
import angularLinker from '@angular/compiler-cli/linker/babel';
import { compile as compileSvelte, compileModule as compileSvelteModule } from 'svelte/compiler';
import { compileScript, parse as parseVue } from 'vue/compiler-sfc';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const BUNDLES = here('./.bundles');

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** The `gws-` tags are custom elements (the README's Vue set-up says the same). */
const isCustomElement = (tag) => tag.startsWith('gws-');

/** esbuild plugin: `.vue` files compiled by @vue/compiler-sfc (script setup, template inlined). */
const vueSfc = {
  name: 'vue-sfc',
  setup(b) {
    b.onLoad({ filter: /\.vue$/ }, ({ path }) => {
      const { descriptor, errors } = parseVue(readFileSync(path, 'utf8'), { filename: path });
      if (errors.length) return { errors: errors.map((e) => ({ text: String(e.message ?? e) })) };
      const script = compileScript(descriptor, {
        id: 'support', inlineTemplate: true, templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: script.lang === 'ts' ? 'ts' : 'js', resolveDir: dirname(path) };
    });
  },
};

/** esbuild plugin: `.svelte` components and `.svelte.js` modules compiled by svelte/compiler. */
const svelte = {
  name: 'svelte',
  setup(b) {
    b.onLoad({ filter: /\.svelte(\.js)?$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      const options = { filename: path, generate: 'client', dev: false };
      const { js, warnings } = path.endsWith('.js') ? compileSvelteModule(source, options) : compileSvelte(source, options);
      return { contents: js.code, loader: 'js', resolveDir: dirname(path), warnings: warnings.map((w) => ({ text: w.message })) };
    });
  },
};

/**
 * esbuild plugin: Angular's own packages ship partially compiled (`ɵɵngDeclare…`); its
 * linker (a Babel plugin) finishes them ahead of time, as the Angular CLI does, so the app
 * needs no compiler at run time.
 */
const angularLinking = {
  name: 'angular-linker',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@angular[\\/].*\.m?js$/ }, async ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes('ɵɵngDeclare')) return { contents: source, loader: 'js' };
      const linked = await transformAsync(source, {
        filename: path, plugins: [angularLinker], compact: false, babelrc: false, configFile: false, sourceMaps: false,
      });
      return { contents: linked.code, loader: 'js' };
    });
  },
};

/** The Angular app compiled ahead of time by ngc (its API) into .bundles/angular-ngc/. */
function compileAngular() {
  const config = readConfiguration(here('./apps/angular/tsconfig.json'));
  const { diagnostics } = performCompilation({ rootNames: config.rootNames, options: config.options });
  if (diagnostics.length) throw new Error(`ngc:\n${formatDiagnostics(diagnostics)}`);
  return `${BUNDLES}/angular-ngc/angular/app.js`;
}

const apps = {
  'react-19': () => build({ ...common, entryPoints: [here('./apps/react/components-app.tsx')], outfile: `${BUNDLES}/react-19.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json') }),
  'react-18': () => build({
    ...common, entryPoints: [here('./apps/react/components-app.tsx')], outfile: `${BUNDLES}/react-18.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json'),
    alias: { react: 'react-18', 'react-dom': 'react-dom-18' },
  }),
  'react-19-tags': () => build({ ...common, entryPoints: [here('./apps/react/tags-app.tsx')], outfile: `${BUNDLES}/react-19-tags.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json') }),
  vue: () => build({
    ...common, entryPoints: [here('./apps/vue/app.ts')], outfile: `${BUNDLES}/vue.js`, plugins: [vueSfc],
    define: { ...common.define, __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  }),
  svelte: () => build({
    ...common, entryPoints: [here('./apps/svelte/app.svelte.js')], outfile: `${BUNDLES}/svelte.js`, plugins: [svelte],
    conditions: ['svelte', 'browser'],
  }),
  angular: () => build({
    ...common, entryPoints: [compileAngular()], outfile: `${BUNDLES}/angular.js`, plugins: [angularLinking],
    define: { ...common.define, ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
  }),
  'react-app': () => build({ ...common, entryPoints: [here('./apps/react-app.tsx')], outfile: `${BUNDLES}/react-app.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json') }),
};

/** The apps' files the README shows, each under a first line naming it. */
export const README_SNIPPETS = ['react/Support.tsx', 'react/SupportTags.tsx', 'vue/Support.vue', 'svelte/Support.svelte', 'angular/support.component.ts'];

/** Whether README.md shows each of README_SNIPPETS as it is (test/frameworks/readme.test.ts reads the answer). */
function readmeSnippets() {
  const readme = readFileSync(here('../../README.md'), 'utf8');
  return README_SNIPPETS.map((file) => {
    const path = `test/frameworks/apps/${file}`;
    const code = readFileSync(here(`./apps/${file}`), 'utf8');
    const named = [`// ${path}\n`, `<!-- ${path} -->\n`];
    return { file: path, shown: named.some((first) => readme.includes(`${first}${code}\`\`\``)) };
  });
}

/** Builds every app; answers how long it took and each bundle's size (min, gzip -9). */
export async function buildFrameworkApps() {
  rmSync(BUNDLES, { recursive: true, force: true });
  mkdirSync(BUNDLES, { recursive: true });
  const started = Date.now();
  const sizes = {};
  const failures = [];
  await Promise.all(Object.entries(apps).map(async ([name, make]) => {
    try {
      await make();
      const file = `${BUNDLES}/${name}.js`;
      sizes[name] = { min: statSync(file).size, gzip: gzipSync(readFileSync(file), { level: 9 }).length };
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }));
  const ms = Date.now() - started;
  writeFileSync(`${BUNDLES}/sizes.json`, JSON.stringify({ ms, sizes }, null, 2));
  writeFileSync(`${BUNDLES}/readme.json`, JSON.stringify(readmeSnippets(), null, 2));
  if (failures.length) throw new Error(`framework apps not built:\n  ${failures.join('\n  ')}`);
  return { ms, sizes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ms, sizes } = await buildFrameworkApps();
  console.log(`framework apps built in ${ms} ms`);
  for (const [name, s] of Object.entries(sizes).sort()) console.log(`  ${name.padEnd(14)} ${String(s.min).padStart(9)} B min ${String(s.gzip).padStart(8)} B gzip`);
}
