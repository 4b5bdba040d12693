// A local stand-in for Genesys Web Services (GWS): a real CometD server (long-polling,
// cometd-nodejs-server) at `{basePath}/notifications`, and helpers to publish GWS v2
// notifications on it. Used by the demo (`npm start`) and by the browser tests.
import cometdServer from 'cometd-nodejs-server';
import { createRestApi } from './simulator-rest.mjs';

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
  let sessions = 0;
  let handshakes = 0;
  /** A fresh CometD server: at start, and on a simulated restart (all sessions lost). */
  function createServer() {
    const created = cometdServer.createCometDServer({
      logLevel: 'info',
      timeout: options.timeout ?? 10_000,
      maxInterval: 15_000,
      // Browsers share one cookie jar between tabs (and test pages): let every tab long-poll.
      maxSessionsPerBrowser: -1,
    });
    created.addListener('sessionAdded', () => {
      if (server !== created) return;
      sessions++;
      handshakes++;
    });
    created.addListener('sessionRemoved', () => {
      if (server !== created) return;
      sessions--;
    });
    return created;
  }
  let server = createServer();
  /** Requests being answered, cut when an outage starts. */
  const open = new Set();
  let down = false;

  /** @param {string} topic */
  function channel(topic) {
    return server.getServerChannel(topic) ?? server.createServerChannel(topic);
  }

  /**
   * Publishes a notification's `data` on a topic, as GWS would.
   * @param {string} topic
   * @param {unknown} data
   * @returns {Promise<void>}
   */
  function publish(topic, data) {
    return new Promise((resolve, reject) => {
      channel(topic).publish(null, data, (failure) => (failure ? reject(failure) : resolve()));
    });
  }

  const rest = createRestApi({ basePath, publish });

  return {
    basePath,
    notificationsPath,
    /** The Customer Chat API: interactions, the agent's side, CSRF and failure switches. */
    rest,
    publish,

    /** Whether a request path belongs to this simulator. @param {string} path */
    handles(path) {
      return path === basePath || path.startsWith(`${basePath}/`);
    },

    /**
     * Handles one HTTP request of this simulator: CometD, or the REST API.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    async handle(req, res) {
      if (down) {
        // The server is unreachable: the connection just dies.
        req.socket.destroy();
        return;
      }
      open.add(res);
      res.once('close', () => open.delete(res));
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === notificationsPath || path.startsWith(`${notificationsPath}/`)) {
        server.handle(req, res);
        return;
      }
      const origin = `http://${req.headers.host ?? 'localhost'}`;
      try {
        if (await rest.handle(req, res, path, origin)) return;
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 404, statusMessage: 'Not found' }));
      } catch (e) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 500, statusMessage: String(e) }));
      }
    },

    /**
     * Starts an outage: every open request (held long polls included) is cut and new ones
     * fail until `recover()`. With `restart`, the CometD server comes back as a new
     * instance that knows none of the old sessions (like a restarted GWS node); the chats
     * and their logs survive (they live in the chat server behind GWS).
     */
    outage({ restart = true } = {}) {
      down = true;
      for (const res of open) res.socket?.destroy();
      open.clear();
      if (restart) {
        server.close();
        sessions = 0;
        server = createServer();
      }
    },

    /** Ends an outage. */
    recover() {
      down = false;
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
