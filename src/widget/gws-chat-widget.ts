/**
 * `<gws-chat-widget>`: the one-tag website chat. A launcher in a corner of the page, drawn
 * with plain DOM (no lit, no cometd: this file is the loader, `dist/gws-chat-widget.js`,
 * a few kilobytes), that loads the chat (`gws-chat.esm.min.js`) and the panel
 * (`gws-chat-widget-panel.js`), from beside itself, only when they are wanted: the visitor
 * opens it, points at it or focuses it (prefetch), or a chat is remembered for this site
 * (at once, so it resumes and the badge counts).
 * (see `chat-loader.ts`).
 */
import type { GwsChat } from '../elements/gws-chat.js';
import type { GwsChatStrings } from '../i18n/strings.js';
import { launcherStrings, widgetLanguage, type GwsWidgetLauncherStrings, type WidgetLanguage } from '../i18n/widget/launcher.js';
import { loadModules, prefetch } from './chat-loader.js';
import { h } from './dom.js';
import type { Panel } from './panel-contract.js';
import { hasRememberedChat } from './remembered.js';
import { keepOpen, markInvited, mayInvite, visitStart, wasOpen } from './widget-memory.js';
import { WIDGET_CSS } from './widget-styles.js';
import type { GwsEventMap } from '../events.js';

/** The widget's events: its own, and the chat's `gws-*` events, which bubble through it. */
export interface GwsChatWidgetEventMap extends GwsEventMap {
  /** The panel opened (the visitor, `open()` or `toggle()`; not setting `opened`). */
  'gws-widget-open': CustomEvent<null>;
  /** The panel closed (the visitor, Escape, `close()` or `toggle()`; not setting `opened`). */
  'gws-widget-close': CustomEvent<null>;
  /** The number of the agent's messages not seen yet changed. `detail.count` (`GwsUnreadChangeDetail`). */
  'gws-unread-change': CustomEvent<{ readonly count: number }>;
}

/** The attributes passed through to the `<gws-chat>` the widget holds. */
const PASSED = ['url', 'api-url', 'contact-center-id', 'nickname', 'subject', 'theme'];

/** Where the chat is: not asked for, on its way, there (with the panel), or failed to load. */
type Load =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly chat: GwsChat; readonly panel: Panel }
  | { readonly kind: 'failed' };

let sheet: CSSStyleSheet | undefined;

/**
 * A chat on every page of a site with one tag: a launcher button in a corner that opens a
 * panel with a pre-chat form and then the chat. It costs a page a few kilobytes: the chat
 * itself is loaded only when the visitor opens the launcher, points at it or focuses it, or
 * when a chat is remembered for this site (it resumes). Open or closed, the unread count and
 * the chat survive moving to another page of the site and reloading.
 *
 * @summary The one-tag website chat: a launcher that loads `<gws-chat>` when it is wanted.
 * @tag gws-chat-widget
 *
 * @attr {string} url - The CometD endpoint, passed to the chat (`<gws-chat url>`).
 * @attr {string} api-url - The REST API root, passed to the chat.
 * @attr {string} contact-center-id - Sent as the `ContactCenterId` header, passed to the chat.
 * @attr {string} nickname - The customer's name, passed to the chat: with it there is no pre-chat form.
 * @attr {string} subject - The chat's subject, passed to the chat.
 * @attr {'light' | 'dark' | 'auto'} theme - `light`, `dark` or `auto` (the default), for the widget and the chat.
 * @attr {string} lang - The language of the widget and the chat (else the page's, else the browser's).
 * @attr {'bottom-end' | 'bottom-start'} position - The corner: `bottom-end` (the default) or `bottom-start`; logical, so it mirrors right to left.
 * @attr {string} prechat-fields - The pre-chat form's fields, space-separated, among `nickname email subject` (the default: all three).
 * @attr {number} invite-after - Seconds on the site after which a small invitation appears (at most once a day; never opens the panel or loads the chat). From 2,000,000 on (23 days), none.
 * @attr {boolean} sound - A short sound when an agent's message arrives while the visitor is not looking at the chat.
 * @attr {boolean} opened - Reflects `opened`.
 *
 * @fires gws-widget-open - The panel opened (the visitor, `open()` or `toggle()`).
 * @fires gws-widget-close - The panel closed (the visitor, Escape, `close()` or `toggle()`).
 * @fires gws-unread-change - The number of unread agent messages changed. `detail.count`.
 *
 * @slot prechat - The host's own fields in the pre-chat form (inputs with a `name`): their values go to the chat's `userData` under their name.
 *
 * @csspart launcher - The round button that opens and closes the panel (`aria-expanded`).
 * @csspart badge - Over the launcher's corner: the number of unread agent messages (drawn once the chat has loaded).
 * @csspart invite - The proactive invitation bubble.
 * @csspart panel - The chat's panel (a dialog): the title, then the form or the chat.
 * @csspart close-button - Closes the panel.
 * @csspart prechat-form - The pre-chat form (name, email, subject, the host's fields).
 * @csspart start-button - The pre-chat form's submit button.
 * @csspart transcript-button - After the chat ended: saves its transcript as a text file.
 * @csspart new-chat-button - After the chat ended: back to the form for a new chat.
 *
 * @cssprop --gws-chat-widget-offset - Distance of the launcher and the panel from the window's edges (default 1rem).
 * @cssprop --gws-chat-widget-z-index - Stacking order of the launcher and the panel (default 2147483000).
 */
