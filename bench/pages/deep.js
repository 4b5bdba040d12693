// The deep-chat 2.4.2 side of `npm run bench`: its own bundle (deepChat.bundle.js), its own
// `history` property and `addMessage` method. `?mount` shows nothing (mount cycles).
import { bench, heapMB, painted, tick, whenText, whenTexts } from './probe.js';

let el = null;
if (!location.search.includes('mount')) {
  el = document.createElement('deep-chat');
  el.style.cssText = 'display: block; height: 600px; width: 480px';
  document.body.append(el);
}
await import('/node_modules/deep-chat/dist/deepChat.bundle.js');

/** When deep-chat's view is in its shadow root (it renders a task after it is added). */
const rendered = (chat) => new Promise((resolve) => {
  const there = () => chat.shadowRoot?.querySelector('#messages');
  if (there()) return resolve();
  const observer = new MutationObserver(() => {
    if (there()) {
      observer.disconnect();
      resolve();
    }
  });
  observer.observe(chat.shadowRoot ?? chat, { childList: true, subtree: true });
});

bench.firstPaint = (async () => {
  if (el) await rendered(el);
  await painted();
  performance.mark('bench:end');
  return performance.now();
})();

/** The messages `history` would get, as deep-chat takes them. */
const asDeep = (messages) => messages.map((m) => ({ role: m.customer ? 'user' : 'ai', text: m.text }));

Object.assign(bench, {
  /**
   * Sets `history` to `messages` ({ text, customer }): set → painted, set → every entry
   * shown; then the JS heap; then `appends` (below). All in one call: after a long history
   * deep-chat queues a timer task per message or so (16,000 for 10,000 messages, ~6 ms
   * each), and anything the DevTools protocol asks of the page waits behind them.
   */
  async historyThenAppends(messages, appends) {
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
    if (at[last] === undefined) throw new Error('the newest message of the history was never shown');
    const paintedAt = await shown;
    await painted();
    performance.mark('bench:end');
    const heap = heapMB();
    return { paint: paintedAt - t0, complete: Math.max(at[first], at[last]) - t0, heap, appends: await this.appends(appends) };
  },
  /** `addMessage` → the text in the DOM, and → painted, for each of `texts` in turn. */
  async appends(texts) {
    const times = [];
    for (const text of texts) {
      const seen = whenText(el.shadowRoot, text);
      const t0 = performance.now();
      el.addMessage({ role: 'ai', text });
      const at = await seen;
      await painted();
      times.push({ dom: at - t0, paint: performance.now() - t0 });
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
