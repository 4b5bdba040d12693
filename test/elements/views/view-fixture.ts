// Renders a view function's template into a shadow root styled like the elements, with
// lit's own `render()`: no element, no session, no server.
import { render } from 'lit';
import { chatStyles } from '../../../src/styles/chat-styles.js';
import type { ChatMessage } from '../../../src/model/transcript.js';

const hosts: HTMLElement[] = [];

/** A shadow root in the page, with the elements' styles, that `render()` can fill. */
export function viewRoot(width = 480): ShadowRoot {
  const host = document.createElement('div');
  // The page is LTR; the host has the element's :host styles (fixed height, flex column).
  host.dir = 'ltr';
  host.style.width = `${width}px`;
  document.body.append(host);
  hosts.push(host);
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [chatStyles.styleSheet!];
  return root;
}

/** Renders `value` into a fresh styled shadow root and returns the root. */
export function show(value: unknown, width?: number): ShadowRoot {
  const root = viewRoot(width);
  render(value, root);
  return root;
}

/** Removes every root made by this module. */
export function cleanupViews(): void {
  for (const host of hosts.splice(0)) host.remove();
}

let seq = 0;
/** A log entry; `fields` override the defaults (an agent's Text at 12:34 UTC). */
export function entry(fields: Partial<ChatMessage>): ChatMessage {
  seq++;
  return {
    key: `k${seq}`,
    index: seq,
    type: 'Text',
    from: { participantId: 'P1', nickname: 'Marat', type: 'Agent' },
    text: '',
    url: '',
    time: Date.UTC(2024, 0, 1, 12, 34),
    own: false,
    ...fields,
  } as ChatMessage;
}

/** The box of characters `start`..`end` of a text node. */
export function charBox(node: Text, start: number, end = start + 1): DOMRect {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  return range.getBoundingClientRect();
}

/** The first text node under `el` that contains `needle`. */
export function textNodeWith(el: Node, needle: string): Text {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeValue!.includes(needle)) return n as Text;
  }
  throw new Error(`no text node with ${JSON.stringify(needle)}`);
}

/** The box of the first occurrence of `needle` in `el`'s text. */
export function boxOf(el: Node, needle: string): DOMRect {
  const node = textNodeWith(el, needle);
  const at = node.nodeValue!.indexOf(needle);
  return charBox(node, at, at + needle.length);
}
