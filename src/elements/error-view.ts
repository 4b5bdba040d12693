/**
 * The notice of a server error, and the one rule for showing untrusted text of unbounded
 * length (an error message, a failure reason) in a small space.
 */
// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { html } from 'lit';

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
 * The non-blocking notice of a server error, its message shortened (the full text goes
 * in the `gws-error` event) and isolated, with a button that dismisses it.
 */
export function renderErrorNotice(message: string, dismissLabel: string, dismiss: () => void) {
  return html`<div part="error" class="error" role="alert"><p dir="auto">${shorten(message)}</p><button type="button" part="dismiss-button" @click=${dismiss}>${dismissLabel}</button></div>`;
}
