// The tables of texts: complete in every language, and the entries that take numbers or
// names choose plural forms and join lists as each language does.
import { expect } from '@open-wc/testing';
import { DEFAULT_STRINGS, type GwsChatStrings } from '../../src/i18n/languages.js';
import { clip, list, number, plural, seconds } from '../../src/i18n/format.js';
import ar from '../../src/i18n/lang/ar.js';
import de from '../../src/i18n/lang/de.js';
import es from '../../src/i18n/lang/es.js';
import fr from '../../src/i18n/lang/fr.js';
import he from '../../src/i18n/lang/he.js';
import ja from '../../src/i18n/lang/ja.js';
import pt from '../../src/i18n/lang/pt.js';

const TABLES: Record<string, GwsChatStrings> = { en: DEFAULT_STRINGS, de, fr, es, pt, ar, he, ja };
const KEYS = Object.keys(DEFAULT_STRINGS) as (keyof GwsChatStrings)[];
/** The entries that take numbers (the others take names or texts). */
const NUMERIC = new Set(['retryingIn', 'tooLong', 'andMore', 'newMessages']);

/** Every text of a table, functions called with sample arguments. */
function texts(table: GwsChatStrings): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of KEYS) {
    const value = table[key] as unknown;
    if (typeof value === 'string') out.set(key, value);
    else {
      const fn = value as (...args: unknown[]) => string;
      if (key === 'typing') {
        for (const n of [1, 2, 3, 4]) out.set(`typing(${n})`, fn(['Marat', 'Sam', 'Ana', 'Bo'].slice(0, n)));
      } else if (NUMERIC.has(key)) {
        for (const args of [[1, 1], [2, 1], [3, 2], [11, 10], [100, 99], [4097, 4096]]) out.set(`${key}(${args.join()})`, fn(...args));
      } else {
        out.set(`${key}(names)`, fn('Marat', 'Sam'));
      }
    }
  }
  return out;
}

