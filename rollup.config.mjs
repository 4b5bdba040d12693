// Bundles of the compiled package (lib/, written by `tsc -p tsconfig.build.json`):
// - dist/gws-chat.min.js: one classic script (IIFE) with lit and cometd inside that defines
//   both elements and exposes the package API as `window.GwsChatElements`.
// - dist/gws-chat.esm.min.js: the same as one ES module, for hosts without a bundler.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * Minifies the CSS inside the `css\`...\`` templates of lib/styles (terser leaves template
 * text alone): comments go, and white space is collapsed.
 */
const minifyCss = {
  name: 'minify-css-templates',
  transform(code, id) {
    if (!/[\\/]lib[\\/]styles[\\/]/.test(id)) return null;
    // Only text inside the templates changes: the existing mapping is kept (`map: null`).
    const minified = code.replace(/css\s*`([^`]*)`/g, (_, body) => {
      const css = body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/: /g, ':')
        .replace(/;}/g, '}')
        .trim();
      return `css\`${css}\``;
    });
    return { code: minified, map: null };
  },
};

const minify = (module) =>
  terser({ ecma: 2022, module, compress: { passes: 2 }, format: { comments: false } });

export default {
  input: 'lib/bundle.js',
  plugins: [nodeResolve({ browser: true }), minifyCss],
  output: [
    // A classic script's top level is global: keep the `GwsChatElements` variable.
    { file: 'dist/gws-chat.min.js', format: 'iife', name: 'GwsChatElements', sourcemap: true, plugins: [minify(false)] },
    { file: 'dist/gws-chat.esm.min.js', format: 'es', sourcemap: true, plugins: [minify(true)] },
  ],
  onwarn(warning, warn) {
    // lit's and cometd's ESM use `this` at module level only in guarded code.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
