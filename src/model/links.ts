/**
 * Finds links in untrusted text. Only absolute `http:` and `https:` URLs ever become
 * links; everything else stays text.
 */

/** A run of text, with `href` set when the run is a safe link. */
export interface TextRun {
  readonly text: string;
  readonly href?: string;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = new Set('.,;:!?\'")]}>');

/** The candidate without trailing punctuation (a loop: a `+$` regex is quadratic here). */
function trimTrailing(candidate: string): string {
  let end = candidate.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(candidate[end - 1]!)) end--;
  return candidate.slice(0, end);
}

/** The normalised URL if it is an absolute http(s) URL, otherwise `null`. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Splits text into plain runs and http(s) link runs. */
export function splitLinks(text: string): TextRun[] {
  if (!text.includes('://')) return [{ text }];
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate);
    if (!href) continue;
    const start = match.index!;
    if (start > last) runs.push({ text: text.slice(last, start) });
    runs.push({ text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}
