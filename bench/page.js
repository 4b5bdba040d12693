// In-browser side of `npm run bench`: measures the element built into dist/ as a host
// page sees it. The Node side (bench/run.mjs) publishes through the real CometD server.
import '/dist/gws-chat.esm.min.js';

const el = document.getElementById('chat');
const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

window.bench = {
  async follow(id) {
    el.interactionId = id;
    while (el.connectionState !== 'connected') await new Promise((r) => setTimeout(r, 20));
  },
  pending: null,
  /** Arms a measurement; `await window.bench.pending` for its result. */
  arm(kind, count) {
    this.pending = kind === 'history' ? this.expectHistory(count) : this.expectAppend(count);
  },
  /** Resolves with timings once `count` messages are shown and painted. */
  expectHistory(count) {
    longTasks.length = 0;
    return new Promise((resolve) => {
      let t0 = 0;
      const onMessage = () => {
        if (!t0) t0 = performance.now();
      };
      el.addEventListener('gws-message', onMessage);
      const check = async () => {
        if (el.messages.length < count) return void setTimeout(check, 5);
        await el.updateComplete;
        const rendered = performance.now();
        await nextFrame();
        const painted = performance.now();
        el.removeEventListener('gws-message', onMessage);
        const shown = () => el.shadowRoot.querySelectorAll('[part~="message"]').length;
        while (shown() < count) await new Promise((r) => setTimeout(r, 1));
        const complete = performance.now();
        await new Promise((r) => setTimeout(r, 100)); // let the long-task observer report
        resolve({
          renderMs: rendered - t0,
          paintMs: painted - t0,
          completeMs: complete - t0,
          longTasks: longTasks.length,
          longestTaskMs: Math.max(0, ...longTasks),
          domEntries: el.shadowRoot.querySelectorAll('[part~="message"]').length,
        });
      };
      check();
    });
  },
  /** Resolves with the time from the message event to the finished render. */
  expectAppend(count) {
    return new Promise((resolve) => {
      el.addEventListener('gws-message', async function once() {
        el.removeEventListener('gws-message', once);
        const t0 = performance.now();
        await el.updateComplete;
        const t1 = performance.now();
        resolve(el.messages.length >= count ? t1 - t0 : Number.NaN);
      });
    });
  },
};
