/**
 * Loading the chat (`gws-chat.esm.min.js`) and the widget's panel
 * (`gws-chat-widget-panel.js`) from beside the loader, once per page, with `import()`: a
 * page that requires Trusted Types for scripts (`require-trusted-types-for 'script'`)
 * refuses a plain URL as a `<script>`'s `src`, while `import()` needs no policy (CSP's
 * `script-src` still applies).
 */
import type { MountPanel } from './panel-contract.js';

/**
 * Where the chat and the panel are loaded from: beside this script (its own URL, read while
 * it runs: `document.currentScript` is `null` later), else the document's base URL.
 */
const BASE = (globalThis.document?.currentScript as HTMLScriptElement | null)?.src || globalThis.document?.baseURI;
const CHAT_FILE = 'gws-chat.esm.min.js';
const PANEL_FILE = 'gws-chat-widget-panel.js';

/** The chat and the panel modules, loaded once per page. */
let modules: Promise<MountPanel> | undefined;

/** A file beside the loader, with the loader's query (`?v=42`: a site's cache buster reaches them too). */
const url = (file: string) => new URL(file + new URL(BASE!).search, BASE).href;

/** The panel's entry, once the chat is defined (both loaded once per page; again after a failure). */
export function loadModules(): Promise<MountPanel> {
  modules ??= Promise.all([
    customElements.get('gws-chat') ? null : import(/* @vite-ignore */ url(CHAT_FILE)),
    import(/* @vite-ignore */ url(PANEL_FILE)) as Promise<{ mountPanel: MountPanel }>,
  ]).then(async ([, panel]) => {
    await customElements.whenDefined('gws-chat');
    return panel.mountPanel;
  }).catch((e: unknown) => {
    // Tried again on the next call: a failed import() is not cached (HTML, Chromium 156 checked).
    modules = undefined;
    throw e;
  });
  return modules;
}

/** Loads the modules ahead of use (a hover, a focus): they only define things, nothing connects. */
export const prefetch = () => void loadModules().catch(() => {});
