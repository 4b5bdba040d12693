/**
 * A seeded, deterministic generator of hostile GWS notifications, mutated from the spec
 * examples. Used by test/protocol/fuzz.test.ts (in memory) and
 * test/integration/hostile-input.test.ts (through the real CometD server). No dependencies.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a tiny, fast, seeded PRNG (public domain). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
type Container = Json | unknown[];

export const HUGE_STRING_LENGTH = 100_001;
export const HUGE_ARRAY_LENGTH = 10_001;
export const DEEP_LEVELS = 1_200;

/** Strings longer than 100k characters (shared, so memory stays flat). */
export const HUGE_STRINGS: readonly string[] = [
  'x'.repeat(HUGE_STRING_LENGTH),
  '<b>x</b> '.repeat(Math.ceil(HUGE_STRING_LENGTH / 9)),
  // Path-like: a slow (backtracking) "trailing slashes" regex takes seconds on these.
  `${'/'.repeat(HUGE_STRING_LENGTH)}x`,
  `http://localhost:8080/api/v2/chats/${'a/'.repeat(HUGE_STRING_LENGTH / 2)}`,
  '\u202e\u200b'.repeat(HUGE_STRING_LENGTH / 2 + 1),
];

/** Long strings that still pass the length limits, so they reach the model and the view. */
export const LONG_STRINGS: readonly string[] = [
  'w'.repeat(5_000),
  // A URL followed by a long run of punctuation: a backtracking "trailing punctuation" regex is quadratic here.
  `see http://a.example${'.'.repeat(60_000)}x`,
  `https://example.com/${')'.repeat(30_000)}!`,
  `${' '.repeat(60_000)}x`,
  '2014-01-09 11:58:12.035' + ' '.repeat(60_000) + 'x',
];

/** Prototype-polluting JSON, as JSON.parse builds it (own `__proto__` keys). */
export const PROTO_JSON: readonly string[] = [
  '{"__proto__": {"polluted": "yes", "index": 1, "type": "Text", "visibility": "All", "text": "pp"}}',
  '{"constructor": {"prototype": {"polluted": "yes"}}}',
  '{"prototype": {"polluted": "yes"}}',
  '{"__proto__": {"__proto__": {"polluted": "yes"}}}',
  '[{"__proto__": {"polluted": "yes"}}, {"constructor": {"prototype": {"polluted": "yes"}}}]',
];

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const SPECIAL_NUMBERS: readonly number[] = [
  NaN, Infinity, -Infinity, -1, 1e308, -1e308, -0, 0, 0.5, -0.5, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE, Number.MIN_VALUE, 8.64e15, 8.64e15 + 1, 4294967296, 1389261492035,
];

const SHORT_STRINGS: readonly string[] = [
  '', ' ', 'All', 'all', 'ALL', 'Agents', 'agents', 'Text', 'text', 'Notice', 'PushUrl', 'Customer', 'Agent',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', '0', '-1',
  '<img src=x onerror="window.__gwsFuzzPwned=1">', '<script>window.__gwsFuzzPwned=1</script>',
  'javascript:window.__gwsFuzzPwned=1', 'https://example.com/ok', '\u202eevil', '\u0000', '\ud800', '😀',
  '2014-01-09 11:58:12.035+0200', '2014-01-02T14:23:18.000-0800', '2014-02-31T00:00:00Z', '9999-12-31 23:59:60.999+1400',
  '0000-01-01T00:00:00.000-1400',
];

const TYPES: readonly string[] = [
  'Text', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'TypingStopped', 'Notice', 'CustomNotice',
  'NicknameUpdated', 'PushUrl', 'text', 'TEXT', 'pushurl', 'typingstarted', 'Unknown', 'FileShared', 'Text ',
  '__proto__', 'constructor', 'toString', '',
];

const MESSAGE_TYPES: readonly string[] = [
  'MessageLogUpdated', 'messagelogupdated', 'MESSAGELOGUPDATED', 'ChatStateChangeMessage', 'chatstatechangemessage',
  'FacebooksessionStateChangeMessage', 'FacebookSessionStateChangeMessage', 'MessageLogUpdated ', 'Unknown',
  'EmailStateChangeMessage', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
];

const VISIBILITIES: readonly unknown[] = [
  'All', 'All', 'All', 'All', 'Agents', 'agents', 'AGENTS', 'all', 'ALL', 'All ', '', 'Supervisor', null, undefined, 1,
];

