// The bench's web server: the GWS simulator (its real CometD server, long-polling) and, on
// the same origin, the bench pages, the built bundles, deep-chat's bundle and the cometd
// client (for the bare subscriber). Nothing else of the disk is served.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { createGwsSimulator } from '../demo/simulator.mjs';

const root = resolve('.');
/** Folders served as they are. */
const SERVED = ['bench', 'dist', 'node_modules/deep-chat/dist', 'node_modules/cometd'].map((d) => resolve(root, d) + sep);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

/** Starts the server on a free port of localhost; answers `{ origin, simulator, close }`. */
export async function startBenchServer() {
  // Long polls held 10 s (the simulator's default): a notification answers the held one.
  const simulator = createGwsSimulator();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (simulator.handles(path)) return simulator.handle(req, res);
    const file = resolve(root, `.${path}`);
    if (!SERVED.some((dir) => file.startsWith(dir))) return void res.writeHead(404).end();
    try {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
      // The measuring pages are cross-origin isolated: performance.now() to 5 µs, not 100 µs.
      if (path.startsWith('/bench/pages/') && type === 'text/html') {
        Object.assign(headers, { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
      }
      res.writeHead(200, headers).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  // No WebSocket here (the simulator is long-polling only): refuse upgrades at once.
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise((r) => server.listen(0, 'localhost', r));
  const origin = `http://localhost:${server.address().port}`;
  return {
    origin,
    simulator,
    close() {
      server.closeAllConnections?.();
      server.close();
      simulator.close();
    },
  };
}
