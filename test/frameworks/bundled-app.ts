/**
 * Imports an app bundled at the test runner's start by test/frameworks/build-apps.mjs
 * (`name`: `react-app`, `vue-app`), with a clear error when the bundle is missing.
 */
export async function loadBundledApp<T>(name: string): Promise<T> {
  const url = new URL(`./.bundles/${name}.js`, import.meta.url).href;
  const head = await fetch(url, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${url} is missing: the test runner bundles it at start from lib/ (run \`npm run build\` first)`);
  return (await import(url)) as T;
}
