// A @custom-elements-manifest/analyzer plugin (custom-elements-manifest.config.mjs uses it):
// the manifest describes the package as it ships, and every type in it is complete.
//
// - Paths: the analyzer reads src/**/*.ts; every module path and module reference
//   (declarations, exports, superclasses, `inheritedFrom`, type references) becomes the
//   `lib/**/*.js` module the package ships. A re-export the analyzer could not follow
//   (`export { GwsChat }` of an imported name) points to the module that declares it; a
//   global superclass (`EventTarget`) is `{ package: 'global:' }`.
// - Events: the elements re-dispatch their session's events, so the analyzer only knows
//   them from the `@fires` tags. Each gets its type, `CustomEvent<detail>`, from the event
//   map (`GwsEventDetails` in src/events.ts); a class with an `<Name>EventMap` interface
//   in its own file (`ChatSessionEventMap`) gets its events from that map. A `@fires` tag
//   whose event is not in the map fails the analysis.
// - Attributes: a Lit property without a type annotation gets its type from its
//   `@property({ type: Number | Boolean | String })`. An attribute left without a type
//   fails the analysis.

/** `src/a/b.ts`, `/src/a/b.js`, `./b.js` (relative to `from`) → `lib/a/b.js`. */
function libPath(path, from) {
  let p = path;
  if (p.startsWith('./') || p.startsWith('../')) {
    const dir = from.split('/').slice(0, -1);
    for (const part of p.split('/')) {
      if (part === '..') dir.pop();
      else if (part !== '.') dir.push(part);
    }
    p = dir.join('/');
  }
  p = p.replace(/^\//, '');
  const m = /^src\/(.*)\.(?:ts|js)$/.exec(p);
  return m ? `lib/${m[1]}.js` : p;
}

/** Where a module specifier imported by `from` points, as a src/ path (or the package name). */
const srcPath = (specifier, from) =>
  specifier.startsWith('.') ? libPath(specifier, from).replace(/^lib\/(.*)\.js$/, 'src/$1.ts') : specifier;

/** `text` with every whole-word occurrence of the names in `modules` as a type reference. */
function typeOf(text, modules) {
  const references = [];
  for (const [name, module] of modules) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w$.'"])${name}(?![\\w$'"])`, 'g'))) {
      references.push({ name, ...(module.startsWith('src/') ? { module } : { package: module }), start: m.index, end: m.index + name.length });
    }
  }
  references.sort((a, b) => a.start - b.start);
  return references.length ? { text, references } : { text };
}

/**
 * @param {{ eventMap?: { module: string, name: string } }} [options] Where the event names
 *   are mapped to their detail types.
 */
