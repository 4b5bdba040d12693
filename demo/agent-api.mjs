// The agent console's API (demo only, not GWS): what a person playing the agent at
// /agent.html sees and does. A Server-Sent Events feed of every interaction the simulator
// holds (agent-only entries included), and REST actions under /demo-agent/. Whatever the
// customer sees still comes through the simulator's GWS wire format (CometD notifications
// and the Customer Chat API), never through this API.

/** The person at the console, as the customer sees them. */
export const CONSOLE_AGENT = Object.freeze({ nickname: 'Ines', participantId: 'A00000000000002' });

const PREFIX = '/demo-agent';
const TOPICS = { chat: '/v2/me/chats', facebooksession: '/v2/me/facebooksession' };
const URI_KEYS = { chat: 'chatUri', facebooksession: 'facebooksessionUri' };
const STATE_TYPES = { chat: 'ChatStateChangeMessage', facebooksession: 'FacebooksessionStateChangeMessage' };
const MAX_BODY = 64_000;
/** How long "Drop every connection" keeps the server unreachable, and "Restart" down, in s. */
export const DROP_SECONDS = 3;
export const RESTART_SECONDS = 8;

/**
 * @param {{
 *   simulator: ReturnType<import('./simulator.mjs').createGwsSimulator>,
 *   bot: ReturnType<import('./agent-bot.mjs').startAgentBot>,
 * }} o
 */