const PARTICIPANTS: readonly unknown[] = [
  { nickname: 'TestName', type: 'Agent', participantId: '007352CE72D50290' },
  { nickname: 'PersonP', type: 'Customer', participantId: '009052C5E6D6004A' },
  { nickname: 'Marat', type: 'Agent', participantId: '009052C5E743004C' },
  { nickname: 'Zed', type: 'Supervisor', participantId: '00AB' },
  { nickname: 'Bot', type: 'External' },
  { participantId: '00CD', type: 'Client' },
  { nickname: '\u202eevil', type: 'agent', participantId: '00EF' },
  { nickname: '', participantId: '' },
  {},
  null,
  undefined,
  'Marat',
  42,
  [],
];

/** Options of a generator. */
export interface FuzzOptions {
  readonly seed: number;
  /** CometD messages (`{data: ...}`) to mutate; cloned, never modified. */
  readonly bases: readonly unknown[];
  /** Ids that "wrong interaction id" mutations put in place of the right one. */
  readonly otherIds?: readonly string[];
  /** Whether the envelope itself may be replaced (by a non-object, an array, ...). Default true. */
  readonly envelope?: boolean;
  /** Whether values JSON cannot carry (undefined, inherited fields) may appear. Default true. */
  readonly nonJson?: boolean;
  /** Weight of the heavy mutations (huge strings and arrays, deep nesting); default 1. */
  readonly heavy?: number;
}

/** Defines an own, enumerable data property, even for `__proto__`. */
export function defineOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** `{data}` JSON clone. */
export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A value nested `levels` deep, built iteratively (no recursion). */
export function deepNest(levels: number, kind: 'object' | 'array' | 'mixed', leaf: unknown = 'bottom'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < levels; i++) {
    if (kind === 'array' || (kind === 'mixed' && i % 2 === 1)) v = [v];
    else v = { nested: v };
  }
  return v;
}

/**
 * The generator. `next()` returns one notification (usually `{data: {...}}`, sometimes
 * anything at all). The same seed and bases give the same sequence.
 */
export class NotificationFuzzer {
  readonly rng: Rng;
  readonly #bases: readonly unknown[];
  readonly #options: FuzzOptions;
  /** Recently generated messages, replayed verbatim now and then. */
  #pool: unknown[] = [];
  /** How many of each mutation were applied (for the report). */
  readonly counts = new Map<string, number>();
  /** How many mutations the last `next()` applied (0: an untouched example). */
  lastMutationCount = 0;

  constructor(options: FuzzOptions) {
    this.#options = options;
    this.rng = mulberry32(options.seed);
    this.#bases = options.bases.map((b) => clone(b));
  }

