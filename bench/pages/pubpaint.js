// Publish → paint (bench/run.mjs): a <gws-chat> following `?id=X`, and beside it, on a
// connection of its own, the least a page can do: a bare CometD client (the cometd
// package, long-polling only) subscribed to the same topic, writing each message's text
// into a plain div.
import { bench, epoch, painted, param, whenText } from './probe.js';
import { CometD } from '/node_modules/cometd/cometd.js';

const url = '/api/v2/notifications';
const el = document.createElement('gws-chat');
el.setAttribute('url', url);
el.setAttribute('interaction-id', param('id'));
el.style.cssText = 'display: block; height: 600px; width: 480px';
document.body.append(el);
await import('/dist/gws-chat.esm.min.js');

const bare = document.getElementById('bare');
const cometd = new CometD();
cometd.unregisterTransport('websocket');
cometd.unregisterTransport('callback-polling');
cometd.configure({ url: new URL(url, location.href).href });
const subscribed = new Promise((resolve) => {
  cometd.handshake((reply) => {
    if (!reply.successful) return;
    cometd.subscribe('/v2/me/chats', (m) => {
      bare.textContent = m.data?.messages?.at(-1)?.text ?? '';
    }, resolve);
  });
});

Object.assign(bench, {
  epoch,
  async connected() {
    await subscribed;
    while (el.connectionState !== 'connected') await new Promise((r) => setTimeout(r, 10));
  },
  /** `text` is coming: when each shows it painted, in epoch ms. */
  arm(text) {
    const paintedAt = (root) => whenText(root, text).then(painted).then(epoch);
    this.result = Promise.all([paintedAt(el.shadowRoot), paintedAt(bare)]).then(([ours, plain]) => ({ ours, plain }));
  },
  disconnect: () => new Promise((r) => cometd.disconnect(r)),
});

bench.ready = true;
