// `npm run docs`: the custom elements manifest, generated from the JSDoc in src/.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
