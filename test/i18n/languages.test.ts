// The language resolver and loader (src/i18n/languages.ts), without any element.
import { expect } from '@open-wc/testing';
import { DEFAULT_STRINGS } from '../../src/i18n/languages.js';
import {
  describeLanguage, loadedTable, loaders, loadTable, resolveLanguage, shippedLanguage,
} from '../../src/i18n/languages.js';

describe('i18n: a language tag', () => {
  it('names its shipped language, in canonical form, with its direction', () => {
    expect(describeLanguage('fr')).to.deep.equal({ code: 'fr', locale: 'fr', direction: 'ltr' });
    expect(describeLanguage('pt-BR')).to.deep.equal({ code: 'pt', locale: 'pt-BR', direction: 'ltr' });
    expect(describeLanguage('EN-us')).to.deep.equal({ code: 'en', locale: 'en-US', direction: 'ltr' });
    expect(describeLanguage('de_CH')).to.deep.equal({ code: 'de', locale: 'de-CH', direction: 'ltr' });
    expect(describeLanguage('ar-EG')).to.deep.equal({ code: 'ar', locale: 'ar-EG', direction: 'rtl' });
    expect(describeLanguage('he')).to.deep.equal({ code: 'he', locale: 'he', direction: 'rtl' });
    // The old code of Hebrew.
    expect(describeLanguage('iw')).to.deep.equal({ code: 'he', locale: 'he', direction: 'rtl' });
    expect(describeLanguage('ja-JP')).to.deep.equal({ code: 'ja', locale: 'ja-JP', direction: 'ltr' });
  });

  it('gives English texts for a language not shipped, keeping the tag for times and the direction', () => {
    expect(describeLanguage('it-IT')).to.deep.equal({ code: 'en', locale: 'it-IT', direction: 'ltr' });
    expect(describeLanguage('fa')).to.deep.equal({ code: 'en', locale: 'fa', direction: 'rtl' });
    expect(describeLanguage('ur-PK')).to.deep.equal({ code: 'en', locale: 'ur-PK', direction: 'rtl' });
    expect(describeLanguage('az-Arab')).to.deep.equal({ code: 'en', locale: 'az-Arab', direction: 'rtl' });
    expect(describeLanguage('zh-Hant')).to.deep.equal({ code: 'en', locale: 'zh-Hant', direction: 'ltr' });
    // Not Arabic: a language whose code starts with "ar".
    expect(describeLanguage('arn')).to.deep.equal({ code: 'en', locale: 'arn', direction: 'ltr' });
  });

  it('takes what is not a language tag as none (Intl would throw on it)', () => {
    for (const tag of ['', 'x', 'fr!', '12', 'en US', '__proto__', 'constructor', null, undefined]) {
      const language = describeLanguage(tag);
      expect(language, String(tag)).to.deep.equal({ code: 'en', locale: undefined, direction: 'ltr' });
    }
    expect(shippedLanguage('toString')).to.equal(null);
    expect(shippedLanguage('hasOwnProperty')).to.equal(null);
  });

  it('says which tags are shipped', () => {
    expect(['en', 'en-GB', 'de', 'fr-CA', 'es-419', 'pt-PT', 'ar', 'he-IL', 'ja'].map(shippedLanguage))
      .to.deep.equal(['en', 'en', 'de', 'fr', 'es', 'pt', 'ar', 'he', 'ja']);
    expect(['it', 'nl', 'zh', 'ru', '', 'xx-YY'].map(shippedLanguage)).to.deep.equal([null, null, null, null, null, null]);
  });
});

