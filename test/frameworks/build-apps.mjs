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
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

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

const apps = {
  'react-19': () => build({ ...common, entryPoints: [here('./apps/react/components-app.tsx')], outfile: `${BUNDLES}/react-19.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json') }),
  'react-18': () => build({
    ...common, entryPoints: [here('./apps/react/components-app.tsx')], outfile: `${BUNDLES}/react-18.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json'),
    alias: { react: 'react-18', 'react-dom': 'react-dom-18' },
  }),
  'react-19-tags': () => build({ ...common, entryPoints: [here('./apps/react/tags-app.tsx')], outfile: `${BUNDLES}/react-19-tags.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json') }),
  'react-app': () => build({ ...common, entryPoints: [here('./apps/react-app.tsx')], outfile: `${BUNDLES}/react-app.js`, jsx: 'automatic', tsconfig: here('./types/tsconfig.json') }),
};

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
  if (failures.length) throw new Error(`framework apps not built:\n  ${failures.join('\n  ')}`);
  return { ms, sizes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ms, sizes } = await buildFrameworkApps();
  console.log(`framework apps built in ${ms} ms`);
  for (const [name, s] of Object.entries(sizes).sort()) console.log(`  ${name.padEnd(14)} ${String(s.min).padStart(9)} B min ${String(s.gzip).padStart(8)} B gzip`);
}
