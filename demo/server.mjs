// `npm start`: the stakeholder demo. Serves the pages of demo/ at the top (`/` is the index,
// `/shop.html` the company site, `/agent.html` the agent console, ...) and the bundles, runs
// the GWS simulator (a real CometD server) on the same origin with its auto-agent, and the
// console's own agent API (`/demo-agent/...`, demo/agent-api.mjs).
// `ALLOW_ORIGINS=http://localhost:8080,https://shop.example` lets pages of those origins use
// the simulator too (CORS with credentials), as a GWS on another origin must.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCorsPolicy, originsFromEnv } from './simulator-cors.mjs';
import { createGwsSimulator } from './simulator.mjs';
import { playScenario } from './scenario.mjs';
import { startAgentBot } from './agent-bot.mjs';
import { createAgentApi } from './agent-api.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 8000);
const host = process.env.HOST ?? 'localhost';
const allowOrigins = originsFromEnv(process.env.ALLOW_ORIGINS);
const simulator = createGwsSimulator({ allowOrigins });
// The bundles too: a page of an allowed origin may load them as modules (which need CORS).
const bundleCors = createCorsPolicy(allowOrigins);
const bot = startAgentBot(simulator.rest);
// The agent console's own API (/demo-agent/...): demo only, beside the GWS one.
const agentApi = createAgentApi({ simulator, bot });

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const PUBLIC = ['demo', 'dist'];

async function serveFile(res, urlPath) {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const file = resolve(root, relative);
  const allowed = PUBLIC.some((dir) => file.startsWith(join(root, dir) + sep));
  if (!allowed || extname(file) === '.mjs') return send(res, 404, 'text/plain', 'Not found');
  try {
    const body = await readFile(file);
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
  } catch {
    send(res, 404, 'text/plain', 'Not found');
  }
}

function send(res, status, type, body) {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    // The demo page runs under a strict policy: the elements need no inline code or styles.
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'",
  });
  res.end(body);
}

/** An agent joins interaction `id`, then `[as, text]` lines are said. */
async function conversation(rest, id, ...lines) {
  await rest.agent(id, 'join');
  for (const [as, text] of lines) await rest.agent(id, 'say', { as, text });
}

/** The gallery's interactions, each with a few lines of a conversation (the Facebook one later). */
async function galleryInteractions(rest, origin) {
  // Every live example follows a chat of its own (the same conversation).
  const ids = {};
  for (const name of ['live', 'dark', 'arabic', 'german', 'vue', 'headless', 'harbour', 'midnight', 'paper']) {
    ids[name] = rest.create('chat', { origin, nickname: 'PersonP', state: 'Chatting' });
    await conversation(rest, ids[name], ['agent', 'Hi PersonP, I am Marat. How can I help?'], ['customer', 'My order #4411 has not arrived yet.'],
      ['agent', 'Let me check that for you: https://example.com/orders/4411']);
  }
  const ended = rest.create('chat', { origin, nickname: 'PersonP', state: 'Chatting' });
  await conversation(rest, ended, ['customer', 'Can I return a bike after a test ride?'], ['agent', 'Yes, within 30 days. Anything else?'],
    ['customer', 'No, thanks!']);
  await rest.agent(ended, 'leave');
  await rest.agent(ended, 'complete');
  const facebook = rest.create('facebooksession', { origin, nickname: 'PersonP', state: 'Chatting' });
  return { ...ids, ended, facebook };
}

let sequence = 0;
const newId = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}${(++sequence).toString(36).toUpperCase()}`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  if (simulator.handles(url.pathname)) return simulator.handle(req, res);
  if (url.pathname === '/demo/scenario' && req.method === 'POST') {
    // A fresh pair of interactions per play, so "Play again" starts clean.
    const ids = { facebookId: newId('0000FBDEMO') };
    send(res, 200, TYPES['.json'], JSON.stringify(ids));
    return;
  }
  if (url.pathname === '/demo/play' && req.method === 'POST') {
    const facebookId = url.searchParams.get('facebook') ?? '';
    if (!/^[0-9A-Z]{4,40}$/.test(facebookId)) return send(res, 400, 'text/plain', 'a facebook id is required');
    send(res, 202, 'text/plain', 'playing');
    playScenario(simulator, { facebookId, origin: `http://${req.headers.host}` }).catch((e) =>
      console.error('scenario failed:', e),
    );
    return;
  }
  if (url.pathname === '/demo/gallery' && req.method === 'POST') {
    // The gallery's interactions: a live chat, one the agent ended, a Facebook session. Asked
    // again with their ids once the elements listen: their states, and the agent typing.
    if (url.searchParams.has('live')) {
      for (const [name, id] of url.searchParams) {
        await simulator.rest.publishState(id);
        // A Facebook session's log cannot be read back (GWS documents that for chats only):
        // its lines are said now that its element listens.
        if (name === 'facebook') {
          await conversation(simulator.rest, id, ['customer', 'Hello from Messenger!'], ['agent', 'Hi PersonP, Marat here. How can I help on Messenger?']);
        } else if (name !== 'ended') await simulator.rest.agent(id, 'typing').catch(() => {});
      }
      return send(res, 204, 'text/plain', '');
    }
    return send(res, 200, TYPES['.json'], JSON.stringify(await galleryInteractions(simulator.rest, `http://${req.headers.host}`)));
  }
  if (url.pathname === '/vendor/vue.js') {
    // The gallery's framework app: Vue's runtime build (a dev dependency), as a user's app ships it.
    return send(res, 200, TYPES['.js'], await readFile(join(root, 'node_modules/vue/dist/vue.runtime.esm-browser.prod.js')).catch(() => ''));
  }
  if (url.pathname === '/demo/outage' && req.method === 'POST') {
    // "Restart the server": every connection is cut and sessions are lost for a few seconds.
    const seconds = Math.min(30, Math.max(1, Number(url.searchParams.get('seconds')) || 5));
    simulator.outage({ restart: true });
    setTimeout(() => simulator.recover(), seconds * 1000);
    return send(res, 202, 'text/plain', `down for ${seconds} s`);
  }
  if (agentApi.handles(url.pathname)) return agentApi.handle(req, res, url);
  if (url.pathname.startsWith('/dist/') && bundleCors.apply(req, res)) return;
  if (url.pathname === '/') return serveFile(res, '/demo/index.html');
  // The demo's pages at the top: /shop.html is demo/shop.html.
  if (/^\/[\w-]+\.html$/.test(url.pathname)) return serveFile(res, `/demo${url.pathname}`);
  if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
  return serveFile(res, url.pathname);
});

server.on('upgrade', (_req, socket) => socket.destroy());
server.listen(port, host, () => {
  const base = `http://${host}:${server.address().port}`;
  console.log(`gws-chat demo: ${base}/  (GWS simulator at ${simulator.notificationsPath}; Ctrl+C stops)`);
  console.log(`  open ${base}/shop.html and ${base}/agent.html side by side`);
  if (allowOrigins.length) console.log(`  pages of ${allowOrigins.join(', ')} may use it too (CORS with credentials)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    simulator.close();
    server.close();
    process.exit(0);
  });
}
