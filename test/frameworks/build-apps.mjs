// Bundles the framework apps of test/frameworks/apps/ with esbuild, as a user's build would:
// `gws-chat/...` resolves through the package's own `exports` (a self-reference, so lib/
// must be built: `npm run build`), React from its CommonJS build. The test runner calls it
// at startup (web-test-runner.config.mjs); the bundles go to test/frameworks/.bundles/
// (git-ignored), where test/frameworks/*.test.ts load them.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const BUNDLES = here('./.bundles');

export async function buildFrameworkApps() {
  rmSync(BUNDLES, { recursive: true, force: true });
  const started = Date.now();
  await build({
    entryPoints: { 'react-app': here('./apps/react-app.tsx'), 'vue-app': here('./apps/vue-app.ts') },
    outdir: BUNDLES,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    tsconfig: here('./types/tsconfig.json'),
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'warning',
  });
  return Date.now() - started;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`framework apps bundled in ${await buildFrameworkApps()} ms`);
}
