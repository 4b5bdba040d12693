// `ChatSession` alone (the headless API, from the ESM bundle's exports), following `?id=X`:
// no element, nothing rendered.
import { arrival, bench, painted, param } from './probe.js';

const { ChatSession } = await import('/dist/gws-chat.esm.min.js');
const session = new ChatSession({ url: '/api/v2/notifications', interactionId: param('id') });
session.connect();

Object.assign(bench, {
  async connected() {
    while (session.connectionState !== 'connected') await new Promise((r) => setTimeout(r, 10));
  },
  /** `count` messages coming at once: arrival → the session holds them all. */
  armHistory(count) {
    performance.mark('bench:start');
    const arrivalOf = arrival();
    this.result = new Promise((resolve) => {
      const check = () => {
        if (session.messages.length < count) return;
        const at = performance.now();
        session.removeEventListener('change', check);
        resolve(painted().then(async () => {
          performance.mark('bench:end');
          return at - await arrivalOf(at);
        }));
      };
      session.addEventListener('change', check);
    });
  },
  /** One message `text`: arrival → its `gws-message` event. */
  armAppend(text) {
    const arrivalOf = arrival();
    this.result = new Promise((resolve) => {
      const on = (e) => {
        if (e.detail.message.text !== text) return;
        const at = performance.now();
        session.removeEventListener('gws-message', on);
        resolve(arrivalOf(at).then((arrived) => at - arrived));
      };
      session.addEventListener('gws-message', on);
    });
  },
  disconnect: () => session.disconnect(),
});

bench.ready = true;
