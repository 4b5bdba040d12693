// The Customer Chat API subset of the GWS simulator: chats and Facebook sessions kept in
// memory, operations answered and published exactly as GWS does (immediate
// `{statusCode}` answer, the effect as CometD notifications), CSRF that can be enforced.
import { randomUUID } from 'node:crypto';

const CUSTOMER_CAPABILITIES = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'];
const MEDIA = {
  chat: { topic: '/v2/me/chats', stateType: 'ChatStateChangeMessage', key: 'chat', uriKey: 'chatUri', collection: 'chats' },
  facebooksession: {
    topic: '/v2/me/facebooksession', stateType: 'FacebooksessionStateChangeMessage', key: 'facebooksession',
    uriKey: 'facebooksessionUri', collection: 'me/facebooksessions',
  },
};
const MAX_BODY = 1_000_000;

/**
 * @param {{ basePath: string, publish(topic: string, data: unknown): Promise<void> }} o
 */
export function createRestApi({ basePath, publish }) {
  /** @type {Map<string, Interaction>} */
  const interactions = new Map();
  /** Every operation received, newest last (tests read what the server got). */
  const received = [];
  /** Operation name → failures to answer with, in order. */
  const failures = new Map();
  /**
   * The next failure planned for `operationName` on interaction `id`: one planned for that
   * interaction (`failure.id`), or for any (test files sharing a simulator plan their own).
   */
  const takeFailure = (operationName, id) => {
    const list = failures.get(operationName);
    const at = list ? list.findIndex((f) => !f.id || f.id === id) : -1;
    return at < 0 ? undefined : list.splice(at, 1)[0];
  };
  let csrf = { enforced: false, token: randomUUID() };
  let sequence = 0;
  let referenceId = 100;

  /**
   * @typedef {{ id: string, medium: 'chat'|'facebooksession', origin: string, state: string,
   *   participants: object[], capabilities: string[], userData: object, messages: object[],
   *   customer: object }} Interaction
   */

  const uriOf = (it) => `${it.origin}${basePath}/${MEDIA[it.medium].collection}/${it.id}`;
  const now = () => ({ timestamp: new Date().toISOString().replace('Z', '+0000'), timestampSeconds: Date.now() });

  /** The interaction resource, as state notifications and `GET …/chats/{id}` carry it. */
  const resourceOf = (it) => ({
    id: it.id, uri: uriOf(it), state: it.state, participants: it.participants,
    capabilities: it.capabilities, userData: it.userData,
  });

  function publishState(it, notificationType = 'StatusChange', extra = {}) {
    const m = MEDIA[it.medium];
    changed(it);
    return publish(m.topic, {
      messageType: m.stateType,
      notificationType,
      referenceId: ++referenceId,
      [m.key]: resourceOf(it),
      ...extra,
    });
  }

  /** Appends messages to the interaction's log and publishes them (unless `silent`: lost on the way). */
  function appendMessages(it, messages, silent = false) {
    const start = (it.messages.at(-1)?.index ?? 0) + 1;
    const added = messages.map((m, i) => ({ visibility: 'All', ...now(), index: start + i, ...m }));
    it.messages.push(...added);
    changed(it);
    if (silent) return Promise.resolve();
    const m = MEDIA[it.medium];
    return publish(m.topic, { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', messages: added, [m.uriKey]: uriOf(it) });
  }

  function create(medium, { id, origin, nickname = 'Customer', userData = {}, state = 'WaitingForAgent' }) {
    const customer = { nickname, type: 'Customer', participantId: `C${(++sequence).toString(16).padStart(15, '0')}` };
    const it = {
      id: id ?? `0000SIM${Date.now().toString(36).toUpperCase()}${(++sequence).toString(36).toUpperCase()}`,
      medium, origin, state, participants: [customer], capabilities: [...CUSTOMER_CAPABILITIES], userData, messages: [], customer,
    };
    interactions.set(it.id, it);
    changed(it);
    return it;
  }

  /** Tells the change listeners (the demo's agent console) that an interaction changed. */
  function changed(it) {
    changeListeners.forEach((fn) => fn(it.id));
  }

  /** What an agent does in an interaction (the demo's scripted agent and the tests use it). */
  async function agent(id, action, o = {}) {
    const it = interactions.get(id);
    if (!it) throw new Error(`no interaction ${id}`);
    const who = { nickname: o.nickname ?? 'Marat', type: 'Agent', participantId: o.participantId ?? 'A00000000000001' };
    switch (action) {
      case 'join':
        it.participants = [...it.participants.filter((p) => p.participantId !== who.participantId), who];
        it.state = 'Chatting';
        await appendMessages(it, [{ type: 'ParticipantJoined', from: who }]);
        return publishState(it, 'ParticipantsUpdated');
      case 'typing':
        return appendMessages(it, [{ type: o.stop ? 'TypingStopped' : 'TypingStarted', from: who }]);
      case 'say': {
        // `as: 'customer'` logs words of the customer's (as if a SendMessage got through);
        // `index` forces an index (GWS may give two messages one index).
        const from = o.as === 'customer' ? it.customer : who;
        const message = { type: 'Text', from, text: o.text ?? '', visibility: o.visibility ?? 'All' };
        if (Number.isInteger(o.index)) message.index = o.index;
        return appendMessages(it, [message], o.silent === true);
      }
      case 'say-many':
        // A long log at once (logged silently unless `silent: false`).
        return appendMessages(it, Array.from({ length: o.count ?? 1 }, (_, i) => ({
          type: 'Text', from: who, text: `${o.text ?? 'message'} ${i + 1}`,
        })), o.silent !== false);
      case 'push-url':
        return appendMessages(it, [{ type: 'PushUrl', from: who, url: o.url ?? '' }]);
      case 'notice':
        return appendMessages(it, [{ type: 'Notice', text: o.text ?? '' }]);
      case 'capabilities':
        it.capabilities = o.capabilities ?? [];
        return publishState(it, 'StatusChange');
      case 'leave':
        it.participants = it.participants.filter((p) => p.participantId !== who.participantId);
        await appendMessages(it, [{ type: 'ParticipantLeft', from: who }]);
        return publishState(it, 'ParticipantsUpdated');
      case 'complete':
        it.state = 'Completed';
        it.capabilities = [];
        return publishState(it, 'StatusChange');
      default:
        throw new Error(`unknown agent action ${action}`);
    }
  }

  async function operate(it, body) {
    const text = typeof body.text === 'string' ? body.text : '';
    switch (body.operationName) {
      case 'SendMessage':
        if (!it.capabilities.includes('SendMessage')) return { statusCode: 2, statusMessage: 'SendMessage is not allowed now' };
        if (!text.trim()) return { statusCode: 1, statusMessage: 'text is required' };
        await appendMessages(it, [{ type: 'Text', from: it.customer, text }]);
        messageListeners.forEach((fn) => fn(it.id, text));
        return { statusCode: 0 };
      case 'SendStartTypingNotification':
      case 'SendStopTypingNotification':
        await appendMessages(it, [{ type: body.operationName === 'SendStartTypingNotification' ? 'TypingStarted' : 'TypingStopped', from: it.customer }]);
        return { statusCode: 0 };
      case 'Complete':
        it.state = 'Completed';
        it.capabilities = [];
        await appendMessages(it, [{ type: 'ParticipantLeft', from: it.customer }]);
        await publishState(it, 'StatusChange');
        return { statusCode: 0 };
      default:
        return { statusCode: 3, statusMessage: `Unsupported operation ${String(body.operationName).slice(0, 60)}` };
    }
  }

  function readBody(req) {
    return new Promise((resolve, reject) => {
      let size = 0;
      const chunks = [];
      req.on('data', (c) => {
        size += c.length;
        if (size > MAX_BODY) reject(new Error('body too large'));
        else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function reply(res, status, body, headers = {}) {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-CSRF-HEADER': 'X-CSRF-TOKEN',
      'X-CSRF-TOKEN': csrf.token,
      ...headers,
    });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /**
   * Answers with a simulated failure: `hang` never answers (the request stays open until
   * the client gives up or an outage cuts it); otherwise an HTTP `status` (default 200)
   * with `statusCode`/`statusMessage`, and `Retry-After: retryAfter` when given.
   */
  function replyFailure(res, failure) {
    if (failure.hang) return;
    const headers = failure.retryAfter !== undefined ? { 'Retry-After': String(failure.retryAfter) } : {};
    reply(res, failure.status ?? 200, { statusCode: failure.statusCode ?? 1, statusMessage: failure.statusMessage ?? 'Simulated failure' }, headers);
  }

  /** Handles `{basePath}/...` REST requests; returns false when the path is not ours. */
  async function handle(req, res, path, origin) {
    const rest = path.slice(basePath.length);
    const chatMatch = /^\/(chats|me\/facebooksessions)(?:\/([^/]+))?(\/messages)?$/.exec(rest);
    if (rest === '/me' && req.method === 'GET') {
      reply(res, 200, { statusCode: 0 });
      return true;
    }
    if (!chatMatch) return false;
    const [, collection, id, messages] = chatMatch;
    const medium = collection === 'chats' ? 'chat' : 'facebooksession';
    if (req.method === 'GET' && id && messages) {
      reads.push({ path: rest, query: new URL(req.url ?? '', 'http://x').search });
      const failure = takeFailure('GetMessages', decodeURIComponent(id));
      if (failure) {
        replyFailure(res, failure);
        return true;
      }
      const it = interactions.get(decodeURIComponent(id));
      if (!it || it.medium !== medium) return reply(res, 404, { statusCode: 404, statusMessage: 'Not found' }), true;
      const from = Number(new URL(req.url ?? '', 'http://x').searchParams.get('index') ?? 0) || 0;
      reply(res, 200, { statusCode: 0, messages: it.messages.filter((m) => m.index >= from) });
      return true;
    }
    if (req.method === 'GET' && id) {
      // The interaction's resource (`GET /api/v2/chats/{id}`): how a client learns a state
      // it missed while disconnected.
      resourceReads.push({ path: rest });
      const failure = takeFailure('GetChat', decodeURIComponent(id));
      if (failure) {
        replyFailure(res, failure);
        return true;
      }
      const it = interactions.get(decodeURIComponent(id));
      if (!it || it.medium !== medium) return reply(res, 404, { statusCode: 404, statusMessage: 'Not found' }), true;
      reply(res, 200, { statusCode: 0, [MEDIA[medium].key]: resourceOf(it) });
      return true;
    }
    if (req.method !== 'POST' || messages) {
      reply(res, 405, { statusCode: 405, statusMessage: 'Method not allowed' });
      return true;
    }
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      reply(res, 400, { statusCode: 400, statusMessage: 'Malformed JSON body' });
      return true;
    }
    const operationName = body?.operationName;
    received.push({ path: rest, operationName, body, contactCenterId: req.headers['contactcenterid'] ?? null, csrf: req.headers['x-csrf-token'] ?? null });
    if (csrf.enforced && req.headers['x-csrf-token'] !== csrf.token) {
      res.writeHead(403, { 'Content-Type': 'text/plain', 'X-CSRF-HEADER': 'X-CSRF-TOKEN', 'X-CSRF-TOKEN': csrf.token });
      res.end('Missing or invalid Csrf token');
      return true;
    }
    const failure = takeFailure(operationName, id ? decodeURIComponent(id) : undefined);
    if (failure) {
      const target = id ? interactions.get(decodeURIComponent(id)) : undefined;
      if (failure.delay !== undefined && target) {
        // `delay`: a slow server. It carries the operation out `delay` ms after it arrived,
        // whether or not the client still waits (a page left, a deadline passed), then answers.
        await new Promise((resolve) => setTimeout(resolve, failure.delay));
        const answer = await operate(target, body);
        if (!res.destroyed && !res.writableEnded) reply(res, 200, answer);
        return true;
      }
      // `logged`: the operation is carried out (its notifications lost on the way) before
      // the answer fails: the server has the message although the client cannot know.
      if (failure.logged && target && operationName === 'SendMessage' && typeof body.text === 'string') {
        await appendMessages(target, [{ type: 'Text', from: target.customer, text: body.text }], true);
      }
      replyFailure(res, failure);
      return true;
    }
    if (!id) {
      if (medium !== 'chat' || operationName !== 'RequestChat') {
        reply(res, 400, { statusCode: 3, statusMessage: 'Only RequestChat is accepted here' });
        return true;
      }
      const nickname = typeof body.nickname === 'string' && body.nickname.trim() ? body.nickname.trim() : 'Customer';
      const it = create('chat', { origin, nickname, userData: { ...(body.userData ?? {}), ...(body.subject ? { subject: body.subject } : {}) } });
      reply(res, 200, { statusCode: 0, id: it.id, path: `${basePath}/chats/${it.id}` });
      // GWS answers first; the effects follow as notifications.
      setTimeout(async () => {
        await publishState(it, 'StatusChange');
        await appendMessages(it, [{ type: 'ParticipantJoined', from: it.customer }]);
        requestListeners.forEach((fn) => fn(it.id));
      }, 10);
      return true;
    }
    const it = interactions.get(decodeURIComponent(id));
    if (!it || it.medium !== medium) {
      reply(res, 404, { statusCode: 404, statusMessage: 'Not found' });
      return true;
    }
    reply(res, 200, await operate(it, body));
    return true;
  }

  /** Every read of a log (`GET …/messages`), newest last. */
  const reads = [];
  /** Every read of an interaction's resource (`GET …/chats/{id}`), newest last. */
  const resourceReads = [];
  const requestListeners = new Set();
  const messageListeners = new Set();
  const changeListeners = new Set();

  return {
    handle,
    agent,
    /** Creates an interaction directly (a Facebook session, or a chat for a test). */
    create(medium, options) {
      const it = create(medium, options);
      return it.id;
    },
    /**
     * Makes sure the interaction a notification published by hand is about exists (with an
     * empty log), so that reading its log answers like GWS would rather than 404.
     */
    know(data) {
      for (const [medium, m] of Object.entries(MEDIA)) {
        const uri = data?.[m.uriKey] ?? data?.[m.key]?.uri;
        const id = data?.[m.key]?.id ?? (typeof uri === 'string' ? uri.split('/').pop() : undefined);
        if (typeof id !== 'string' || !id || interactions.has(id)) continue;
        const origin = typeof uri === 'string' && /^https?:\/\/[^/]+/.test(uri) ? uri.match(/^https?:\/\/[^/]+/)[0] : 'http://localhost';
        create(medium, { id, origin });
      }
    },
    /** Publishes the interaction's current state. */
    publishState(id) {
      const it = interactions.get(id);
      return it ? publishState(it) : Promise.resolve();
    },
    /** The server's log of an interaction. */
    log(id) {
      return interactions.get(id)?.messages ?? [];
    },
    /** Operations received so far, optionally only for one interaction. */
    received(id) {
      return id ? received.filter((r) => r.path.endsWith(`/${id}`)) : [...received];
    },
    /** The log reads (`GET …/messages`) received so far. */
    reads() {
      return [...reads];
    },
    /** The resource reads (`GET …/chats/{id}`) received so far. */
    resourceReads() {
      return [...resourceReads];
    },
    /**
     * Makes the next `count` requests of an operation (or `GetMessages`, the log read, or
     * `GetChat`, the resource read) fail:
     * see `replyFailure` for the forms of `failure`, plus `logged` for `SendMessage`, and
     * `delay` (ms): not a failure but a slow server, which carries the operation out (a
     * message logged and published) that long after it arrived, then answers.
     */
    failNext(operationName, failure = {}, count = 1) {
      const list = failures.get(operationName) ?? [];
      for (let i = 0; i < count; i++) list.push(failure);
      failures.set(operationName, list);
    },
    /** Switches CSRF enforcement; `rotate` issues a new token (old ones are refused). */
    setCsrf({ enforced, rotate = false }) {
      csrf = { enforced, token: rotate ? randomUUID() : csrf.token };
    },
    /**
     * What the server holds of an interaction (the demo's agent console shows it): its
     * resource, medium, customer and whole log, agent-only entries included; `undefined`
     * when unknown.
     */
    snapshot(id) {
      const it = interactions.get(id);
      return it && { ...resourceOf(it), medium: it.medium, customer: it.customer, messages: [...it.messages] };
    },
    /** The ids of every interaction the server knows, oldest first. */
    ids() {
      return [...interactions.keys()];
    },
    /**
     * Calls `fn(id)` whenever an interaction was created, its log grew or its state was
     * published (before the notification goes out).
     */
    onChange(fn) {
      changeListeners.add(fn);
      return () => changeListeners.delete(fn);
    },
    /** Calls `fn(id)` when a customer requested a new chat (after it was announced). */
    onChatRequested(fn) {
      requestListeners.add(fn);
      return () => requestListeners.delete(fn);
    },
    /** Calls `fn(id, text)` when a customer's message was logged. */
    onCustomerMessage(fn) {
      messageListeners.add(fn);
      return () => messageListeners.delete(fn);
    },
  };
}
