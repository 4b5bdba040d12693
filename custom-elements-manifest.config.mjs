// The custom elements manifest (custom-elements.json), generated from the JSDoc in src/ by
// `npm run build` (and `npm run docs`). It describes the package as it ships: lib/ modules,
// every event with its `detail` type, every attribute with its type (scripts/manifest-plugin.mjs).
import { libManifestPlugin } from './scripts/manifest-plugin.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.node.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [libManifestPlugin()],
};
