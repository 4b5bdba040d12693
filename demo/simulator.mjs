// A local stand-in for Genesys Web Services (GWS): a real CometD server (long-polling,
// cometd-nodejs-server) at `{basePath}/notifications`, and helpers to publish GWS v2
// notifications on it. Used by the demo (`npm start`) and by the browser tests.
import cometdServer from 'cometd-nodejs-server';

/**
 * @typedef {object} SimulatorOptions
 * @property {string} [basePath] API root path, default `/api/v2`.
 * @property {number} [timeout] CometD long-poll hold time in ms (default 10 s).
 */

/**
 * Creates a simulator. Mount it with `handles(path)` + `handle(req, res)` on any Node
 * HTTP server (or a Koa/web-dev-server middleware).
 * @param {SimulatorOptions} [options]
 */
export function createGwsSimulator(options = {}) {
  const basePath = (options.basePath ?? '/api/v2').replace(/\/+$/, '');
  const notificationsPath = `${basePath}/notifications`;
  const server = cometdServer.createCometDServer({
    logLevel: 'info',
    timeout: options.timeout ?? 10_000,
    maxInterval: 15_000,
    // Browsers share one cookie jar between tabs (and test pages): let every tab long-poll.
    maxSessionsPerBrowser: -1,
  });
  let sessions = 0;
  let handshakes = 0;
  server.addListener('sessionAdded', () => {
    sessions++;
    handshakes++;
  });
  server.addListener('sessionRemoved', () => {
    sessions--;
  });

  /** @param {string} topic */
  function channel(topic) {
    return server.getServerChannel(topic) ?? server.createServerChannel(topic);
  }

  return {
    basePath,
    notificationsPath,

    /** Whether a request path belongs to this simulator. @param {string} path */
    handles(path) {
      return path === notificationsPath || path.startsWith(`${notificationsPath}/`);
    },

    /**
     * Handles one HTTP request of this simulator.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    handle(req, res) {
      server.handle(req, res);
    },

    /**
     * Publishes a notification's `data` on a topic, as GWS would.
     * @param {string} topic
     * @param {unknown} data
     * @returns {Promise<void>}
     */
    publish(topic, data) {
      return new Promise((resolve, reject) => {
        channel(topic).publish(null, data, (failure) => (failure ? reject(failure) : resolve()));
      });
    },

    /** What the server sees now: live sessions, handshakes so far, subscribers per topic. */
    stats() {
      /** @type {Record<string, number>} */
      const subscribers = {};
      for (const topic of ['/v2/me/chats', '/v2/me/facebooksession']) {
        subscribers[topic] = server.getServerChannel(topic)?.subscribers.length ?? 0;
      }
      return { sessions, handshakes, subscribers };
    },

    close() {
      server.close();
    },
  };
}