export class GwsChatWidget extends HTMLElement {
  static readonly observedAttributes = [...PASSED, 'opened'];

  #strings: Partial<GwsChatStrings> = {};

  /** Overrides of the chat's texts (any subset of `GwsChatStrings`), passed to the chat (now, or when it loads). */
  get strings(): Partial<GwsChatStrings> {
    return this.#strings;
  }

  set strings(value: Partial<GwsChatStrings>) {
    this.#strings = value;
    if (this.#load.kind === 'ready') this.#load.chat.strings = value;
  }

  #load: Load = { kind: 'idle' };
  #lang: WidgetLanguage = 'en';
  #s: GwsWidgetLauncherStrings = launcherStrings('en');
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The language may change later: the widget's lang, an ancestor's, <html lang> (the chat
   * follows them too). Observed while on the page: a widget taken out is not kept alive by it.
   */
  readonly #langs = new MutationObserver(() => this.#relabel());
  readonly #root = this.attachShadow({ mode: 'open' });
  readonly #launcher = h('button', { part: 'launcher', class: 'l', 'aria-expanded': 'false' });
  readonly #heading = h('h2', { id: 't' });
  readonly #close = h('button', { part: 'close-button', class: 'd' }, '×');
  readonly #body = h('div', { class: 'b' });
  readonly #panel = h('div', { part: 'panel', class: 'p', role: 'dialog', 'aria-labelledby': 't', hidden: '' },
    h('div', { class: 'h' }, this.#heading, this.#close), this.#body);
  readonly #inviteText = h('button', { class: 't' });
  readonly #dismiss = h('button', { class: 'd' }, '×');
  readonly #invite = h('div', { part: 'invite', class: 'i', hidden: '' }, this.#inviteText, this.#dismiss);

  constructor() {
    super();
    this.#wire();
  }

  /** Draws the launcher and the panel's frame and listens to them (a method: the manifest's analyzer takes assignments in the constructor for fields). */
  #wire(): void {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(WIDGET_CSS);
    this.#root.adoptedStyleSheets = [sheet];
    // The panel after the launcher: Tab goes from the launcher into it, and a full-screen
    // panel covers the launcher (not the other way round, over the Send button).
    this.#root.append(this.#invite, this.#launcher, this.#panel);
    this.#launcher.onclick = () => this.#act(!this.opened);
    this.#launcher.onpointerenter = this.#launcher.onfocus = prefetch;
    this.#close.onclick = this.#panel.onkeydown = (e: Event) => {
      // (Escape that ends an IME composition, in Japanese say, is the composition's.)
      if ((e as KeyboardEvent).key && ((e as KeyboardEvent).key !== 'Escape' || (e as KeyboardEvent).isComposing)) return;
      this.#act(false);
    };
    this.#inviteText.onclick = () => this.#act(true);
    this.#dismiss.onclick = () => {
      this.#invite.hidden = true;
      this.#launcher.focus();
    };
  }

  /** Whether the panel is open. Setting it opens or closes the panel without an event. */
  get opened(): boolean {
    return this.hasAttribute('opened');
  }

  set opened(value: boolean) {
    this.toggleAttribute('opened', value);
  }

  /** The `<gws-chat>` the widget holds, or `null` until the chat has loaded. */
  get chat(): GwsChat | null {
    return this.#load.kind === 'ready' ? this.#load.chat : null;
  }

  /**
   * The agent's messages that arrived while the panel was closed or the tab hidden, not
   * yet seen; opening the panel clears it.
   */
  get unread(): number {
    return this.#load.kind === 'ready' ? this.#load.panel.unread : 0;
  }

  /** Opens the panel (and loads the chat if it has not loaded yet). */
  open(): void {
    this.#act(true);
  }

  /** Closes the panel. */
  close(): void {
    this.#act(false);
  }

  /** Opens the panel if it is closed, closes it otherwise. */
  toggle(): void {
    this.#act(!this.opened);
  }

  connectedCallback(): void {
    this.#langs.observe(document, { subtree: true, attributeFilter: ['lang'] });
    const url = this.getAttribute('url') ?? '';
    if (wasOpen(url)) this.opened = true;
    this.#relabel();
    if (this.opened || hasRememberedChat(url)) this.#ensureChat();
    this.#scheduleInvite(url);
  }

  disconnectedCallback(): void {
    clearTimeout(this.#timer);
    this.#langs.disconnect();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'opened') {
      const open = value !== null;
      // Closed however (Escape, the close button, close(), `opened`): focus that was in the
      // panel (or a host field in it) goes back to the launcher, not to the page's body.
      if (!open && this.matches(':focus-within')) this.#launcher.focus();
      this.#launcher.setAttribute('aria-expanded', String(open));
      this.#panel.hidden = !open;
      if (open) {
        this.#invite.hidden = true;
        this.#ensureChat();
      }
      if (this.isConnected) keepOpen(this.getAttribute('url') ?? '', open);
    } else {
      // A url given after the widget was put on the page (a framework's binding), or
      // changed: its remembered chat and open panel are looked for as on connection.
      if (name === 'url' && this.isConnected) this.connectedCallback();
      if (value === null) this.chat?.removeAttribute(name);
      else this.chat?.setAttribute(name, value);
    }
  }

  /** The visitor (or a method) opens or closes the panel: it changes, focus follows, an event says so. */
  #act(open: boolean): void {
    if (open === this.opened) return;
    this.opened = open;
    if (open) (this.#load.kind === 'ready' ? this.#load.panel : this.#close).focus();
    this.dispatchEvent(new CustomEvent(open ? 'gws-widget-open' : 'gws-widget-close', { bubbles: true, composed: true, detail: null }));
  }

  #relabel(): void {
    const lang = this.closest('[lang]')?.getAttribute('lang') || navigator.language;
    this.#lang = widgetLanguage(lang);
    const s = (this.#s = launcherStrings(this.#lang));
    this.#heading.textContent = s.open;
    this.#close.setAttribute('aria-label', s.close);
    this.#dismiss.setAttribute('aria-label', s.close);
    this.#inviteText.textContent = s.invite;
    this.#launcher.setAttribute('aria-label', s.open);
    if (this.#load.kind === 'ready') this.#load.panel.relabel(this.#lang);
    else this.#drawBody();
  }

  /** The panel's body before the chat is there: loading, or the failure with a way out. */
  #drawBody(): void {
    const s = this.#s;
    if (this.#load.kind === 'failed') {
      const retry = h('button', { class: 'btn' }, s.failed);
      retry.onclick = () => this.#ensureChat(true);
      this.#body.replaceChildren(h('div', { class: 'm', role: 'alert' }, retry));
    } else {
      // (Called only before the chat is there.) Loading: a spinner; the panel says it is busy (its title and close button are there).
      this.#body.replaceChildren(h('div', { class: 'm s', 'aria-busy': 'true' }));
    }
  }

  /** Loads the chat and the panel once (again after a failure, when the visitor asks). */
  #ensureChat(retry = false): void {
    // From idle; from a failure only when the visitor asks (Try again).
    if (this.#load.kind !== (retry ? 'failed' : 'idle')) return;
    this.#load = { kind: 'loading' };
    this.#drawBody();
    // Try again (the button that had focus) is gone: focus waits on the close button.
    if (retry) this.#close.focus();
    loadModules().then((mountPanel) => {
      const chat = document.createElement('gws-chat');
      for (const name of PASSED) {
        const value = this.getAttribute(name);
        if (value !== null) chat.setAttribute(name, value);
      }
      chat.strings = this.#strings;
      const panel = mountPanel({
        widget: this, launcher: this.#launcher, root: this.#root, body: this.#body, chat, lang: this.#lang,
      });
      this.#load = { kind: 'ready', chat, panel };
      // Focus waits in the panel for what it shows now (the close button, meanwhile).
      if (this.opened && this.#root.activeElement === this.#close) panel.focus();
    }, () => {
      this.#load = { kind: 'failed' };
      this.#drawBody();
    });
  }

  /** Shows the invitation after `invite-after` seconds on the site, at most once a day. */
  #scheduleInvite(url: string): void {
    clearTimeout(this.#timer);
    const after = Number(this.getAttribute('invite-after') ?? NaN);
    // Under 2e6 s (23 days): a timer takes longer delays (over 2^31 ms) as none at all.
    if (!(after >= 0 && after < 2e6) || hasRememberedChat(url)) return;
    this.#timer = setTimeout(() => {
      if (this.opened || !mayInvite() || this.chat?.interactionId) return;
      markInvited();
      this.#invite.hidden = false;
    }, visitStart() + after * 1000 - Date.now());
  }
}