describe('i18n: the tables', () => {
  for (const [code, table] of Object.entries(TABLES)) {
    it(`${code}: has every entry, of the right kind, and no text is empty or says "undefined"`, () => {
      expect(Object.keys(table).sort()).to.deep.equal([...KEYS].sort());
      for (const key of KEYS) expect(typeof table[key], key).to.equal(typeof DEFAULT_STRINGS[key]);
      for (const [what, text] of texts(table)) {
        expect(text.trim(), `${code} ${what}`).to.not.equal('');
        expect(text, `${code} ${what}`).to.not.match(/undefined|NaN|\[object/);
      }
    });
  }

  for (const code of ['de', 'fr', 'es', 'pt', 'ar', 'he', 'ja']) {
    it(`${code}: is a translation (only the words every language shares are left as in English)`, () => {
      const english = texts(DEFAULT_STRINGS);
      const same = [...texts(TABLES[code]!)].filter(([what, text]) => english.get(what) === text).map(([what]) => what);
      // "System", "Message", "Marat: Hello" are the same words in some languages.
      const shared = /^(system|inputLabel|announceMessage\(.*\))$/;
      expect(same.filter((what) => !shared.test(what)), code).to.deep.equal([]);
    });
  }

  for (const code of ['ar', 'he', 'ja']) {
    it(`${code}: has no Latin letters but in names, URLs and the CORS note for developers`, () => {
      for (const [what, text] of texts(TABLES[code]!)) {
        if (what.startsWith('crossOrigin')) continue;
        const rest = text.replace(/Marat|Sam|Ana|Bo/g, '');
        expect(rest, `${code} ${what}: ${text}`).to.not.match(/[A-Za-z]/);
      }
    });
  }
});

describe('i18n: plurals, lists, numbers', () => {
  it('the helpers use Intl in the given language', () => {
    expect(plural('en', 1, { one: 'is', other: 'are' })).to.equal('is');
    expect(plural('en', 2, { one: 'is', other: 'are' })).to.equal('are');
    expect(plural('fr', 0, { one: 'un', other: 'des' }), 'French counts 0 as one').to.equal('un');
    expect(plural('ar', 11, { one: 'a', many: 'b', other: 'c' })).to.equal('b');
    expect(plural('ar', 3, { one: 'a', other: 'c' }), 'a missing form falls back to other').to.equal('c');
    expect(list('en', ['A', 'B', 'C'])).to.equal('A, B, and C');
    expect(list('de', ['A', 'B', 'C'])).to.equal('A, B und C');
    expect(list('es', ['A', 'B'])).to.equal('A y B');
    expect(number('de', 4096)).to.equal('4.096');
    expect(number('en', 4096)).to.equal('4,096');
    expect(seconds('de', 1)).to.equal('1 Sekunde');
    expect(seconds('de', 3)).to.equal('3 Sekunden');
    expect(clip('short')).to.equal('short');
    expect(clip('x'.repeat(41))).to.equal(`${'x'.repeat(40)}…`);
    // Code points: an emoji is never cut in half.
    expect(clip('😀'.repeat(41))).to.equal(`${'😀'.repeat(40)}…`);
  });

  it('typing: one, two, three and more people', () => {
    const who = ['Marat', 'Sam', 'Ana', 'Bo'];
    const lines = (t: GwsChatStrings) => [1, 2, 3, 4].map((n) => t.typing(who.slice(0, n)));
    expect(lines(DEFAULT_STRINGS)).to.deep.equal([
      'Marat is typing…', 'Marat and Sam are typing…', 'Marat, Sam, and Ana are typing…', 'Several people are typing…',
    ]);
    expect(lines(de)).to.deep.equal([
      'Marat schreibt…', 'Marat und Sam schreiben…', 'Marat, Sam und Ana schreiben…', 'Mehrere Personen schreiben…',
    ]);
    expect(lines(fr)).to.deep.equal([
      'Marat écrit…', 'Marat et Sam écrivent…', 'Marat, Sam et Ana écrivent…', 'Plusieurs personnes écrivent…',
    ]);
    expect(lines(es)[1]).to.equal('Marat y Sam están escribiendo…');
    expect(lines(pt)[0]).to.equal('Marat está digitando…');
    expect(lines(ja)[2]).to.equal('Marat、Sam、Anaが入力中…');
    const arabic = lines(ar);
    expect(arabic[0]).to.equal('Marat يكتب…');
    expect(arabic[1]).to.match(/يكتبان…$/); // the dual
    expect(arabic[2]).to.match(/يكتبون…$/);
    expect(lines(he)[0]).to.equal('Marat מקליד/ה…');
    expect(lines(he)[1]).to.match(/מקלידים…$/);
  });

  it('too long: numbers as each language writes them, and the plural of "character"', () => {
    expect(DEFAULT_STRINGS.tooLong(5000, 4096)).to.equal('The message is too long: 5,000 characters, at most 4,096.');
    expect(de.tooLong(5000, 4096)).to.equal('Die Nachricht ist zu lang: 5.000 Zeichen, höchstens 4.096.');
    expect(fr.tooLong(20, 10)).to.equal('Le message est trop long\u00a0: 20 caractères, 10 au maximum.');
    expect(es.tooLong(20, 10)).to.equal('El mensaje es demasiado largo: 20 caracteres, como máximo 10.');
    expect(pt.tooLong(2, 1)).to.equal('A mensagem é longa demais: 2 caracteres, no máximo 1.');
    expect(ja.tooLong(20, 10)).to.equal('メッセージが長すぎます（20文字、上限は10文字です）。');
    // Arabic: the dual, 3–10, 11–99 and 100+ take different forms.
    const n = (x: number) => new Intl.NumberFormat('ar').format(x);
    expect(ar.tooLong(2, 1)).to.equal(`الرسالة طويلة جدًا: حرفان، والحد الأقصى ${n(1)}.`);
    expect(ar.tooLong(5, 4)).to.contain(`${n(5)} أحرف`);
    expect(ar.tooLong(20, 10)).to.contain(`${n(20)} حرفًا`);
    expect(ar.tooLong(200, 100)).to.contain(`${n(200)} حرف،`);
    expect(he.tooLong(20, 10)).to.equal('ההודעה ארוכה מדי: 20 תווים, לכל היותר 10.');
  });

  it('counts of messages', () => {
    expect([1, 2, 5].map((c) => de.newMessages(c))).to.deep.equal(['1 neue Nachricht', '2 neue Nachrichten', '5 neue Nachrichten']);
    expect([1, 2].map((c) => fr.andMore(c))).to.deep.equal(['Et 1 autre message.', 'Et 2 autres messages.']);
    expect([1, 2, 3].map((c) => he.newMessages(c))).to.deep.equal(['הודעה חדשה אחת', 'שתי הודעות חדשות', '3 הודעות חדשות']);
    expect(ar.newMessages(1)).to.equal('رسالة جديدة واحدة');
    expect(ar.newMessages(2)).to.equal('رسالتان جديدتان');
    expect(ja.newMessages(3)).to.equal('新着メッセージ3件');
  });

  it('a countdown in words, and a quoted message cut at 40 characters', () => {
    expect(de.retryingIn(1)).to.equal('Nächster Versuch in 1 Sekunde.');
    expect(es.retryingIn(5)).to.equal('Próximo intento en 5 segundos.');
    expect(ja.retryingIn(5)).to.match(/^5\s?秒後に再試行します。$/);
    const long = 'a'.repeat(60);
    expect(fr.retryLabel(long)).to.equal(`Réessayer l’envoi de «\u00a0${'a'.repeat(40)}…\u00a0»`);
    expect(ja.retryLabel('こんにちは')).to.equal('「こんにちは」の送信を再試行');
  });
});