export function libManifestPlugin({ eventMap = { module: 'src/events.ts', name: 'GwsEventDetails' } } = {}) {
  /** `${module}#${local name}` → `{ name, module }` it was imported as, from. */
  const imports = new Map();
  /** Event name → `{ text, modules }`: the detail type, written out, and where its names come from. */
  const details = new Map();
  /** Class name → events of its `<Class>EventMap`: `{ name, typeText, description }`. */
  const classEventMaps = new Map();
  /** `${class}.${field}` → type text from `@property({ type })`. */
  const decoratedTypes = new Map();

  return {
    name: 'gws-lib-manifest',

    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node)) return;
      const path = moduleDoc.path;
      /** Names usable in a type written in this file → the module they come from. */
      const scope = new Map();
      const interfaces = new Map();
      const classes = new Set();
      for (const statement of node.statements) {
        if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
          const from = srcPath(statement.moduleSpecifier.text, path);
          const bindings = statement.importClause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings)) {
            for (const el of bindings.elements) {
              const imported = (el.propertyName ?? el.name).text;
              imports.set(`${path}#${el.name.text}`, { name: imported, module: from });
              scope.set(el.name.text, from);
            }
          }
        } else if (ts.isInterfaceDeclaration(statement)) {
          interfaces.set(statement.name.text, statement);
          scope.set(statement.name.text, path);
        } else if (ts.isTypeAliasDeclaration(statement)) {
          scope.set(statement.name.text, path);
        } else if (ts.isClassDeclaration(statement) && statement.name) {
          classes.add(statement.name.text);
          scope.set(statement.name.text, path);
          collectDecoratedTypes(ts, statement, decoratedTypes);
        }
      }

      const memberName = (m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : null);
      const jsDoc = (m) => (m.jsDoc ?? []).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join('\n').trim();

      if (path === eventMap.module) {
        const map = interfaces.get(eventMap.name);
        if (!map) throw new Error(`${eventMap.module} declares no interface ${eventMap.name}`);
        for (const member of map.members) {
          const event = memberName(member);
          const detailName = member.type?.getText(node);
          const detail = interfaces.get(detailName);
          if (!event || !detail) throw new Error(`${eventMap.name}['${event}']: ${detailName} is not an interface of ${path}`);
          if (detail.heritageClauses?.length) throw new Error(`${detailName} extends another interface: write its fields out`);
          // The detail written out, as a tool that reads the manifest alone can use it.
          const fields = detail.members.map((m) => m.getText(node).replace(/[;,]\s*$/, ''));
          const text = `{ ${fields.join('; ')} }`;
          const modules = new Map();
          const visit = (n) => {
            if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && scope.has(n.typeName.text)) {
              modules.set(n.typeName.text, scope.get(n.typeName.text));
            }
            ts.forEachChild(n, visit);
          };
          detail.members.forEach(visit);
          details.set(event, { text, modules });
        }
      }

      for (const className of classes) {
        const map = interfaces.get(`${className}EventMap`);
        if (!map) continue;
        // `interface XEventMap extends GwsEventMap`: every gws-* event, then its own.
        const inherits = (map.heritageClauses ?? []).some((h) => h.types.some((t) => t.expression.getText(node) === 'GwsEventMap'));
        classEventMaps.set(className, {
          inherits,
          own: map.members.map((m) => ({ name: memberName(m), typeText: m.type?.getText(node) ?? 'Event', description: jsDoc(m) })),
        });
      }
    },

    packageLinkPhase({ customElementsManifest: manifest }) {
      const problems = [];
      const byPath = new Map(manifest.modules.map((m) => [m.path, m]));
      const declares = (path, name) => (byPath.get(path)?.declarations ?? []).some((d) => d.name === name);

      // --- types the analyzer left out (before paths change: the lookups use src/ paths) ---
      for (const mod of manifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          for (const member of decl.members ?? []) {
            if (member.kind !== 'field' || member.type) continue;
            const owner = member.inheritedFrom?.name ?? decl.name;
            const type = decoratedTypes.get(`${owner}.${member.name}`);
            if (type) member.type = { text: type };
          }
          for (const attr of decl.attributes ?? []) {
            if (attr.type) continue;
            const field = (decl.members ?? []).find((m) => m.name === attr.fieldName);
            if (field?.type) attr.type = { ...field.type };
            else if (decl.tagName) problems.push(`<${decl.tagName}> attribute ${attr.name} has no type`);
          }

          // Events of the `@fires` tags, typed from the event map.
          const map = classEventMaps.get(decl.name);
          if (map) {
            const own = [
              ...(map.inherits ? [...details.keys()].map((name) => ({ name, typeText: `CustomEvent<${eventMap.name}['${name}']>`, description: '' })) : []),
              ...map.own,
            ];
            const described = new Map(manifest.modules.flatMap((m) => m.declarations ?? [])
              .flatMap((d) => d.events ?? []).filter((e) => e.description).map((e) => [e.name, e.description]));
            decl.events = own.map(({ name, typeText, description }) => {
              const keyed = /^CustomEvent<\w+\['([^']+)'\]>$/.exec(typeText);
              const detail = keyed ? details.get(keyed[1]) : null;
              if (keyed && !detail) problems.push(`${decl.name}: event ${name} has no detail in ${eventMap.name}`);
              const type = detail ? typeOf(`CustomEvent<${detail.text}>`, detail.modules) : { text: typeText };
              return { name, type, description: description || described.get(name) || '' };
            });
            continue;
          }
          for (const event of decl.events ?? []) {
            const detail = details.get(event.name);
            if (detail) event.type = typeOf(`CustomEvent<${detail.text}>`, detail.modules);
            else problems.push(`${decl.name} fires ${event.name}, which ${eventMap.name} does not map to a detail`);
          }
        }
      }

      // --- a re-export of an imported name points to its declaration ---
      const resolve = (name, path, seen = new Set()) => {
        if (declares(path, name) || seen.has(path)) return path;
        seen.add(path);
        const imported = imports.get(`${path}#${name}`);
        if (imported) return resolve(imported.name, imported.module, seen);
        return path;
      };
      for (const mod of manifest.modules) {
        for (const exp of mod.exports ?? []) {
          const d = exp.declaration;
          if (!d?.module || d.name === '*') continue;
          const target = d.module.startsWith('.') ? srcPath(d.module, mod.path) : d.module.replace(/^\//, '').replace(/\.js$/, '.ts');
          if (target === mod.path && !declares(mod.path, d.name)) d.module = resolve(d.name, mod.path);
        }
        for (const decl of mod.declarations ?? []) {
          const sup = decl.superclass;
          if (sup?.module && sup.module.replace(/^\//, '') === mod.path && !declares(mod.path, sup.name)) {
            const imported = imports.get(`${mod.path}#${sup.name}`);
            if (imported) sup.module = imported.module;
            else if (sup.name in globalThis) {
              delete sup.module;
              sup.package = 'global:';
            } else problems.push(`${decl.name}: superclass ${sup.name} not found`);
          }
        }
      }

      // --- every path and module reference names the shipped lib/ module ---
      const rewrite = (value, from) => {
        if (Array.isArray(value)) return value.forEach((v) => rewrite(v, from));
        if (!value || typeof value !== 'object') return;
        for (const [key, v] of Object.entries(value)) {
          if (key === 'module' && typeof v === 'string') value.module = libPath(v, from);
          else rewrite(v, from);
        }
      };
      for (const mod of manifest.modules) {
        rewrite(mod.declarations, mod.path);
        rewrite(mod.exports, mod.path);
      }
      for (const mod of manifest.modules) mod.path = libPath(mod.path, '');

      const left = JSON.stringify(manifest).match(/"(?:module|path)":"(?:\/?src\/[^"]*|[^"]*\.ts)"/g);
      if (left) problems.push(`source paths left in the manifest: ${[...new Set(left)].join(', ')}`);
      if (problems.length) throw new Error(`custom-elements.json:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** Records `@property({ type: Number })` types of fields declared without a type annotation. */
function collectDecoratedTypes(ts, classNode, into) {
  const types = { Number: 'number', Boolean: 'boolean', String: 'string' };
  for (const member of classNode.members) {
    if (!ts.isPropertyDeclaration(member) || member.type || !ts.isIdentifier(member.name)) continue;
    for (const decorator of ts.getDecorators?.(member) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'property') continue;
      const [options] = call.arguments;
      if (!options || !ts.isObjectLiteralExpression(options)) continue;
      for (const prop of options.properties) {
        if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && prop.name.text === 'type'
          && ts.isIdentifier(prop.initializer) && types[prop.initializer.text]) {
          into.set(`${classNode.name.text}.${member.name.text}`, types[prop.initializer.text]);
        }
      }
    }
  }
}
