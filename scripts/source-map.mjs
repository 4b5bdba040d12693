// Reading the bundles' source maps (base64 VLQ), for `npm run size` and `npm run bench:profile`.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The numbers of one source-map segment (base64 VLQ). */
export function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The minified text of each source, by the map's segments (from one segment to the next). */
export function composition(code, map) {
  const parts = new Map();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((line, index) => {
    const text = lines[index] ?? '';
    let column = 0;
    const segments = line ? line.split(',').map(decodeSegment) : [];
    segments.forEach((values, i) => {
      column += values[0];
      if (values.length > 1) source += values[1];
      const end = i + 1 < segments.length ? column + segments[i + 1][0] : text.length;
      const name = values.length > 1 ? map.sources[source] : '(unmapped)';
      parts.set(name, (parts.get(name) ?? '') + text.slice(column, end));
    });
  });
  return parts;
}

/**
 * A function that answers the source module of a place in the minified code
 * (`line`, `column`: 0-based), from the map's segments.
 */
export function sourceAt(map) {
  const lines = map.mappings.split(';').map(() => []);
  let source = 0;
  map.mappings.split(';').forEach((line, index) => {
    let column = 0;
    for (const values of line ? line.split(',').map(decodeSegment) : []) {
      column += values[0];
      if (values.length > 1) source += values[1];
      lines[index].push([column, values.length > 1 ? map.sources[source] : null]);
    }
  });
  return (line, column) => {
    const segments = lines[line] ?? [];
    let found = null;
    for (const [at, name] of segments) {
      if (at > column) break;
      found = name;
    }
    return (found ?? '(unmapped)').replace(/.*node_modules\//, '').replace(/^(\.\.\/)*(lib\/)?/, '');
  };
}
