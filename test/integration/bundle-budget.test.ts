// The core bundles as they ship (dist/, built by `npm run build`), lit and cometd inside,
// the languages and the widget outside. Bytes are deterministic for a given build: a change
// that makes them grow past the budget fails here (issue "Fastest and lightest": 36,000 B is
// the target on the way to 24,000; the budget only ever goes down).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

/** gzip -9 (Node's zlib, as `npm run bench` measures), in bytes. */
const BUDGET = 47_640;

async function gzipSize(path: string): Promise<{ raw: number; gzip: number }> {
  return executeServerCommand('gzip-size', { path });
}

describe('the core bundles: size budget', () => {
  for (const file of ['dist/gws-chat.min.js', 'dist/gws-chat.esm.min.js']) {
    it(`${file} is at most ${BUDGET.toLocaleString('en')} B with gzip -9`, async () => {
      const { raw, gzip } = await gzipSize(file);
      expect(raw, 'built').to.be.greaterThan(50_000);
      expect(gzip, `${gzip} B gzip (${raw} B)`).to.be.at.most(BUDGET);
    });
  }

  it('ships only the long-polling transport of CometD (the WebSocket and JSONP ones are never used)', async () => {
    const text = await (await fetch('/dist/gws-chat.min.js')).text();
    // Markers of the two transports' code: WebSocket's frames, JSONP's script callbacks.
    for (const marker of ['new window.WebSocket', 'jsonp=']) {
      expect(text.includes(marker), marker).to.equal(false);
    }
  });

  it('ships none of the CometD client\'s code that is never run (rollup.config.mjs: withoutUnusedCometDCode)', async () => {
    for (const file of ['/dist/gws-chat.min.js', '/dist/gws-chat.esm.min.js']) {
      const text = await (await fetch(file)).text();
      // Markers of what is cut: its debug logging, extensions, remote calls, the Worker
      // scheduler, and the argument checks.
      for (const marker of ['Registered transport', 'Could not register extension', 'Timing out remote call',
        'Unknown command', 'Illegal arguments number', 'Invalid callback']) {
        expect(text.includes(marker), `${file}: ${marker}`).to.equal(false);
      }
    }
  });
});
