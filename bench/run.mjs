// `npm run bench`: size and speed of gws-chat, printed as a table.
// Sizes of the built bundles; pure-module speed in Node; rendering in headless Chromium
// against the real CometD server of the GWS simulator.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import puppeteer from 'puppeteer-core';
import { createGwsSimulator } from '../demo/simulator.mjs';
import { parseNotification } from '../lib/protocol/parse.js';
import { CHAT } from '../lib/protocol/medium.js';
import { Transcript } from '../lib/model/transcript.js';
import { benchWidget } from './widget.mjs';

const rows = [];
const progress = (what) => process.stderr.write(`bench: ${what}\n`);
const row = (what, value, unit, budget = '') => rows.push({ what, value, unit, budget });
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// --- sizes --------------------------------------------------------------------------
for (const file of ['dist/gws-chat.min.js', 'dist/gws-chat.esm.min.js']) {
  const bytes = readFileSync(file);
  row(`${file} minified`, bytes.length, 'bytes');
  row(`${file} gzip -9`, gzipSync(bytes, { level: 9 }).length, 'bytes', file.endsWith('gws-chat.min.js') ? '≤ 24,576' : '');
}

// --- pure modules in Node ---------------------------------------------------------------
const agent = { nickname: 'Marat', type: 'Agent', participantId: 'A1' };
const wire = (index, text = `message ${index} with some ordinary length of text`) => ({
  index, type: 'Text', from: agent, text, visibility: 'All',
  timestamp: '2014-01-09 11:58:12.035+0200', timestampSeconds: 1389261492035 + index,
});
const example = JSON.parse(readFileSync('demo/spec-examples/chat-log.json', 'utf8'));
{
  const n = 20_000;
  for (let i = 0; i < 2000; i++) parseNotification(example, CHAT);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) parseNotification(example, CHAT);
  row('parse the chat-log spec example', ((performance.now() - t0) * 1000) / n, 'µs / notification');
}
{
  const history = Array.from({ length: 10_000 }, (_, i) => wire(i + 1));
  const raw = { data: { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', chatUri: '/api/v2/chats/X', messages: history } };
  const t0 = performance.now();
  const parsed = parseNotification(raw, CHAT);
  const t1 = performance.now();
  const transcript = new Transcript();
  transcript.add(parsed.notification.messages);
  const t2 = performance.now();
  row('parse a 10,000-message history', t1 - t0, 'ms');
  row('add a 10,000-message history to a transcript', t2 - t1, 'ms');
  const appends = [];
  for (let i = 0; i < 1000; i++) {
    const s = performance.now();
    transcript.add([parseNotification({ data: { ...raw.data, messages: [wire(10_001 + i)] } }, CHAT).notification.messages[0]]);
    appends.push(performance.now() - s);
  }
  row('append one message to a 10,000-entry transcript (median)', median(appends) * 1000, 'µs');
  const inserts = [];
  for (let i = 0; i < 1000; i++) {
    const s = performance.now();
    transcript.add([{ ...transcript.entries[1000 + i * 5], text: `late ${i}`, visibility: 'All', url: '' }]);
    inserts.push(performance.now() - s);
  }
  row('insert one late message mid-transcript (median)', median(inserts) * 1000, 'µs');
}

// --- the element in Chromium ------------------------------------------------------------
const simulator = createGwsSimulator();
const root = resolve('.');
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (simulator.handles(path)) return simulator.handle(req, res);
  const file = resolve(root, `.${path}`);
  if (!file.startsWith(resolve(root, 'bench')) && !file.startsWith(resolve(root, 'dist'))) {
    res.writeHead(404).end();
    return;
  }
  try {
    const type = { '.html': 'text/html', '.js': 'text/javascript' }[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, 'localhost', r));
const origin = `http://localhost:${server.address().port}`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text()));
  await page.setViewport({ width: 1024, height: 800 });
  await page.goto(`${origin}/bench/page.html`);
  await page.waitForFunction(() => window.bench && customElements.get('gws-chat'));
  const id = 'BENCH0001';
  // A chat the server knows (its log can be read back), as in a real deployment.
  simulator.rest.know({ chatUri: `${origin}/api/v2/chats/${id}` });
  progress('waiting for the element to connect');
  await page.evaluate((i) => window.bench.follow(i), id);
  const chatUri = `${origin}/api/v2/chats/${id}`;
  const log = (messages) => ({ messageType: 'MessageLogUpdated', notificationType: 'NewMessages', chatUri, messages });

  progress('publishing a 10,000-message history');
  const history = Array.from({ length: 10_000 }, (_, i) => wire(i + 1));
  await page.evaluate(() => window.bench.arm('history', 10_000));
  await simulator.publish('/v2/me/chats', log(history));
  const h = await page.evaluate(() => window.bench.pending);
  row('10,000-message history: arrival → rendered', h.renderMs, 'ms');
  row('10,000-message history: arrival → painted', h.paintMs, 'ms', '≤ 100');
  row('10,000-message history: arrival → every entry in the DOM', h.completeMs, 'ms');
  row('long tasks (>50 ms) from arrival to every entry in the DOM', h.longTasks, 'tasks', '0');
  row('longest of those tasks', h.longestTaskMs, 'ms');

  progress('appending 100 messages one by one');
  const appends = [];
  for (let i = 0; i < 100; i++) {
    await page.evaluate((n) => window.bench.arm('append', n), 10_001 + i);
    await simulator.publish('/v2/me/chats', log([wire(10_001 + i)]));
    appends.push(await page.evaluate(() => window.bench.pending));
  }
  row('append to a 10,000-message log: event → rendered (median of 100)', median(appends), 'ms', '< 1');

  await benchWidget({ browser, origin, row, progress });
} finally {
  await browser.close();
  server.close();
  simulator.close();
}

// --- the table ----------------------------------------------------------------------------
const widths = [Math.max(...rows.map((r) => r.what.length)), 12, Math.max(...rows.map((r) => r.unit.length)), 8];
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(line(['measure', 'value', 'unit', 'budget']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line([r.what, Number.isInteger(r.value) ? r.value.toLocaleString('en') : fmt(r.value), r.unit, r.budget]));
process.exit(0);
