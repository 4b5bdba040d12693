// What a test looks at inside an element: its shadow DOM, found through the CSS parts the
// element documents (`part="log"`, `part="input"`, ...: public, stable names), read as a user
// reads it. One set for every test file; an element without a shadow root (not upgraded yet,
// or in another frame that has not loaded) simply has no parts.

/** The first element with CSS part `name` (`[part~="name"]`) in `el`'s shadow root, or `null`. */
export function part<T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;
}

/** Every element with CSS part `name` in `el`'s shadow root, in document order. */
export function parts<T extends HTMLElement = HTMLElement>(el: Element, name: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(`[part~="${name}"]`) ?? [])];
}

/** The composer's text area (part `input`); throws if the element shows none. */
export function input(el: Element): HTMLTextAreaElement {
  const found = part<HTMLTextAreaElement>(el, 'input');
  if (!found) throw new Error(`${el.localName} shows no input`);
  return found;
}

/** The element inside `el`'s shadow root that has the focus, or `null`. */
export function active(el: Element): Element | null {
  return el.shadowRoot?.activeElement ?? null;
}

/** The rendered log entries of an element (part `message`). */
export function entries(el: Element): HTMLElement[] {
  return parts(el, 'message');
}

/** Text as a reader sees it: without the invisible bidi isolates around names, whitespace collapsed. */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

/** The visible text of a rendered part, as `plain` reads it (`''` if the part is not shown). */
export function partText(el: Element, name: string): string {
  return plain(part(el, name)?.textContent);
}
