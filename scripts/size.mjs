// `npm run size`: the core bundles' bytes (gzip -9, Node's zlib, as the budget test and
// `npm run bench` measure), and what each is made of: for every source module, its part of
// the minified code (found through the bundle's source map) gzipped alone. The parts sum to
// more than the whole (gzip finds repeats across modules), but they rank where bytes go.
// Run `npm run build` first. `node scripts/size.mjs [bundle] [--top N]`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { composition } from './source-map.mjs';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 40;
const file = args[0] ?? 'dist/gws-chat.esm.min.js';
const gzip = (text) => gzipSync(text, { level: 9 }).length;

for (const bundle of ['dist/gws-chat.min.js', 'dist/gws-chat.esm.min.js']) {
  const code = readFileSync(bundle);
  console.log(`${bundle}: ${code.length.toLocaleString('en')} B, ${gzip(code).toLocaleString('en')} B gzip -9`);
}
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
const rows = [...composition(code, map)].map(([source, text]) => ({
  source: source.replace(/.*node_modules\//, '').replace(/^(\.\.\/)*(lib\/)?/, ''),
  raw: text.length,
  gzip: gzip(text),
})).sort((a, b) => b.gzip - a.gzip);
console.log(`\n${file}, by source (gzip -9 of each part alone; sum ${rows.reduce((s, r) => s + r.gzip, 0).toLocaleString('en')} B):`);
console.log('  gzip     min  source');
for (const row of rows.slice(0, top)) {
  console.log(`${String(row.gzip).padStart(6)} ${String(row.raw).padStart(7)}  ${row.source}`);
}
if (rows.length > top) console.log(`   ... ${rows.length - top} more (--top N)`);
