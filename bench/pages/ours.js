// The gws-chat side of `npm run bench` (bench/run.mjs publishes over the real CometD
// server): `?id=X` shows a <gws-chat> following X; `?mount` shows nothing (mount cycles).
import { arrival, bench, painted, param, tick, whenText, whenTexts } from './probe.js';

const url = '/api/v2/notifications';
let el = null;
if (!location.search.includes('mount')) {
  el = document.createElement('gws-chat');
  el.setAttribute('url', url);
  el.setAttribute('interaction-id', param('id'));
  el.style.cssText = 'display: block; height: 600px; width: 480px';
  document.body.append(el);
}
await import('/dist/gws-chat.esm.min.js');

/** First render: the element upgraded, rendered and painted (ms since navigation). */
bench.firstPaint = (async () => {
  if (el) await el.updateComplete;
  await painted();
  performance.mark('bench:end');
  return performance.now();
})();

Object.assign(bench, {
  async connected() {
    while (el.connectionState !== 'connected') await new Promise((r) => setTimeout(r, 10));
  },
  /** A history whose newest entry says `last`, its oldest `first`. */
  armHistory(first, last) {
    performance.mark('bench:start');
    const arrivalOf = arrival();
    let shown = null;
    this.result = (async () => {
      const at = await whenTexts(el.shadowRoot, [last, first], (t) => {
        if (t === last) shown = painted().then(() => performance.now());
      });
      if (at[last] === undefined) throw new Error('the newest message of the history was never shown');
      const paintedAt = await shown;
      await painted();
      performance.mark('bench:end');
      const arrived = await arrivalOf(at[last]);
      return { paint: paintedAt - arrived, complete: Math.max(at[first], at[last]) - arrived };
    })();
  },
  /** One message `text`: arrival → in the DOM, arrival → painted. */
  armAppend(text) {
    const arrivalOf = arrival();
    this.result = whenText(el.shadowRoot, text).then(async (at) => {
      await painted();
      const paintedAt = performance.now();
      const arrived = await arrivalOf(at);
      return { dom: at - arrived, paint: paintedAt - arrived };
    });
  },
  /**
   * The element's language changed to `lang` (German: its file is loaded, its texts and
   * its times differ from English): the trace window, to every entry built with it
   * (no customer's entry says "You", no time says AM or PM) and painted.
   */
  armLanguage(lang) {
    performance.mark('bench:start');
    const t0 = performance.now();
    el.lang = lang;
    const english = () => {
      for (const s of el.shadowRoot.querySelectorAll('.own .sender')) if (s.textContent === 'You') return true;
      for (const t of el.shadowRoot.querySelectorAll('time')) if (/AM|PM/.test(t.textContent)) return true;
      return false;
    };
    this.result = (async () => {
      while (english()) await new Promise((r) => setTimeout(r, 20));
      await painted();
      performance.mark('bench:end');
      return performance.now() - t0;
    })();
  },
  /** A burst ending with `last`: the trace window, to that text painted. */
  armBurst(last) {
    performance.mark('bench:start');
    this.result = whenText(el.shadowRoot, last).then(painted).then(() => performance.mark('bench:end'));
  },
  /** `n` times: a <gws-chat> following `id` is added, rendered, and taken out. */
  async mountCycles(n, id) {
    for (let i = 0; i < n; i++) {
      const c = document.createElement('gws-chat');
      c.setAttribute('url', url);
      c.setAttribute('interaction-id', id);
      document.body.append(c);
      await c.updateComplete;
      await tick();
      c.remove();
      await tick();
    }
  },
});

bench.ready = true;