  int(n: number): number {
    return Math.floor(this.rng() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  chance(p: number): boolean {
    return this.rng() < p;
  }

  /** One mutated notification. */
  next(): unknown {
    const holder: Json = { root: clone(this.pick(this.#bases)) };
    const roll = this.rng();
    const mutations = roll < 0.08 ? 0 : roll < 0.5 ? 1 : 2 + this.int(3);
    this.lastMutationCount = mutations;
    for (let i = 0; i < mutations; i++) this.#mutate(holder);
    return holder['root'];
  }

  /** A random, often valid, log message. */
  message(): Json {
    if (this.#pool.length > 0 && this.chance(0.15)) return clone(this.pick(this.#pool)) as Json;
    const m: Json = {
      index: this.chance(0.9) ? this.int(80) : this.pick(SPECIAL_NUMBERS),
      type: this.pick(TYPES),
    };
    const from = this.pick(PARTICIPANTS);
    if (from !== undefined) m['from'] = clone(from);
    const textKey = this.chance(0.8) ? 'text' : 'noticeText';
    if (this.chance(0.9)) m[textKey] = this.chance(0.7) ? `fuzz ${this.int(1e6)}` : this.pick(SHORT_STRINGS);
    if (this.chance(0.1)) m['url'] = this.pick(['https://example.com/x', 'javascript:alert(1)', '//evil.example', '/relative', '']);
    const visibility = this.pick(VISIBILITIES);
    if (visibility !== undefined) m['visibility'] = visibility;
    if (this.chance(0.7)) m['timestampSeconds'] = this.chance(0.8) ? 1389261492035 + this.int(1e6) : this.pick(SPECIAL_NUMBERS);
    if (this.chance(0.5)) m['timestamp'] = this.pick(SHORT_STRINGS.slice(-5));
    if (this.#pool.length < 64) this.#pool.push(clone(m));
    else this.#pool[this.int(64)] = clone(m);
    return m;
  }

  /** A random value of any shape. */
  value(depth = 0): unknown {
    const heavy = this.#options.heavy ?? 1;
    const kinds = 16;
    const k = this.int(kinds);
    switch (k) {
      case 0: return null;
      case 1: return this.chance(0.5);
      case 2: case 3: return this.pick(SPECIAL_NUMBERS);
      case 4: case 5: return this.pick(SHORT_STRINGS);
      case 6:
        if (!this.chance(heavy)) return this.pick(SHORT_STRINGS);
        return this.chance(0.3) ? this.pick(HUGE_STRINGS) : this.pick(LONG_STRINGS);
      case 7: return [];
      case 8: return {};
      case 9: return depth > 2 ? 'leaf' : [this.value(depth + 1), this.value(depth + 1)];
      case 10: return depth > 2 ? 'leaf' : { key: this.value(depth + 1), other: this.value(depth + 1) };
      case 11: return this.chance(0.3 * heavy) ? deepNest(DEEP_LEVELS + this.int(400), this.pick(['object', 'array', 'mixed'] as const)) : { a: { b: 1 } };
      case 12: return JSON.parse(this.pick(PROTO_JSON));
      case 13: return this.message();
      case 14: return this.chance(0.1 * heavy) ? this.#hugeArray() : [this.message()];
      default:
        if (this.#options.nonJson === false) {
          const p = this.pick(PARTICIPANTS);
          return p === undefined ? null : clone(p);
        }
        return this.chance(0.5) ? undefined : Object.create({ index: 1, type: 'Text', visibility: 'All', text: 'inherited' });
    }
  }

  #hugeArray(): unknown[] {
    const n = HUGE_ARRAY_LENGTH + this.int(100);
    // Copies of a message make megabytes of JSON: only when heavy traffic is welcome (not on the wire).
    const kind = (this.#options.heavy ?? 1) >= 1 ? this.int(4) : 1 + this.int(3);
    if (kind === 0) {
      const m = this.message();
      return Array.from({ length: n }, () => m);
    }
    if (kind === 1) return Array.from({ length: n }, (_, i) => i % 10);
    if (kind === 2) return Array.from({ length: n }, () => 'Text');
    return new Array(n).fill(null);
  }

  /** Every (container, key) slot of the tree, bounded in depth, breadth and count. */
  #slots(holder: Json): [Container, string | number][] {
    const out: [Container, string | number][] = [];
    const top = this.#options.envelope === false && isContainer(holder['root']) ? holder['root'] : holder;
    const stack: [Container, number][] = [[top, 0]];
    while (stack.length > 0 && out.length < 400) {
      const [node, depth] = stack.pop()!;
      let keys: (string | number)[];
      if (Array.isArray(node)) {
        // Array.from, not map: an array may carry an own `constructor` key, which map() would use.
        keys = node.length <= 40 ? Array.from({ length: node.length }, (_, i) => i) : [0, 1, node.length - 1, this.int(node.length)];
      } else {
        keys = Object.keys(node);
      }
      for (const key of keys) {
        out.push([node, key]);
        const v = (node as Record<string | number, unknown>)[key];
        if (isContainer(v) && depth < 8) stack.push([v, depth + 1]);
      }
    }
    return out;
  }

  #count(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  #mutate(holder: Json): void {
    const slots = this.#slots(holder);
    if (slots.length === 0) {
      holder['root'] = { data: { messageType: this.pick(MESSAGE_TYPES) } };
      return;
    }
    const [node, key] = this.pick(slots);
    const get = () => (node as Record<string | number, unknown>)[key];
    const set = (v: unknown) => {
      if (Array.isArray(node) && typeof key === 'number') node[key] = v;
      else defineOwn(node, String(key), v);
    };
    const heavy = this.#options.heavy ?? 1;
    const weights: [string, number][] = [
      ['delete', 6], ['null', 4], ['wrongType', 8], ['number', 5], ['hugeString', 2 * heavy], ['longString', 2 * Math.max(heavy, 0.25)],
      ['hugeArray', 1 * heavy], ['wrap', 3], ['unwrap', 3], ['deep', 1.5 * heavy], ['proto', 5], ['extra', 5],
      ['type', 4], ['messageType', 3], ['id', 6], ['messages', 8], ['visibility', 4], ['index', 3],
      ['inherit', this.#options.nonJson === false ? 0 : 2], ['swapMedium', 2],
    ];
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = this.rng() * total;
    let kind = weights[0]![0];
    for (const [name, w] of weights) {
      if ((r -= w) < 0) {
        kind = name;
        break;
      }
    }
    this.#count(kind);
    const data = isContainer(holder['root']) && !Array.isArray(holder['root']) ? (holder['root'] as Json)['data'] : undefined;
    const dataObj = isContainer(data) && !Array.isArray(data) ? (data as Json) : null;
    switch (kind) {
      case 'delete':
        if (Array.isArray(node) && typeof key === 'number') {
          for (let i = key; i < node.length - 1; i++) node[i] = node[i + 1];
          node.length = Math.max(0, node.length - 1);
        } else {
          delete (node as Json)[key];
        }
        return;
      case 'null':
        return set(null);
      case 'wrongType':
        return set(this.value());
      case 'number':
        return set(this.pick(SPECIAL_NUMBERS));
      case 'hugeString':
        return set(this.pick(HUGE_STRINGS));
      case 'longString':
        return set(this.pick(LONG_STRINGS));
      case 'hugeArray':
        return set(this.#hugeArray());
      case 'wrap':
        return set([get()]);
      case 'unwrap': {
        const v = get();
        if (Array.isArray(v)) return set(this.chance(0.5) ? { ...v } : v[0]);
        if (isContainer(v)) return set(Object.values(v));
        return set({ value: v });
      }
      case 'deep':
        return set(deepNest(DEEP_LEVELS + this.int(800), this.pick(['object', 'array', 'mixed'] as const), get()));
      case 'proto': {
        // At the chosen level: an own __proto__/constructor/prototype key, or a polluting value.
        const target = isContainer(get()) ? (get() as Container) : node;
        const pollutionKey = this.pick(POLLUTION_KEYS);
        const value = this.chance(0.4) ? JSON.parse(this.pick(PROTO_JSON)) : this.pick([{ polluted: 'yes' }, 'yes', null, 0, true, []]);
        if (this.chance(0.8)) defineOwn(target, pollutionKey, value);
        else set(JSON.parse(this.pick(PROTO_JSON)));
        return;
      }
      case 'extra': {
        const name = this.pick([
          'extra', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'length', 'toJSON', 'constructor', 'prototype', '__proto__',
          `k${this.int(100)}`,
        ]);
        const target = isContainer(get()) && !Array.isArray(get()) ? (get() as Json) : Array.isArray(node) ? null : node;
        if (target) defineOwn(target, name, this.value());
        else set(this.value());
        return;
      }
      case 'type': {
        const list = dataObj?.['messages'];
        if (Array.isArray(list) && list.length > 0 && list.length < 100) {
          const m = list[this.int(list.length)];
          if (isContainer(m) && !Array.isArray(m)) defineOwn(m, 'type', this.pick(TYPES));
          return;
        }
        return set(this.pick(TYPES));
      }
      case 'messageType':
        if (dataObj) defineOwn(dataObj, 'messageType', this.chance(0.85) ? this.pick(MESSAGE_TYPES) : this.value());
        return;
      case 'id':
        return this.#wrongId(dataObj);
      case 'messages': {
        if (!dataObj) return set([this.message()]);
        const n = this.int(12);
        const list = Array.from({ length: n }, () => (this.chance(0.9) ? this.message() : this.value()));
        defineOwn(dataObj, 'messages', list);
        if (this.chance(0.6)) defineOwn(dataObj, 'messageType', 'MessageLogUpdated');
        return;
      }
      case 'visibility': {
        const list = dataObj?.['messages'];
        if (Array.isArray(list) && list.length > 0 && list.length < 100) {
          const m = list[this.int(list.length)];
          if (isContainer(m) && !Array.isArray(m)) {
            const v = this.pick(VISIBILITIES);
            if (v === undefined) delete (m as Json)['visibility'];
            else defineOwn(m, 'visibility', v);
          }
          return;
        }
        return set(this.pick(VISIBILITIES) ?? null);
      }
      case 'index': {
        const list = dataObj?.['messages'];
        if (Array.isArray(list) && list.length > 0 && list.length < 100) {
          const m = list[this.int(list.length)];
          if (isContainer(m) && !Array.isArray(m)) defineOwn(m, 'index', this.chance(0.5) ? this.pick(SPECIAL_NUMBERS) : this.value());
          return;
        }
        return set(this.pick(SPECIAL_NUMBERS));
      }
      case 'inherit': {
        const v = get();
        if (isContainer(v) && !Array.isArray(v)) return set(Object.create(v));
        return set(Object.create({ index: 2, type: 'Text', visibility: 'All', text: 'inherited', from: clone(PARTICIPANTS[0]) }));
      }
      case 'swapMedium': {
        if (!dataObj) return;
        const pairs: [string, string][] = [['chat', 'facebooksession'], ['chatUri', 'facebooksessionUri'], ['chatPath', 'facebooksessionPath']];
        for (const [a, b] of pairs) {
          const hasA = Object.prototype.hasOwnProperty.call(dataObj, a);
          const hasB = Object.prototype.hasOwnProperty.call(dataObj, b);
          const va = dataObj[a];
          const vb = dataObj[b];
          delete dataObj[a];
          delete dataObj[b];
          if (hasA) defineOwn(dataObj, b, va);
          if (hasB) defineOwn(dataObj, a, vb);
        }
        return;
      }
    }
  }

  /** Puts a wrong (or subtly different) interaction id in one of the id-bearing fields. */
  #wrongId(data: Json | null): void {
    if (!data) return;
    const fields: [Json, string][] = [];
    for (const k of ['chatUri', 'chatPath', 'facebooksessionUri', 'facebooksessionPath']) fields.push([data, k]);
    for (const r of ['chat', 'facebooksession']) {
      const res = data[r];
      if (isContainer(res) && !Array.isArray(res)) for (const k of ['id', 'uri']) fields.push([res as Json, k]);
    }
    const [obj, key] = this.pick(fields);
    const current = typeof obj[key] === 'string' ? (obj[key] as string) : 'http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J';
    const others = this.#options.otherIds ?? ['0000OTHER00001'];
    const other = this.pick(others);
    const slash = current.lastIndexOf('/');
    const head = slash >= 0 ? current.slice(0, slash + 1) : '';
    const heavy = this.#options.heavy ?? 1;
    const variants = [
      `${head}${other}`,
      other,
      `${current}X`,
      `X${current}`,
      `${current}/`,
      `${current}/messages`,
      `${current}?id=${other}`,
      `${current}#${other}`,
      `${head}${other}?x=${current}`,
      current.toLowerCase(),
      '',
      '/',
      // Still naming the same interaction, after 100k slashes (a backtracking "trailing slashes" regex is quadratic here).
      this.chance(heavy) ? `${current}${'/'.repeat(HUGE_STRING_LENGTH)}${current.slice(slash + 1) || 'x'}` : `${current}//`,
      `${head}..`,
      encodeURIComponent(current),
    ];
    defineOwn(obj, key, this.chance(0.9) ? this.pick(variants) : this.value());
  }
}

/**
 * A copy of a spec example following `id` instead (its URIs on `origin`): both the state
 * resource and the log's URI.
 */
export function retarget(example: { data: Json }, id: string, origin: string): { data: Json } {
  const copy = clone(example);
  const data = copy.data;
  for (const [uriKey, path] of [['chatUri', 'chats'], ['facebooksessionUri', 'facebooksessions']] as const) {
    if (typeof data[uriKey] === 'string') data[uriKey] = `${origin}/api/v2/${path}/${id}`;
  }
  for (const [key, path] of [['chat', 'chats'], ['facebooksession', 'facebooksessions']] as const) {
    const res = data[key];
    if (isContainer(res) && !Array.isArray(res)) {
      (res as Json)['id'] = id;
      (res as Json)['uri'] = `${origin}/api/v2/${path}/${id}`;
    }
  }
  return copy;
}

/** A stable description of any value, for comparing generated sequences (handles NaN, -0, undefined, cycles-free). */
export function fingerprint(value: unknown): string {
  let hash = 2166136261;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) hash = Math.imul(hash ^ s.charCodeAt(i), 16777619);
  };
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') feed(Object.is(v, -0) ? 'n-0' : `n${v}`);
    else if (typeof v === 'string') feed(`s${v.length}:${v.length > 64 ? v.slice(0, 32) + v.slice(-32) : v}`);
    else if (v === undefined) feed('u');
    else if (v === null) feed('z');
    else if (typeof v === 'boolean') feed(v ? 't' : 'f');
    else if (Array.isArray(v)) {
      feed(`a${v.length}`);
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (typeof v === 'object') {
      const keys = Object.keys(v);
      feed(`o${keys.join(',')}|${Object.getPrototypeOf(v) === Object.prototype ? '' : 'p'}`);
      for (let i = keys.length - 1; i >= 0; i--) stack.push((v as Json)[keys[i]!]);
    }
  }
  return (hash >>> 0).toString(16);
}
