// Cross-origin access to the GWS simulator (CORS), configured the way a GWS must be for a
// page on another origin: only origins on an allow-list; for those the exact origin echoed
// with credentials, the CSRF headers exposed, and the preflights of the JSON POSTs (with the
// `ContactCenterId` and CSRF headers) answered. Everything else gets no CORS headers at all,
// so the browser blocks it.

/** Methods the client uses (`OPTIONS` is the preflight itself). */
export const CORS_METHODS = ['GET', 'POST', 'OPTIONS'];
/**
 * Request headers the client sends that are not CORS-safelisted: `Content-Type:
 * application/json` (the REST operations and every CometD request), `ContactCenterId`
 * (the tenant, when set), and the CSRF header named by `X-CSRF-HEADER` (`X-CSRF-TOKEN`).
 * `Accept` is listed too: it is safelisted only while its value stays short and plain.
 */
export const CORS_REQUEST_HEADERS = ['Accept', 'Content-Type', 'ContactCenterId', 'X-CSRF-TOKEN'];
/** Response headers the page must be able to read (GWS's CSRF token and its header name). */
export const CORS_EXPOSED_HEADERS = ['X-CSRF-HEADER', 'X-CSRF-TOKEN'];
/** How long a browser may keep a preflight's answer, in seconds. */
export const PREFLIGHT_MAX_AGE = 600;

/**
 * An allowed origin: the exact `scheme://host[:port]` string, or a RegExp matched against
 * the request's whole `Origin` (e.g. `/^http:\/\/localhost:\d+$/` for any local port), or
 * the string `'null'` for pages of an opaque origin (a sandboxed iframe without
 * `allow-same-origin`), which no RegExp matches.
 * @typedef {string | RegExp} OriginRule
 */

/**
 * Whether a request came over https: TLS on the socket, or a TLS-terminating proxy in front
 * that says so (`X-Forwarded-Proto: https`).
 * @param {import('node:http').IncomingMessage} req
 */
export function isSecureRequest(req) {
  if (/** @type {{ encrypted?: boolean }} */ (req.socket).encrypted === true) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}

/** The origin a request was addressed to (`http(s)://host[:port]`). @param {import('node:http').IncomingMessage} req */
export function requestOrigin(req) {
  return `${isSecureRequest(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

/**
 * Makes the cookies a response sets usable from a page on another site: `SameSite=None;
 * Secure` (browsers send a cookie on cross-site requests only then, and accept `Secure`
 * only over https). Applied to requests that came over https; on plain http the cookie is
 * left as the CometD server makes it (no `SameSite`: `Lax` in browsers), which works for
 * pages on the same site (another port of the same host name) and is simply not sent from
 * another site (the simulator then finds the session by its `clientId`, as a Java CometD
 * server does).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function crossSiteCookies(req, res) {
  if (!isSecureRequest(req)) return;
  const setHeader = res.setHeader.bind(res);
  /** @param {string} value */
  const fix = (value) => {
    let cookie = value.replace(/;\s*SameSite=[^;]*/i, '');
    cookie += '; SameSite=None';
    if (!/;\s*Secure\s*(;|$)/i.test(cookie)) cookie += '; Secure';
    return cookie;
  };
  res.setHeader = (name, value) => {
    if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
    return setHeader(name, Array.isArray(value) ? value.map((v) => fix(String(v))) : fix(String(value)));
  };
}

/**
 * The simulator's CORS policy: an allow-list of origins that can grow at run time.
 * @param {readonly OriginRule[]} [allowOrigins]
 */
export function createCorsPolicy(allowOrigins = []) {
  /** @type {OriginRule[]} */
  const rules = [];
  /** Preflights answered, requests from an origin not allowed (preflights included). */
  const counts = { preflights: 0, refused: 0 };
  /** When set, nobody is allowed (a GWS whose CORS set-up is missing). */
  let refuseAll = false;

  /** @param {OriginRule} rule */
  function allow(rule) {
    if (rule instanceof RegExp) {
      // A global or sticky RegExp remembers where it stopped: keep a plain copy.
      rules.push(new RegExp(rule.source, rule.flags.replace(/[gy]/g, '')));
      return;
    }
    if (typeof rule !== 'string') throw new TypeError(`an allowed origin is a string or a RegExp, not ${typeof rule}`);
    if (rule === 'null') {
      rules.push(rule); // opaque origins (sandboxed iframes): only when listed as such
      return;
    }
    const origin = rule.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/\s]+$/i.test(origin)) {
      throw new TypeError(`an allowed origin is scheme://host[:port] without a path, not ${JSON.stringify(rule)}`);
    }
    rules.push(new URL(origin).origin);
  }
  for (const rule of allowOrigins) allow(rule);

  /** @param {string} origin */
  function allows(origin) {
    if (refuseAll) return false;
    if (origin === 'null') return rules.includes('null');
    return rules.some((rule) => (typeof rule === 'string' ? rule === origin : rule.test(origin)));
  }

  return {
    allow,
    allows,
    counts,
    /** @param {boolean} refuse */
    refuseAll(refuse) {
      refuseAll = refuse;
    },

    /**
     * Applies the policy to one request: an allowed cross-origin request gets its CORS
     * headers (set now, kept by whatever writes the answer later, CometD's long poll
     * included); a preflight is answered here. Returns whether the request was answered.
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     */
    apply(req, res) {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
      // What is answered depends on Origin: caches must keep answers apart.
      res.setHeader('Vary', 'Origin');
      const crossOrigin = origin !== null && origin !== requestOrigin(req);
      const allowed = crossOrigin && allows(origin);
      if (crossOrigin && !allowed) counts.refused++;
      if (allowed) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
        res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS.join(', '));
      }
      if (req.method !== 'OPTIONS') return false;
      if (allowed) {
        counts.preflights++;
        res.writeHead(204, {
          'Access-Control-Allow-Methods': CORS_METHODS.join(', '),
          'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS.join(', '),
          'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
          'Content-Length': '0',
        });
      } else if (crossOrigin) {
        res.writeHead(403, { 'Content-Type': 'text/plain' });
        res.write(`Origin ${origin} is not allowed.`);
      } else {
        res.writeHead(204, { Allow: CORS_METHODS.join(', '), 'Content-Length': '0' });
      }
      res.end();
      return true;
    },
  };
}

/**
 * Reads an allow-list from a comma-separated environment value (`ALLOW_ORIGINS`).
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function originsFromEnv(value) {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
