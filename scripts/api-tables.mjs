// Writes the README's API tables from custom-elements.json (itself generated from the
// JSDoc in src/ by `cem analyze`). `--check` fails instead when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
const element = declarations.find((d) => d.tagName === 'gws-chat');
if (!element) throw new Error('gws-chat is not in custom-elements.json');
const facebook = declarations.find((d) => d.tagName === 'gws-facebook-session');
if (!facebook) throw new Error('gws-facebook-session is not in custom-elements.json');
const session = declarations.find((d) => d.name === 'ChatSession' && d.kind === 'class');
if (!session) throw new Error('ChatSession is not in custom-elements.json');

/** Whether a member is public (Lit's `static properties` say `privacy: 'public'`; others say nothing). */
const isPublic = (m) => !m.static && (!m.privacy || m.privacy === 'public') && !m.name.startsWith('#');
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

const publicFields = (element.members ?? []).filter(
  (m) => m.kind === 'field' && isPublic(m),
);
const settable = publicFields.filter((m) => !m.readonly);
const readable = publicFields.filter((m) => m.readonly);
const code = (s) => (s ? `\`${s}\`` : '');

const tables = [
  '### Attributes and properties',
  table(['attribute', 'property', 'type', 'default', 'description'],
    settable.map((m) => [m.attribute ? code(m.attribute) : '—', code(m.name), code(m.type?.text ?? 'number'), code(m.default), m.description])),
  '### Read-only properties',
  table(['property', 'type', 'description'], readable.map((m) => [code(m.name), code(m.type?.text), m.description])),
  '### Methods',
  table(['method', 'description'], (element.members ?? [])
    .filter((m) => m.kind === 'method' && isPublic(m))
    .map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), m.description])),
  '### Events',
  table(['event', 'description'], (element.events ?? []).map((e) => [code(e.name), e.description])),
  '### Slots',
  table(['slot', 'description'], (element.slots ?? []).map((p) => [code(p.name), p.description])),
  '### CSS parts',
  table(['part', 'description'], (element.cssParts ?? []).map((p) => [code(p.name), p.description])),
  '### CSS custom properties',
  table(['property', 'description'], (element.cssProperties ?? []).map((p) => [code(p.name), p.description])),
];

// What <gws-facebook-session> lacks (it cannot start a session), from the manifest too.
const names = (d) => new Set([
  ...(d.members ?? []).filter(isPublic).map((m) => (m.kind === 'method' ? `${m.name}()` : m.name)),
  ...(d.events ?? []).map((e) => e.name),
  ...(d.cssParts ?? []).map((p) => `part ${p.name}`),
]);
const fbNames = names(facebook);
const missing = [...names(element)].filter((n) => !fbNames.has(n) && !n.startsWith('#'));
tables.splice(0, 0, `\`<gws-facebook-session>\` has the same API without ${missing.map(code).join(', ')}.`);

const sessionMembers = (session.members ?? []).filter(isPublic);
tables.push(
  '### `ChatSession` properties (read-only)',
  table(['property', 'type', 'description'],
    sessionMembers.filter((m) => m.kind === 'field').map((m) => [code(m.name), code(m.type?.text), m.description])),
  '### `ChatSession` methods',
  table(['method', 'description'], sessionMembers.filter((m) => m.kind === 'method')
    .map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), m.description])),
);

// <gws-chat-widget>: the one-tag widget (its attributes are its own `@attr` tags).
const widget = declarations.find((d) => d.tagName === 'gws-chat-widget');
if (!widget) throw new Error('gws-chat-widget is not in custom-elements.json');
const widgetMembers = (widget.members ?? []).filter(isPublic);
tables.push(
  '### `<gws-chat-widget>` attributes',
  table(['attribute', 'type', 'description'], (widget.attributes ?? []).map((a) => [code(a.name), code(a.type?.text), a.description])),
  '### `<gws-chat-widget>` properties and methods',
  table(['member', 'type', 'description'], widgetMembers.map((m) => [
    code(m.kind === 'method' ? `${m.name}()` : m.name), code(m.type?.text), m.description])),
  '### `<gws-chat-widget>` events',
  table(['event', 'description'], (widget.events ?? []).filter((e) => !e.name.startsWith('gws-') || !(element.events ?? []).some((c) => c.name === e.name))
    .map((e) => [code(e.name), e.description]).concat([['`gws-*`', 'Every event of the chat (table above) bubbles through the widget.']])),
  '### `<gws-chat-widget>` slots',
  table(['slot', 'description'], (widget.slots ?? []).map((p) => [code(p.name), p.description])),
  '### `<gws-chat-widget>` CSS parts',
  table(['part', 'description'], (widget.cssParts ?? []).map((p) => [code(p.name), p.description])),
  '### `<gws-chat-widget>` CSS custom properties',
  table(['property', 'description'], (widget.cssProperties ?? []).map((p) => [code(p.name), p.description]))
    .concat('\n\nThe widget also follows the chat\'s `--gws-chat-*` colours, font and radius (above).'),
);

const generated = tables.join('\n\n');

const START = '<!-- api:start (generated by `npm run docs`; do not edit) -->';
const END = '<!-- api:end -->';
const readme = readFileSync('README.md', 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error('README.md lacks the api:start / api:end markers');
const next = `${readme.slice(0, from + START.length)}\n\n${generated}\n\n${readme.slice(to)}`;

if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md API tables are out of date: run `npm run docs` and commit.');
    process.exit(1);
  }
} else if (next !== readme) {
  writeFileSync('README.md', next);
  console.log('README.md API tables updated.');
}
