// A local stand-in for Genesys Web Services (GWS): a real CometD server (long-polling,
// cometd-nodejs-server, or faye with `bayeux: 'faye'`) at `{basePath}/notifications`, and
// helpers to publish GWS v2 notifications on it. Used by the demo (`npm start`) and by the
// browser tests.
import cometdServer from 'cometd-nodejs-server';
import { createCorsPolicy, crossSiteCookies, requestOrigin } from './simulator-cors.mjs';
import { createFayeBayeux } from './simulator-faye.mjs';
import { createRestApi } from './simulator-rest.mjs';

/**
 * @typedef {object} SimulatorOptions
 * @property {string} [basePath] API root path, default `/api/v2`.
 * @property {number} [timeout] CometD long-poll hold time in ms (default 10 s).
 * @property {number} [maxInterval] How long a session lives without a long poll, in ms
 *   (default 15 s); a client that cannot poll for longer than timeout + maxInterval
 *   handshakes again.
 * @property {(string | RegExp)[]} [allowOrigins] Origins of pages on other origins allowed to
 *   use this simulator (CORS with credentials; see simulator-cors.mjs): exact
 *   `scheme://host[:port]` strings, or RegExps matched against the whole `Origin`. Default:
 *   none (only pages of the simulator's own origin can use it).
 * @property {'cometd' | 'faye'} [bayeux] The Bayeux server: cometd-nodejs-server (default), or
 *   faye (simulator-faye.mjs), a second implementation. On faye there are no CometD faults
 *   but `no-cors`, no `maxInterval` (a session lives twice `timeout`) and no handshake-request
 *   count; an outage's restart is a new faye server, and `forgetClients()` drops every session.
 */

/**
 * Faults the server can be switched to at run time (`fault(...)`):
 * - `deny-handshake`: every handshake is refused (`403::handshake_denied`, advice
 *   `reconnect: none`, which makes a CometD client stop on its own);
 * - `unknown-client`: handshakes succeed but every `/meta/connect` is answered
 *   `402::Unknown client` (advice `reconnect: handshake`), like a load balancer without
 *   session affinity;
 * - `no-cors`: no origin is allowed, whatever the allow-list says (a GWS whose CORS set-up
 *   is missing); switched off, the allow-list applies again, as when the server is
 *   configured later. Affects CometD and the REST API alike.
 * @typedef {'deny-handshake' | 'unknown-client' | 'no-cors'} CometdFault
 */

/**
 * Creates a simulator. Mount it with `handles(path)` + `handle(req, res)` on any Node
 * HTTP server (or a Koa/web-dev-server middleware).
 * @param {SimulatorOptions} [options]
 */
