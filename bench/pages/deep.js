// The deep-chat 2.4.2 side of `npm run bench`: its own bundle (deepChat.bundle.js), its own
// `history` property and `addMessage` method. `?mount` shows nothing (mount cycles).
import { bench, painted, tick, whenText, whenTexts } from './probe.js';

let el = null;
if (!location.search.includes('mount')) {
  el = document.createElement('deep-chat');
  el.style.cssText = 'display: block; height: 600px; width: 480px';
  document.body.append(el);
}
await import('/node_modules/deep-chat/dist/deepChat.bundle.js');

/** When deep-chat's view is in its shadow root. */
const rendered = async (chat) => {
  while (!chat.shadowRoot?.querySelector('#messages')) await new Promise((r) => requestAnimationFrame(r));
};

bench.firstPaint = (async () => {
  if (el) await rendered(el);
  await painted();
  performance.mark('bench:end');
  return performance.now();
})();

/** The messages `history` would get, as deep-chat takes them. */
const asDeep = (messages) => messages.map((m) => ({ role: m.customer ? 'user' : 'ai', text: m.text }));

Object.assign(bench, {
  /** Sets `history` to `messages` ({ text, customer }): set → painted, → every entry shown. */
  async history(messages) {
    const first = messages[0].text;
    const last = messages.at(-1).text;
    const history = asDeep(messages);
    performance.mark('bench:start');
    let shown = null;
    const seen = whenTexts(el.shadowRoot, [last, first], (t) => {
      if (t === last) shown = painted().then(() => performance.now());
    });
    const t0 = performance.now();
    el.history = history;
    const at = await seen;
    const paintedAt = await shown;
    await painted();
    performance.mark('bench:end');
    return { paint: paintedAt - t0, complete: Math.max(at[first], at[last]) - t0 };
  },
  /** `addMessage` → the text in the DOM, for each of `texts`, one after another painted. */
  async appends(texts) {
    const times = [];
    for (const text of texts) {
      const seen = whenText(el.shadowRoot, text);
      const t0 = performance.now();
      el.addMessage({ role: 'ai', text });
      times.push((await seen) - t0);
      await painted();
    }
    return times;
  },
  /** `texts.length` calls of `addMessage` spread over `ms`, to the last one painted. */
  async burst(texts, ms) {
    const last = texts.at(-1);
    performance.mark('bench:start');
    const seen = whenText(el.shadowRoot, last);
    const t0 = performance.now();
    for (let i = 0; i < texts.length;) {
      const due = Math.floor(((performance.now() - t0) / ms) * texts.length) + 1;
      for (; i < Math.min(due, texts.length); i++) el.addMessage({ role: 'ai', text: texts[i] });
      if (i < texts.length) await new Promise((r) => setTimeout(r, 1));
    }
    await seen;
    await painted();
    performance.mark('bench:end');
  },
  /** `n` times: a <deep-chat> is added, rendered, and taken out. */
  async mountCycles(n) {
    for (let i = 0; i < n; i++) {
      const c = document.createElement('deep-chat');
      document.body.append(c);
      await rendered(c);
      await tick();
      c.remove();
      await tick();
    }
  },
});

bench.ready = true;
