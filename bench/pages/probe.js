// What every bench page shares: paint, text seen in a (shadow) DOM, the arrival of the
// long-poll responses, user-timing marks for the trace. Imported first, before anything
// measured is loaded.

// Every request's timing is kept (the default buffer holds 250 entries).
performance.setResourceTimingBufferSize(1_000_000);

/** The page's clock as epoch milliseconds (Node's is compared with it, calibrated). */
export const epoch = () => performance.timeOrigin + performance.now();

/**
 * Resolves after the next paint: a frame, then a task of the highest priority after it
 * (`scheduler.postTask`, user-blocking). Not `setTimeout`: deep-chat queues thousands of
 * timers after a long history, and a timer of ours would wait behind all of them.
 */
export const painted = () => new Promise((r) => requestAnimationFrame(() => scheduler.postTask(r, { priority: 'user-blocking' })));

/** Resolves in a task of its own. */
export const tick = () => new Promise((r) => setTimeout(r, 0));

/** The query parameter `name` of the page's address. */
export const param = (name) => new URLSearchParams(location.search).get(name) ?? '';

/**
 * Resolves with `performance.now()` when every one of `texts` has been in the DOM under
 * `root`, as a MutationObserver sees it (at the microtask checkpoint right after the
 * change), as `{ [text]: time }`. Only added nodes and changed text nodes are read, so the
 * watch costs little even under a log of 10,000 entries. `onEach(text, time)` is called
 * as each is seen. After `giveUpMs`, resolves with what was seen (a text never shown
 * is missing: a log that never puts every entry in the DOM).
 * @param {Node} root
 * @param {string[]} texts
 * @param {(text: string, at: number) => void} [onEach]
 */
export function whenTexts(root, texts, onEach = () => {}, giveUpMs = 30_000) {
  return new Promise((resolve) => {
    const seenAt = {};
    let left = texts.length;
    const giveUp = setTimeout(() => {
      observer.disconnect();
      resolve(seenAt);
    }, giveUpMs);
    const look = (content) => {
      for (const t of texts) {
        if (seenAt[t] === undefined && content.includes(t)) {
          const at = performance.now();
          seenAt[t] = at;
          left--;
          onEach(t, at);
        }
      }
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') look(r.target.data);
        else for (const n of r.addedNodes) look(n.nodeType === Node.TEXT_NODE ? n.data : n.textContent ?? '');
      }
      if (left === 0) {
        clearTimeout(giveUp);
        observer.disconnect();
        resolve(seenAt);
      }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
}

/** Resolves with `performance.now()` when `text` is in the DOM under `root`. */
export const whenText = (root, text) => whenTexts(root, [text]).then((at) => at[text]);

/** The CometD long-poll responses received so far (Resource Timing entries). */
const polls = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/notifications/connect'));

/**
 * Call before what is awaited is published. Answers a function that, given when it was
 * seen (`performance.now()`), resolves with the arrival of the long-poll response that
 * carried it: the `responseEnd` (Resource Timing: its last byte received) of the latest
 * CometD `/connect` that ended after this call and before it was seen. Rejects when there
 * is none (what was seen did not come over the long poll).
 */
export function arrival() {
  const armedAt = performance.now();
  return async (seenAt) => {
    // The entry is normally there already; give the timeline a moment if not.
    for (let tries = 0; tries < 50; tries++) {
      const ends = polls().map((e) => e.responseEnd).filter((end) => end > armedAt && end <= seenAt);
      if (ends.length) return Math.max(...ends);
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('no long-poll response arrived between the arming and the text');
  };
}

/**
 * The JS heap in use (MB) after two forced full collections (`gc()`, exposed by
 * `--js-flags=--expose-gc`; exact figures by `--enable-precise-memory-info`). Measured in
 * the page, not over the DevTools protocol: deep-chat keeps the main thread busy for a
 * minute or more after a long history, and protocol commands wait behind its tasks.
 */
export function heapMB() {
  gc();
  gc();
  return performance.memory.usedJSHeapSize / 1024 / 1024;
}

/** Measurements armed by Node and read back with `await window.bench.result`. */
export const bench = { result: null, heapMB };
window.bench = bench;