describe('i18n: the language of an element', () => {
  const html = document.documentElement;
  let saved: string | null;
  beforeEach(() => {
    saved = html.getAttribute('lang');
    html.removeAttribute('lang');
  });
  afterEach(() => {
    if (saved === null) html.removeAttribute('lang');
    else html.setAttribute('lang', saved);
    document.querySelectorAll('.lang-fixture').forEach((n) => n.remove());
  });

  function place(markup: string): HTMLElement {
    const box = document.createElement('div');
    box.className = 'lang-fixture';
    box.innerHTML = markup;
    document.body.append(box);
    return box.querySelector<HTMLElement>('#el')!;
  }

  it('is its own lang first', () => {
    html.setAttribute('lang', 'de');
    expect(resolveLanguage(place('<div lang="es"><span id="el" lang="fr"></span></div>'), ['ja'])).to.include({ code: 'fr', locale: 'fr' });
  });

  it('else the nearest ancestor\'s', () => {
    html.setAttribute('lang', 'de');
    expect(resolveLanguage(place('<div lang="es"><p lang="pt-BR"><span id="el"></span></p></div>'), ['ja'])).to.include({ code: 'pt', locale: 'pt-BR' });
  });

  it('across shadow roots: the host\'s, and what is around it', () => {
    const host = place('<div lang="he"><div id="el"></div></div>');
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    const wrapper = document.createElement('div');
    wrapper.append(inner);
    root.append(wrapper);
    expect(resolveLanguage(inner, ['ja'])).to.deep.equal({ code: 'he', locale: 'he', direction: 'rtl' });
    wrapper.setAttribute('lang', 'ja');
    expect(resolveLanguage(inner, ['de'])).to.include({ code: 'ja' });
  });

  it('else the document\'s, also for an element not in the page', () => {
    html.setAttribute('lang', 'es-MX');
    expect(resolveLanguage(place('<span id="el"></span>'), ['ja'])).to.include({ code: 'es', locale: 'es-MX' });
    expect(resolveLanguage(document.createElement('span'), ['ja'])).to.include({ code: 'es', locale: 'es-MX' });
  });

  it('an empty lang counts as none', () => {
    html.setAttribute('lang', 'de');
    expect(resolveLanguage(place('<span id="el" lang=""></span>'), ['ja'])).to.include({ code: 'de' });
  });

  it('an explicit language that is not shipped gets English texts, not the browser\'s language', () => {
    expect(resolveLanguage(place('<span id="el" lang="it"></span>'), ['fr'])).to.deep.equal({ code: 'en', locale: 'it', direction: 'ltr' });
  });

  it('else the first of the browser\'s languages that is shipped', () => {
    const el = place('<span id="el"></span>');
    expect(resolveLanguage(el, ['it-IT', 'fr-CA', 'en'])).to.deep.equal({ code: 'fr', locale: 'fr-CA', direction: 'ltr' });
    expect(resolveLanguage(el, ['nl', 'en-GB', 'de'])).to.include({ code: 'en', locale: 'en-GB' });
    // None shipped: the browser's first for times, English texts.
    expect(resolveLanguage(el, ['nl-BE', 'it'])).to.deep.equal({ code: 'en', locale: 'nl-BE', direction: 'ltr' });
    expect(resolveLanguage(el, [])).to.deep.equal({ code: 'en', locale: undefined, direction: 'ltr' });
    // By default, navigator.languages.
    expect(resolveLanguage(el)).to.deep.equal(resolveLanguage(el, navigator.languages));
  });
});

describe('i18n: loading a language', () => {
  it('has English at once, and loads another language once', async () => {
    expect(loadedTable('en')).to.equal(DEFAULT_STRINGS);
    const pending = loadTable('es');
    expect(loadTable('es'), 'one load per language').to.equal(pending);
    const es = (await pending)!;
    expect(es.send).to.equal('Enviar');
    expect(loadedTable('es')).to.equal(es);
  });

  it('fills an entry a file lacks with English (a file of another version)', async () => {
    const original = loaders.ja;
    loaders.ja = async () => {
      const { default: full } = await original();
      const { send: _dropped, ...rest } = full;
      return { default: rest as typeof full };
    };
    try {
      const ja = (await loadTable('ja'))!;
      expect(ja.send).to.equal(DEFAULT_STRINGS.send);
      expect(ja.startChat).to.equal('チャットを開始');
    } finally {
      loaders.ja = original;
    }
  });

  it('a file that cannot be loaded resolves to null, once, with one warning', async () => {
    const original = loaders.he;
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    let attempts = 0;
    // A real module that fails to load (as one whose fetch failed would), without a 404 in the log.
    const failing = 'data:text/javascript,throw new Error("offline")';
    loaders.he = () => {
      attempts++;
      return import(/* @vite-ignore */ failing);
    };
    try {
      expect(await loadTable('he')).to.equal(null);
      expect(await loadTable('he')).to.equal(null);
      expect(loadedTable('he')).to.equal(undefined);
      expect(attempts).to.equal(1);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('"he"');
    } finally {
      loaders.he = original;
      console.warn = warn;
    }
  });
});
