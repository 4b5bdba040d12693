// Checks that every import in src/ points down the data flow and that no modules import
// each other in a cycle. `node scripts/check-imports.mjs` prints each offending import and
// exits 1; run by `npm test` (pretest). Also checks that an element module loading Lit imports
// ./lit-policy.js first.
//
// The layers, lowest first: a module may import from its own layer or a lower one.
//   protocol → model → transport → session → i18n, styles → elements → the entry files
// (`events.ts` describes the session's events: it sits with the session.)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src');
const RANK = { protocol: 0, model: 1, transport: 2, session: 3, 'events.ts': 3, i18n: 4, styles: 4, elements: 5 };
const ENTRY = 6;

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
})(root);

const layerOf = (file) => {
  const first = relative(root, file).split('/')[0];
  return { name: first, rank: RANK[first] ?? ENTRY };
};

// Static imports and re-exports (`import … from`, `export … from`, `import '…'`); type-only
// imports count too: a type pointing up the flow is a dependency pointing up.
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]/gm;
const graph = new Map();
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const deps = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    deps.push(target);
    const from = layerOf(file);
    const to = layerOf(target);
    if (to.rank > from.rank) {
      problems.push(`${relative('.', file)} (${from.name}) imports ${relative('.', target)} (${to.name}): up the data flow`);
    }
  }
  graph.set(file, deps);
}

// Lit's template engine (lit-html, through 'lit' or its directives) creates its Trusted
// Types policy when it loads: an element module that loads it imports './lit-policy.js'
// first, so a refused policy is a clear error rather than a dead bundle (see lit-policy.ts).
const LOADS_LIT_HTML = /^\s*import\s+(?!type\b)[^'"]*?from\s*['"](lit|lit\/directives\/[^'"]+|lit-html[^'"]*)['"]/m;
for (const file of files) {
  if (layerOf(file).name !== 'elements' || file.endsWith('lit-policy.ts') || file.endsWith('lit-policy-guard.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const lit = text.search(LOADS_LIT_HTML);
  if (lit < 0) continue;
  const guard = text.search(/^\s*import\s*['"]\.\/lit-policy\.js['"]/m);
  if (guard < 0 || guard > lit) problems.push(`${relative('.', file)} loads Lit before importing './lit-policy.js'`);
}

// Cycles: a depth-first search; each cycle reported once, by its members.
const state = new Map();
const seen = new Set();
const stack = [];
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const dep of graph.get(file) ?? []) {
    if (!graph.has(dep)) continue;
    if (state.get(dep) === 'open') {
      const cycle = stack.slice(stack.indexOf(dep)).map((f) => relative('.', f));
      const key = [...cycle].sort().join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, cycle[0]].join(' → ')}`);
      }
    } else if (!state.has(dep)) {
      visit(dep);
    }
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file);

if (problems.length) {
  console.error(`check-imports: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} modules, every import points down the data flow, no cycles, Lit loaded under its policy guard`);
