// The simulator's Bayeux side on faye (an independent Bayeux server), instead of
// cometd-nodejs-server: the same notifications, so tests can check that the elements lean
// on no one server's quirks. Faye follows a session by its `clientId` (no cookie), holds
// long polls, and answers any sub-path of its mount (`/handshake`, `/connect`, ...).
import faye from 'faye';

/**
 * A faye Bayeux server mounted at `mount`.
 * @param {{ mount: string, timeout?: number }} options `timeout`: the long-poll hold time in ms
 *   (faye counts seconds; a session lives twice that without a poll).
 */
export function createFayeBayeux({ mount, timeout = 10_000 }) {
  const adapter = new faye.NodeAdapter({ mount, timeout: timeout / 1000 });
  /** Live client ids: faye's own server-side client (the publisher) is one of them. */
  const clients = new Set();
  let handshakes = 0;
  /** @type {Map<string, Set<string>>} topic → subscribed client ids */
  const subscribers = new Map();
  adapter.on('handshake', (clientId) => {
    clients.add(clientId);
    handshakes++;
  });
  adapter.on('disconnect', (clientId) => clients.delete(clientId));
  adapter.on('subscribe', (clientId, topic) => {
    if (!subscribers.has(topic)) subscribers.set(topic, new Set());
    subscribers.get(topic).add(clientId);
  });
  adapter.on('unsubscribe', (clientId, topic) => subscribers.get(topic)?.delete(clientId));
  const publisher = adapter.getClient();
  /** The publisher's own client id, once it has handshaken (it is not a browser's session). */
  let publisherId = null;
  publisher.connect(() => { publisherId = publisher._dispatcher.clientId; });
  const browsers = () => [...clients].filter((id) => id !== publisherId);

  return {
    /**
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    handle(req, res) {
      // Faye allows every origin, with credentials: the simulator's CORS policy (its headers
      // set before this) must stay the only one, so faye's own are left out.
      const writeHead = res.writeHead.bind(res);
      res.writeHead = (status, headers) => {
        if (headers && typeof headers === 'object') {
          delete headers['Access-Control-Allow-Origin'];
          delete headers['Access-Control-Allow-Credentials'];
        }
        return writeHead(status, headers);
      };
      adapter.handle(req, res);
    },

    /**
     * Publishes `data` on `topic` through faye's in-process client.
     * @param {string} topic
     * @param {unknown} data
     * @returns {Promise<void>}
     */
    async publish(topic, data) {
      await publisher.publish(topic, data);
    },

    /** Live browser sessions, handshakes so far (the publisher's excluded), subscribers per topic. */
    stats() {
      /** @type {Record<string, number>} */
      const counts = {};
      for (const topic of ['/v2/me/chats', '/v2/me/facebooksession']) counts[topic] = subscribers.get(topic)?.size ?? 0;
      return { sessions: browsers().length, handshakes: handshakes - (publisherId ? 1 : 0), subscribers: counts };
    },

    /**
     * Forgets every browser session, as a server that lost them: held long polls are
     * answered at once, and the next `/meta/connect` is answered `401::Unknown client`
     * (advice `reconnect: handshake`), so each client handshakes again.
     */
    forgetClients() {
      for (const id of browsers()) adapter._server._engine.destroyClient(id);
    },

    close() {
      adapter.close();
    },
  };
}
