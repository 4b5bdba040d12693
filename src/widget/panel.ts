/**
 * The widget's panel, its own file (`dist/gws-chat-widget-panel.js`, an ES module loaded
 * with the chat, never by a visitor who does not open it): the pre-chat form, the chat, and
 * after the chat ends the transcript and new-chat buttons. Plain DOM over the chat's public
 * API (`startChat()`, `messages`, `ended`, `session`'s `change` events).
 */
import { PANEL, type GwsWidgetPanelStrings } from '../i18n/widget/panel.js';
import type { WidgetLanguage } from '../i18n/widget/launcher.js';
import type { MountPanel, Panel, PanelHost } from './panel-contract.js';
import { chosenFields, FIELD_LABELS, fieldError, startOptions, type PrechatField } from './prechat.js';
import { Attention } from './attention.js';
import { h } from './dom.js';
import { PANEL_CSS } from './panel-styles.js';
import { transcriptFileName, transcriptText } from './transcript-file.js';

let sheet: CSSStyleSheet | undefined;

/** The form controls of the host's `prechat` slot, with a name. */
function hostControls(slot: HTMLSlotElement): (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] {
  const controls: (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[] = [];
  for (const el of slot.assignedElements({ flatten: true })) {
    const all = [el, ...el.querySelectorAll('input,select,textarea')];
    for (const c of all) {
      if ((c instanceof HTMLInputElement || c instanceof HTMLSelectElement || c instanceof HTMLTextAreaElement) && c.name) controls.push(c);
    }
  }
  return controls;
}

/** The values of the host's fields, for `userData` (unchecked boxes and empty fields left out). */
function hostValues(controls: ReturnType<typeof hostControls>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const c of controls) {
    if (c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')) {
      if (c.checked) values[c.name] = c.value;
    } else if (c.value.trim()) {
      values[c.name] = c.value.trim();
    }
  }
  return values;
}

/** Inputs where Enter does not submit a form (it toggles, picks or presses instead). */
const NO_SUBMIT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image', 'color']);

class WidgetPanel implements Panel {
  readonly #host: PanelHost;
  #s: GwsWidgetPanelStrings;
  #lang: WidgetLanguage;
  /** The visitor asked for a new chat after one ended: the form, until it starts. */
  #again = false;
  #busy = false;
  #failed = false;
  readonly #form = h('form', { part: 'prechat-form', class: 'f', novalidate: '', 'aria-labelledby': 'fi' });
  readonly #inputs = new Map<PrechatField, HTMLInputElement>();
  readonly #slot = h('slot', { name: 'prechat' });
  readonly #formError = h('p', { class: 'x', role: 'alert' });
  readonly #submit = h('button', { part: 'start-button', class: 'btn', type: 'submit' });
  readonly #end = h('div', { class: 'e' });
  readonly #transcript = h('button', { part: 'transcript-button', class: 'btn2', type: 'button' });
  readonly #newChat = h('button', { part: 'new-chat-button', class: 'btn', type: 'button' });
  readonly #attention: Attention;

