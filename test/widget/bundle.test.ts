// The loader as it ships (dist/, built by `npm run build`): small, and without lit or cometd.
import { expect } from '@open-wc/testing';
import { gzipSize } from './support.js';

/** The loader's budget, gzip -9 (deterministic for a given build). */
const BUDGET = 4000;

describe('widget: the loader file', () => {
  it(`dist/gws-chat-widget.js is at most ${BUDGET} B with gzip -9`, async () => {
    const { raw, gzip } = await gzipSize('dist/gws-chat-widget.js');
    expect(raw).to.be.greaterThan(1000);
    expect(gzip, `${gzip} B gzip (${raw} B)`).to.be.at.most(BUDGET);
  });

  it('holds neither lit nor cometd, and is a classic script', async () => {
    const text = await (await fetch('/dist/gws-chat-widget.js')).text();
    for (const marker of ['lit-html', 'LitElement', 'cometd', 'CometD', '/meta/handshake', 'litPropertyMetadata']) {
      expect(text.includes(marker), marker).to.equal(false);
    }
    expect(text).to.not.match(/^\s*(import|export)\s/m);
  });

  it('the chat and the panel it loads are beside it', async () => {
    for (const file of ['gws-chat.esm.min.js', 'gws-chat-widget-panel.js']) {
      expect((await fetch(`/dist/${file}`)).ok, file).to.equal(true);
    }
    const panel = await (await fetch('/dist/gws-chat-widget-panel.js')).text();
    expect(panel.includes('cometd') || panel.includes('lit-html'), 'the panel brings no engine of its own').to.equal(false);
  });
});