export function createAgentApi({ simulator, bot }) {
  const { rest } = simulator;
  /** @type {Set<import('node:http').ServerResponse>} */
  const feeds = new Set();
  /** The server's fault of the moment (shown on the console), or null. */
  let outage = null;
  let outageTimer;

  const view = (id) => {
    const s = rest.snapshot(id);
    return s && { ...s, autoAgent: bot.status(id) ?? null, consoleAgent: s.participants.some((p) => p.participantId === CONSOLE_AGENT.participantId) };
  };
  const sse = (res, event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const broadcast = (event, data) => feeds.forEach((res) => sse(res, event, data));
  // Changes come in bursts (a message, then a state): one update per chat per tick.
  const pending = new Set();
  rest.onChange((id) => {
    if (pending.has(id)) return;
    pending.add(id);
    setImmediate(() => {
      pending.delete(id);
      const chat = view(id);
      if (chat) broadcast('chat', chat);
    });
  });

  function setOutage(kind, seconds, restart) {
    clearTimeout(outageTimer);
    simulator.outage({ restart });
    outage = { kind, until: Date.now() + seconds * 1000 };
    broadcast('server', { outage });
    outageTimer = setTimeout(() => {
      simulator.recover();
      outage = null;
      broadcast('server', { outage });
    }, seconds * 1000);
  }

  /** A notification published by hand, about interaction `c` (the faults). */
  const publishLog = (c, messages) => simulator.publish(TOPICS[c.medium], {
    messageType: 'MessageLogUpdated', notificationType: 'NewMessages', messages, [URI_KEYS[c.medium]]: c.uri,
  });

  /** A person acts in interaction `id`: the auto-agent hands the chat over, the person joins. */
  async function takeOver(id) {
    await bot.handOver(id);
    if (!view(id)?.consoleAgent) await rest.agent(id, 'join', CONSOLE_AGENT);
  }

  /** The console's actions on one interaction. */
  const actions = {
    async say(id, body) {
      const text = String(body.text ?? '').trim();
      if (!text) return 400;
      await takeOver(id);
      await rest.agent(id, 'typing', { ...CONSOLE_AGENT, stop: true });
      await rest.agent(id, 'say', { ...CONSOLE_AGENT, text });
      return 204;
    },
    async 'agents-only'(id, body) {
      // A log entry with visibility `Agents`: GWS sends it on the topic too; the customer's
      // element must never show it.
      const text = String(body.text ?? '').trim();
      if (!text) return 400;
      await takeOver(id);
      await rest.agent(id, 'say', { ...CONSOLE_AGENT, text, visibility: 'Agents' });
      return 204;
    },
    async typing(id, body) {
      // Only a participant's typing is sent: before the person joined, the customer sees none.
      if (!view(id)?.consoleAgent) return 204;
      await rest.agent(id, 'typing', { ...CONSOLE_AGENT, stop: body.typing === false });
      return 204;
    },
    async 'push-url'(id, body) {
      const url = String(body.url ?? '').trim();
      if (!/^https?:\/\/\S+$/i.test(url)) return 400;
      await takeOver(id);
      await rest.agent(id, 'push-url', { ...CONSOLE_AGENT, url });
      return 204;
    },
    async join(id) {
      await takeOver(id);
      return 204;
    },
    async leave(id) {
      if (view(id)?.consoleAgent) await rest.agent(id, 'leave', CONSOLE_AGENT);
      return 204;
    },
    async end(id) {
      await bot.handOver(id);
      if (view(id)?.consoleAgent) await rest.agent(id, 'leave', CONSOLE_AGENT);
      await rest.agent(id, 'complete');
      return 204;
    },
    async 'fault-error'(id) {
      // An Error notification of the interaction, as GWS sends when an operation failed.
      const c = view(id);
      await simulator.publish(TOPICS[c.medium], {
        messageType: STATE_TYPES[c.medium], notificationType: 'Error', referenceId: Date.now() % 100000,
        errorMessage: 'The chat server could not carry out the last operation (simulated fault).',
        [c.medium === 'chat' ? 'chat' : 'facebooksession']: {
          id: c.id, uri: c.uri, state: c.state, participants: c.participants, capabilities: c.capabilities, userData: c.userData,
        },
      });
      return 204;
    },
    async 'fault-duplicate'(id) {
      // The last three entries again, exactly as sent: an exact replay adds nothing.
      const c = view(id);
      const last = c.messages.slice(-3);
      if (last.length) await publishLog(c, last);
      return 204;
    },
    async 'fault-out-of-order'(id) {
      // Two new lines delivered second first: the customer still reads them in order.
      await takeOver(id);
      await rest.agent(id, 'say', { ...CONSOLE_AGENT, text: '(1 of 2) This line was delivered second…', silent: true });
      await rest.agent(id, 'say', { ...CONSOLE_AGENT, text: '(2 of 2) …and this one first.', silent: true });
      const c = view(id);
      const [first, second] = c.messages.slice(-2);
      await publishLog(c, [second]);
      await publishLog(c, [first]);
      return 204;
    },
  };

  function readJson(req) {
    return new Promise((resolve) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c) => {
        text += c;
        if (text.length > MAX_BODY) req.destroy();
      });
      req.on('end', () => {
        try {
          const value = JSON.parse(text || '{}');
          resolve(value && typeof value === 'object' ? value : {});
        } catch {
          resolve({});
        }
      });
      req.on('error', () => resolve({}));
    });
  }

  const answer = (res, status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  return {
    /** @param {string} path */
    handles: (path) => path.startsWith(`${PREFIX}/`),

    /**
     * @param {import('node:http').IncomingMessage} req
     * @param {import('node:http').ServerResponse} res
     * @param {URL} url
     */
    async handle(req, res, url) {
      const path = url.pathname.slice(PREFIX.length);
      if (path === '/feed' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write('retry: 1000\n\n');
        for (const id of rest.ids()) sse(res, 'chat', view(id));
        sse(res, 'server', { outage });
        feeds.add(res);
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
        res.once('close', () => {
          clearInterval(keepAlive);
          feeds.delete(res);
        });
        return;
      }
      if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' });
      const fault = /^\/faults\/(drop|restart)$/.exec(path);
      if (fault) {
        if (fault[1] === 'drop') setOutage('drop', DROP_SECONDS, false);
        else setOutage('restart', RESTART_SECONDS, true);
        return answer(res, 202, { outage });
      }
      if (path === '/facebook') {
        // The Facebook page asks for a session (then, once its element listens, for its state).
        const known = url.searchParams.get('id');
        if (known) {
          await rest.publishState(known);
          return answer(res, 204);
        }
        const id = rest.create('facebooksession', { origin: `http://${req.headers.host}`, nickname: 'PersonP', state: 'Chatting' });
        return answer(res, 200, { interactionId: id });
      }
      const action = /^\/chats\/([0-9A-Za-z]{1,60})\/([a-z-]+)$/.exec(path);
      if (!action || !Object.hasOwn(actions, action[2])) return answer(res, 404, { error: 'unknown action' });
      if (!rest.snapshot(action[1])) return answer(res, 404, { error: 'unknown chat' });
      try {
        const status = await actions[action[2]](action[1], await readJson(req));
        return answer(res, status);
      } catch (e) {
        console.error('agent console:', e);
        return answer(res, 500, { error: String(e) });
      }
    },
  };
}
