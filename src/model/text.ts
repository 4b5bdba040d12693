/**
 * The rules for untrusted text that every part follows: counting it (in code points, as
 * the customer sees characters), showing it in a small space, and placing it inside a
 * sentence. Pure; no DOM.
 */

/** Code points of `text` (a surrogate pair, an emoji's half, counts once). */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Code points of an untrusted message shown at most, by default. */
export const SHOWN_LENGTH = 300;

/** White space that is collapsed; the no-break spaces of typography (French « : ») are kept. */
const SPACE = /[^\S\u00a0\u2007\u202f]/u;

/**
 * `text` for display in at most `max` code points: whitespace runs collapsed to one space
 * and trimmed; when longer, cut at a code point (a surrogate pair is never split) and
 * ended with '…'. Reads only as much of `text` as it shows.
 */
export function shorten(text: string, max = SHOWN_LENGTH): string {
  const limit = Math.max(1, Math.floor(max));
  const kept: string[] = [];
  let space = false;
  for (const ch of text) {
    if (SPACE.test(ch)) {
      space = kept.length > 0;
      continue;
    }
    if (kept.length + (space ? 2 : 1) > limit) {
      return `${kept.slice(0, limit - 1).join('').trimEnd()}…`;
    }
    if (space) kept.push(' ');
    kept.push(ch);
    space = false;
  }
  return kept.join('');
}

/**
 * Wraps untrusted text placed inside a sentence in a bidi isolate (FSI … PDI), so
 * right-to-left text or stray direction overrides in a nickname cannot reorder the
 * sentence around it. A PDI in the text closes the isolate early: where the sentence is
 * markup, the view also puts the text in an isolating element.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
