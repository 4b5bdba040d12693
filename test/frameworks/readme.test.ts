// The README's framework snippets are the test apps' code: build-apps.mjs compares each
// app file with README.md when it builds the apps and writes the answer to .bundles/readme.json.
import { expect } from '@open-wc/testing';

describe('README "In a framework"', () => {
  it('shows every framework app as it is built and tested', async () => {
    const response = await fetch(new URL('./.bundles/readme.json', import.meta.url));
    expect(response.ok, 'test/frameworks/.bundles/readme.json is missing: the apps were not built').to.equal(true);
    const snippets = (await response.json()) as { file: string; shown: boolean }[];
    expect(snippets.length).to.equal(5);
    expect(snippets.filter((s) => !s.shown).map((s) => s.file), 'README snippets that differ from their app').to.deep.equal([]);
  });
});