export function createGwsSimulator(options = {}) {
  const basePath = (options.basePath ?? '/api/v2').replace(/\/+$/, '');
  const notificationsPath = `${basePath}/notifications`;
  const onFaye = options.bayeux === 'faye';
  const createFaye = () => createFayeBayeux({ mount: notificationsPath, timeout: options.timeout });
  /** The faye Bayeux server, when the simulator runs on faye (`server` is then unused). */
  let faye = onFaye ? createFaye() : null;
  let sessions = 0;
  let handshakes = 0;
  /** Handshake requests received, refused ones included. */
  let handshakeRequests = 0;
  /** @type {CometdFault | null} */
  let fault = null;
  const cors = createCorsPolicy(options.allowOrigins);
  /** Requests of the JSONP transport (callback-polling: `?jsonp=` or a GET); never expected. */
  let jsonpRequests = 0;
  /** A fresh CometD server: at start, and on a simulated restart (all sessions lost). */
  function createServer() {
    const created = cometdServer.createCometDServer({
      logLevel: 'info',
      timeout: options.timeout ?? 10_000,
      maxInterval: options.maxInterval ?? 15_000,
      // Browsers share one cookie jar between tabs (and test pages): let every tab long-poll.
      maxSessionsPerBrowser: -1,
    });
    created.policy = {
      canHandshake: (_session, _message, callback) => callback(undefined, fault !== 'deny-handshake'),
    };
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
  let server = onFaye ? null : createServer();
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
    if (faye) return faye.publish(topic, data);
    return new Promise((resolve, reject) => {
      channel(topic).publish(null, data, (failure) => (failure ? reject(failure) : resolve()));
    });
  }

  const rest = createRestApi({ basePath, publish });

  /**
   * Hands a CometD request to the server, after counting its handshakes and applying the
   * fault switched on: the body (an array of Bayeux messages) is read here and passed on
   * as `req.body`, which cometd-nodejs-server takes instead of reading the stream.
   * @param {import('node:http').IncomingMessage & { body?: unknown }} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handleCometd(req, res) {
    if (faye) {
      faye.handle(req, res);
      return;
    }
    if (req.method !== 'POST') {
      server.handle(req, res);
      return;
    }
    let messages;
    try {
      let content = '';
      for await (const chunk of req) content += chunk;
      messages = JSON.parse(content);
    } catch {
      if (!res.headersSent && !res.destroyed) {
        res.statusCode = 400;
        res.end();
      }
      return;
    }
    // Cut by an outage while the body arrived.
    if (res.destroyed) return;
    if (!Array.isArray(messages)) messages = [messages];
    handshakeRequests += messages.filter((m) => m?.channel === '/meta/handshake').length;
    withBrowserCookie(req, messages);
    if (fault === 'unknown-client' && messages.some((m) => m?.channel === '/meta/connect')) {
      // The node that answers does not know the session another node created.
      res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(messages.map((m) => ({
        id: m?.id,
        channel: m?.channel,
        successful: false,
        error: '402::Unknown client',
        advice: { reconnect: 'handshake', interval: 0 },
      }))));
      return;
    }
    req.body = messages;
    server.handle(req, res);
  }

  /**
   * cometd-nodejs-server finds a session only through the `BAYEUX_BROWSER` cookie it set at
   * the handshake; a browser does not send that cookie from another site (it is `Lax`
   * there, or third-party cookies are blocked). A Java CometD server (GWS) finds sessions by
   * `clientId` and uses the cookie only to count a browser's sessions: when the cookie is
   * missing, supply the one of the session the request names.
   * @param {import('node:http').IncomingMessage} req
   * @param {unknown[]} messages
   */
  function withBrowserCookie(req, messages) {
    if (/(^|;)\s*BAYEUX_BROWSER=/.test(req.headers.cookie ?? '')) return;
    const clientId = messages.map((m) => /** @type {{ clientId?: unknown }} */ (m)?.clientId).find((id) => typeof id === 'string');
    if (typeof clientId !== 'string') return;
    const browserId = /** @type {{ _browserId?: unknown } | undefined} */ (server.getServerSession(clientId))?._browserId;
    if (typeof browserId !== 'string' || !/^[0-9a-f]+$/.test(browserId)) return;
    req.headers.cookie = `${req.headers.cookie ? `${req.headers.cookie}; ` : ''}BAYEUX_BROWSER=${browserId}`;
  }

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
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      const cometd = path === notificationsPath || path.startsWith(`${notificationsPath}/`);
      if (cometd && (url.searchParams.has('jsonp') || req.method === 'GET')) jsonpRequests++;
      // CORS headers first: they stay on whatever answers later (a held long poll included).
      if (cors.apply(req, res)) return;
      open.add(res);
      res.once('close', () => open.delete(res));
      if (cometd) {
        crossSiteCookies(req, res);
        await handleCometd(req, res);
        return;
      }
      const origin = requestOrigin(req);
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
      if (restart && faye) {
        faye.close();
        faye = createFaye();
      } else if (restart) {
        server.close();
        sessions = 0;
        server = createServer();
      }
    },

    /**
     * Switches a CometD fault on (`deny-handshake`, `unknown-client`) or off (`null`).
     * @param {CometdFault | null} which
     */
    fault(which) {
      if (which !== null && which !== 'deny-handshake' && which !== 'unknown-client' && which !== 'no-cors') {
        throw new Error(`unknown CometD fault ${which}`);
      }
      if (faye && which !== null && which !== 'no-cors') throw new Error(`no CometD fault ${which} on faye`);
      fault = which;
      cors.refuseAll(which === 'no-cors');
    },

    /**
     * Allows one more origin (exact `scheme://host[:port]`, or a RegExp) to use this
     * simulator from its pages, from the next request on: a GWS configured later.
     * @param {string | RegExp} origin
     */
    allowOrigin(origin) {
      cors.allow(origin);
    },

    /** Ends an outage. */
    recover() {
      down = false;
    },

    /**
     * What the server sees now: live sessions, handshakes so far (sessions created, and
     * requests, refused ones included), subscribers per topic; cross-origin traffic:
     * preflights answered, requests refused for their origin (preflights included), and
     * requests of CometD's JSONP transport (`?jsonp=`), which the client must never use.
     */
    stats() {
      if (faye) {
        return {
          ...faye.stats(), handshakeRequests: null,
          preflights: cors.counts.preflights, refusedOrigins: cors.counts.refused, jsonpRequests,
        };
      }
      /** @type {Record<string, number>} */
      const subscribers = {};
      for (const topic of ['/v2/me/chats', '/v2/me/facebooksession']) {
        subscribers[topic] = server.getServerChannel(topic)?.subscribers.length ?? 0;
      }
      return {
        sessions, handshakes, handshakeRequests, subscribers,
        preflights: cors.counts.preflights, refusedOrigins: cors.counts.refused, jsonpRequests,
      };
    },

    /** On faye only: forgets every session (see simulator-faye.mjs); their clients handshake again. */
    forgetClients() {
      if (!faye) throw new Error('forgetClients() is for the simulator on faye');
      faye.forgetClients();
    },

    close() {
      faye?.close();
      server?.close();
    },
  };
}
