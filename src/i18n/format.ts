/**
 * The few helpers the language tables build their sentences with: plurals, lists,
 * numbers and durations through `Intl`, in the table's own language. Every language
 * module imports them (the script bundle's language files each carry a copy: they are
 * small).
 */

/** The forms of a word by plural category (`other` is required: every language has it). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

/** The form of `forms` that `n` takes in `locale` (`Intl.PluralRules`). */
export const plural = (locale: string, n: number, forms: PluralForms): string =>
  forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;

/** "A, B and C" in `locale` (`Intl.ListFormat`). */
export const list = (locale: string, items: readonly string[]): string =>
  new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);

/** A number as `locale` writes it ("4,096", "4 096", "4.096"). */
export const number = (locale: string, n: number): string => new Intl.NumberFormat(locale).format(n);

/** A number of seconds in words ("3 Sekunden", "3 ثوانٍ", "3 秒"), by `Intl.NumberFormat`'s units. */
export const seconds = (locale: string, n: number): string =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(n);

/** The start of a quoted message: at most `max` code points, then "…". */
export const clip = (text: string, max = 40): string => {
  const points = [...text];
  return points.length > max ? `${points.slice(0, max).join('')}…` : text;
};