  constructor(host: PanelHost) {
    this.#host = host;
    this.#lang = host.lang;
    this.#s = PANEL[host.lang];
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(PANEL_CSS);
    host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, sheet];
    this.#end.append(this.#transcript, this.#newChat);
    this.#form.onsubmit = (e) => {
      e.preventDefault();
      this.#start();
    };
    // The host's fields are in the page, outside the form (a shadow root's form owns none of
    // them): Enter in one submits the form as it does in the widget's own fields.
    this.#slot.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key === 'Enter' && !e.isComposing && t instanceof HTMLInputElement && !NO_SUBMIT.has(t.type)) {
        e.preventDefault();
        this.#form.requestSubmit(this.#submit);
      }
    });
    this.#transcript.onclick = () => this.#download();
    this.#newChat.onclick = () => {
      if (this.#hasNickname) {
        // The end's buttons go away as the chat starts: focus goes on into the new chat.
        host.chat.startChat().then(() => host.chat.updateComplete).then(() => this.focus(), () => {});
        return;
      }
      this.#again = true;
      this.#failed = false;
      this.#render();
      this.focus();
    };
    this.#buildForm();
    host.body.replaceChildren(this.#form, host.chat, this.#end);
    host.chat.session.addEventListener('change', () => {
      const ending = this.#end.hidden && host.widget.matches(':focus-within');
      this.#render();
      if (ending && !this.#end.hidden) this.#keepFocusAtEnd();
    });
    // The chat's own Escape (cancelling "End this chat?") stays the chat's: it does not close the panel.
    host.chat.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && e.composedPath().some((n) => n instanceof Element && n.getAttribute('part') === 'confirm')) e.stopPropagation();
    });
    this.#attention = new Attention(host, this.#s);
    // The host may give the name, take it back or choose other fields after the chat loaded.
    new MutationObserver(() => this.#rebuild()).observe(host.widget, { attributeFilter: ['nickname', 'prechat-fields'] });
    this.#render();
  }

  /** Whether the host gave the visitor's name (then there is no form). */
  get #hasNickname(): boolean {
    return !!this.#host.widget.getAttribute('nickname');
  }

  /** Whether the form is shown: no chat followed (or a new one asked for), and no nickname from the host. */
  #showsForm(): boolean {
    const chat = this.#host.chat;
    if (this.#hasNickname) return false;
    return this.#again || (!chat.interactionId && chat.session.status.kind === 'idle');
  }

  #render(): void {
    const form = this.#showsForm();
    const chat = this.#host.chat;
    this.#form.hidden = !form;
    chat.hidden = form;
    this.#end.hidden = form || !chat.ended;
    this.#submit.disabled = this.#busy;
    this.#submit.textContent = this.#busy ? this.#s.starting : this.#s.start;
    this.#formError.textContent = this.#failed ? this.#s.startFailed : '';
    this.#transcript.textContent = this.#s.transcript;
    this.#newChat.textContent = this.#s.newChat;
  }

  #buildForm(): void {
    const s = this.#s;
    const kept = new Map([...this.#inputs].map(([f, input]) => [f, input.value]));
    this.#inputs.clear();
    const names = this.#host.widget.getAttribute('prechat-fields') ?? 'nickname email subject';
    const rows = chosenFields(names.split(/\s+/)).map((field) => {
      const input = h('input', {
        id: `f-${field}`, name: field,
        type: field === 'email' ? 'email' : 'text',
        autocomplete: field === 'nickname' ? 'name' : field === 'email' ? 'email' : 'off',
        maxlength: '200',
        ...(field === 'nickname' ? { required: '', 'aria-required': 'true' } : {}),
      });
      input.value = kept.get(field) ?? '';
      // A corrected field stops saying it is wrong as soon as it is right.
      input.oninput = () => {
        if (input.hasAttribute('aria-invalid') && !fieldError(field, input.value)) this.#mark(field, null);
      };
      this.#inputs.set(field, input);
      return h('div', { class: 'r' }, h('label', { for: `f-${field}` }, s[FIELD_LABELS[field]]), input,
        h('p', { id: `e-${field}`, class: 'x', hidden: '' }));
    });
    this.#form.replaceChildren(h('p', { id: 'fi' }, s.intro), ...rows, this.#slot, this.#formError, this.#submit);
  }

  /** Shows a field's message (tied to it by `aria-describedby`) or clears it. */
  #mark(field: PrechatField, error: keyof GwsWidgetPanelStrings | null): void {
    const input = this.#inputs.get(field)!;
    const message = this.#form.querySelector<HTMLElement>(`#e-${field}`)!;
    message.hidden = !error;
    message.textContent = error ? this.#s[error] : '';
    if (error) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `e-${field}`);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  #start(): void {
    if (this.#busy) return;
    let first: HTMLElement | null = null;
    for (const [field, input] of this.#inputs) {
      const error = fieldError(field, input.value);
      this.#mark(field, error);
      if (error) first ??= input;
    }
    // The host's fields follow their own rules (required, pattern, …) and messages.
    const controls = hostControls(this.#slot);
    for (const c of controls) {
      const valid = c.checkValidity();
      if (valid) c.removeAttribute('aria-invalid');
      else c.setAttribute('aria-invalid', 'true');
      if (!valid) first ??= c;
    }
    if (first) {
      first.focus();
      if (!(first instanceof HTMLInputElement && this.#inputs.get(first.name as PrechatField) === first)) {
        (first as HTMLInputElement).reportValidity();
      }
      return;
    }
    const values = Object.fromEntries([...this.#inputs].map(([f, input]) => [f, input.value]));
    this.#busy = true;
    this.#failed = false;
    this.#render();
    this.#host.chat.startChat(startOptions(values, hostValues(controls))).then(() => {
      this.#busy = false;
      this.#again = false;
      this.#render();
      void this.#host.chat.updateComplete.then(() => this.focus());
    }, () => {
      this.#busy = false;
      this.#failed = true;
      this.#render();
      this.#submit.focus();
    });
  }

  #download(): void {
    const chat = this.#host.chat;
    const text = transcriptText(chat.messages, this.#s, this.#lang);
    const href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    h('a', { href, download: transcriptFileName() }).click();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }

  /**
   * The chat ended under the visitor's focus: its input is disabled, and the browser lets
   * the focus fall to the page's body (after the chat's own render, so the chat cannot keep
   * it). Focus goes on to the end's first button, unless the visitor is somewhere usable.
   */
  #keepFocusAtEnd(): void {
    void this.#host.chat.updateComplete.then(() => {
      const at = this.#host.chat.shadowRoot?.activeElement as (Element & { disabled?: boolean }) | null | undefined;
      const lost = !this.#host.widget.matches(':focus-within') && (!document.activeElement || document.activeElement === document.body);
      if (at?.disabled || lost) this.#transcript.focus();
    });
  }

  focus(): void {
    if (!this.#form.hidden) {
      const wrong = this.#form.querySelector<HTMLElement>('[aria-invalid="true"]');
      (wrong ?? this.#form.querySelector<HTMLElement>('input') ?? this.#submit).focus();
      return;
    }
    const chat = this.#host.chat;
    const root = chat.shadowRoot;
    const input = root?.querySelector<HTMLTextAreaElement>('[part~="input"]');
    if (!this.#end.hidden) this.#transcript.focus();
    else if (input && !input.disabled) input.focus();
    else root?.querySelector<HTMLElement>('[part~="start-button"], [part~="log"]')?.focus();
  }

  get unread(): number {
    return this.#attention.count;
  }

  relabel(lang: WidgetLanguage): void {
    // A `lang` changed somewhere in the page without changing the visitor's language.
    if (lang === this.#lang) return;
    this.#lang = lang;
    this.#s = PANEL[lang];
    this.#attention.relabel(this.#s);
    this.#rebuild();
  }

  /** Draws the form again (its values kept); focus that was in a field stays there, or goes on into the panel. */
  #rebuild(): void {
    const focused = this.#host.root.activeElement;
    const field = focused instanceof HTMLInputElement ? focused.name : null;
    this.#buildForm();
    this.#render();
    if (field) (this.#form.hidden ? this : this.#form.querySelector<HTMLElement>(`[name="${field}"]`) ?? this).focus();
  }
}

/** Draws the panel in the widget (see `panel-contract.ts`). */
export const mountPanel: MountPanel = (host) => new WidgetPanel(host);
