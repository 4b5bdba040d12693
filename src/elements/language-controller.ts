import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_STRINGS, type GwsChatStrings } from '../i18n/languages.js';
import { describeLanguage, loadedTable, loadTable, resolveLanguage, type Language } from '../i18n/languages.js';

/**
 * The element's language: resolved from `lang` (its own, an ancestor's, the document's,
 * the browser's) when it is put on the page, and again whenever a `lang` attribute in the
 * document, or the element's `lang` or `dir`, changes. Its texts are English until the
 * language's file has arrived (never waited for); a file that cannot be loaded leaves English.
 */
export class LanguageController implements ReactiveController {
  #language: Language = describeLanguage('en');
  #table: GwsChatStrings = DEFAULT_STRINGS;
  #observer: MutationObserver | null = null;
  /** The texts in use and what they were made from. */
  #text: { table: GwsChatStrings; overrides: unknown; kept: [string, unknown][]; merged: GwsChatStrings } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The host's overrides of some texts (any subset; `undefined` values are left out). */
    private readonly overrides: () => Partial<GwsChatStrings> | null | undefined = () => null,
  ) {
    host.addController(this);
  }

  /** The language resolved. */
  get language(): Language {
    return this.#language;
  }

  /** Its texts, or English until they arrive. */
  get table(): GwsChatStrings {
    return this.#table;
  }

  /** The texts in use: the language's (English until they arrive) with the host's overrides. */
  get text(): GwsChatStrings {
    const table = this.#table;
    const overrides = this.overrides();
    const made = this.#text;
    if (made && made.table === table && made.overrides === overrides) return made.merged;
    // An override left undefined (a framework passing every prop) keeps the language's text.
    const kept = Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined && v !== null);
    // The same texts in a new object (a framework's inline object, made at each of its
    // renders) are the same texts: the log is not rebuilt for them.
    const same = made && made.table === table && made.kept.length === kept.length
      && kept.every(([k, v], i) => made.kept[i]![0] === k && made.kept[i]![1] === v);
    const merged = same ? made.merged : kept.length ? ({ ...table, ...Object.fromEntries(kept) } as GwsChatStrings) : table;
    this.#text = { table, overrides, kept, merged };
    return merged;
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(this.#changed);
    // A `lang` anywhere in the document (an ancestor's, <html>'s), and the element's own
    // `lang` and `dir` (also where it sits in a shadow root).
    this.#observer.observe(document, { subtree: true, attributeFilter: ['lang'] });
    this.#observer.observe(this.host, { attributeFilter: ['lang', 'dir'] });
    // The shadow roots the element sits in (a host component's): their ancestors' `lang` too.
    for (let root = this.host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
      this.#observer.observe(root, { subtree: true, attributeFilter: ['lang'] });
    }
    this.#changed();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  readonly #changed = () => {
    this.#resolve();
    this.host.requestUpdate();
  };

  #resolve(): void {
    const { code } = (this.#language = resolveLanguage(this.host));
    const table = loadedTable(code);
    this.#table = table ?? DEFAULT_STRINGS;
    if (table || code === 'en') return;
    void loadTable(code).then((loaded) => {
      if (!loaded || this.#language.code !== code) return;
      this.#table = loaded;
      this.host.requestUpdate();
    });
  }
}
