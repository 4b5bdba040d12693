/**
 * Which language an element speaks, and its texts. English is built in; every other
 * language is a module of its own (`./lang/<code>.js`), loaded the first time an element
 * needs it: bundlers split them off, and the script bundles fetch them from beside themselves.
 */
import en from './lang/en.js';
import type { GwsChatStrings } from './strings.js';

export type { GwsChatStrings } from './strings.js';

/** The built-in English texts (the other languages are loaded on demand). */
export const DEFAULT_STRINGS: Readonly<GwsChatStrings> = Object.freeze({ ...en });

/**
 * Loads each language but English. Static `import()`s: bundlers see every file; the
 * script bundles keep them as `./lang/<code>.js`. @internal (tests replace one to make it fail).
 */
export const loaders = {
  de: () => import('./lang/de.js'),
  fr: () => import('./lang/fr.js'),
  es: () => import('./lang/es.js'),
  pt: () => import('./lang/pt.js'),
  ar: () => import('./lang/ar.js'),
  he: () => import('./lang/he.js'),
  ja: () => import('./lang/ja.js'),
} satisfies Record<string, () => Promise<{ default: GwsChatStrings }>>;

/** A language shipped (its ISO 639-1 code): English, German, French, Spanish, Portuguese, Arabic, Hebrew, Japanese. */
export type LanguageCode = 'en' | keyof typeof loaders;

/** The language an element speaks. */
export interface Language {
  /** The table of texts to show: the shipped language of `locale`, else `en`. */
  readonly code: LanguageCode;
  /** The language tag found (canonical, e.g. `pt-BR`), for `Intl` (times); `undefined`: the browser's. */
  readonly locale: string | undefined;
  /** The writing direction of `locale`. */
  readonly direction: 'ltr' | 'rtl';
}

/** Languages, and scripts, written from right to left. */
const RTL = /^(ar|he|fa|ur|ps|sd|ug|yi|dv|ckb)\b|-(arab|hebr)\b/i;

/**
 * `tag` in canonical form (`EN-us` → `en-US`, `iw` → `he`), or `undefined` when it is
 * not a language tag (which would make `Intl` throw).
 */
function canonical(tag: string | null | undefined): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag!.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** The shipped language of a canonical tag (`pt-BR` → `pt`), or `undefined`. */
function codeOf(locale: string | undefined): LanguageCode | undefined {
  const code = locale?.split('-')[0] ?? '';
  return code === 'en' || Object.hasOwn(loaders, code) ? (code as LanguageCode) : undefined;
}

/** The shipped language of a language tag (`pt-BR` → `pt`, `iw` → `he`), or `null`. */
export const shippedLanguage = (tag: string | null | undefined): LanguageCode | null => codeOf(canonical(tag)) ?? null;

/** What an element speaks when its language tag is `tag`: unknown and invalid tags get English texts. */
export function describeLanguage(tag: string | null | undefined): Language {
  const locale = canonical(tag);
  return { code: codeOf(locale) ?? 'en', locale, direction: locale && RTL.test(locale) ? 'rtl' : 'ltr' };
}

/**
 * The language `el` is in: its own `lang`, else the nearest ancestor's (across shadow
 * roots), else the document's; without any, the first of the browser's languages that is
 * shipped (else the browser's first, with English texts).
 */
export function resolveLanguage(
  el: Element | null,
  browser: readonly string[] = globalThis.navigator?.languages ?? [],
): Language {
  let lang: string | null | undefined;
  for (let node: Node | null | undefined = el; node && !lang; node = node.parentNode ?? (node as ShadowRoot).host) {
    lang = (node as Element).getAttribute?.('lang');
  }
  return describeLanguage(lang || globalThis.document?.documentElement.getAttribute('lang')
    || (browser.find((tag) => shippedLanguage(tag)) ?? browser[0]));
}

/** The tables that arrived, and the ones under way (`null`: the file could not be loaded). */
const tables = new Map<LanguageCode, GwsChatStrings>([['en', DEFAULT_STRINGS]]);
const loading = new Map<LanguageCode, Promise<GwsChatStrings | null>>();

/** The texts of `code` if they have arrived, else `undefined`. */
export const loadedTable = (code: LanguageCode): GwsChatStrings | undefined => tables.get(code);

/**
 * Loads the texts of `code` (once per page). Resolves with them, or with `null` when the
 * file could not be loaded: that is logged once, and the elements stay in English.
 */
export function loadTable(code: Exclude<LanguageCode, 'en'>): Promise<GwsChatStrings | null> {
  let pending = loading.get(code);
  if (!pending) {
    pending = loaders[code]().then(
      (module) => {
        // A file of another version may lack an entry: English fills the gap.
        const table = { ...DEFAULT_STRINGS, ...module.default };
        tables.set(code, table);
        return table;
      },
      (error: unknown) => {
        console.warn(`[gws-chat] No "${code}" texts; showing English.`, error);
        return null;
      },
    );
    loading.set(code, pending);
  }
  return pending;
}
