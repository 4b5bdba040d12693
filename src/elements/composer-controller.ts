import type { ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';
import { codePoints } from '../model/text.js';
import { GwsChatError } from '../session/gws-chat-error.js';
import { renderComposer } from './composer-view.js';
import type { GwsChatStrings } from '../i18n/strings.js';

/** The element side the composer needs: it renders into it and asks it to update. */
export interface ComposerHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}

/**
 * What the composer tells its element (plain `Event`s): `queued` (the customer's message is
 * on its way), `ended` (the customer ended the chat), `end-failed` (ending it failed; the
 * confirmation stays so they can try again).
 */
export type ComposerEventName = 'queued' | 'ended' | 'end-failed';

/** A note under the composer, in the element's language. */
type Note = (s: GwsChatStrings) => string;


/**
 * The customer's controls: the draft and its keyboard (Enter sends, Shift+Enter starts a
 * new line), the too-long note, the end-chat confirmation with its focus moves, and
 * retrying a failed message. It has no lifecycle of its own: the element renders it and
 * it asks the element to update.
 */
export class ComposerController extends EventTarget {
  #draft = '';
  #draftError: Note | null = null;
  #confirmingEnd = false;
  #focusWhenReady = false;

  constructor(private readonly host: ComposerHost, private readonly session: ChatSession) {
    super();
  }

  render(s: GwsChatStrings) {
    const session = this.session;
    const blocked = session.sendBlocked;
    if (this.#focusWhenReady && blocked === null) {
      this.#focusWhenReady = false;
      void this.focus('input');
    } else if (this.#focusWhenReady && blocked !== 'pending') {
      this.#focusWhenReady = false; // it will not take text: leave the focus alone
    }
    const note = this.#draftError?.(s)
      || (blocked === 'not-allowed' ? s.cannotSend : blocked === 'no-interaction' ? s.noChat
        : blocked === 'pending' ? s.connecting : '');
    return renderComposer({
      draft: this.#draft,
      disabled: blocked !== null,
      note,
      noteIsError: this.#draftError !== null,
      canEnd: !session.ended && session.capabilities.includes('Complete'),
      confirmingEnd: this.#confirmingEnd,
      ending: session.busy === 'ending',
    }, s, {
      input: (e) => this.#onInput(e),
      keydown: (e) => this.#onKeydown(e),
      submit: (e) => {
        e.preventDefault();
        this.#submit();
      },
      askEnd: () => this.#askEnd(),
      confirmEnd: () => this.#confirmEnd(),
      cancelEnd: () => this.#cancelEnd(),
    });
  }

  /** Sends a failed message again; a new failure leaves it shown with its reason. */
  retry(key: string): void {
    const root = this.host.renderRoot;
    const onRetry = root instanceof ShadowRoot && root.activeElement?.getAttribute('part') === 'retry-button';
    this.session.retry(key).catch(() => {
      // Failed again: a keyboard user finds the focus back on this message's Retry.
      if (onRetry) void this.focus('retry-button', key);
    });
  }

  /**
   * Moves the focus to the input as soon as it can take text (after Start chat it is
   * disabled until the server tells the new chat's state).
   */
  focusInputWhenReady(): void {
    this.#focusWhenReady = true;
    this.host.requestUpdate();
  }

  /**
   * Moves the focus to a part of the element once it has rendered, unless the customer has
   * meanwhile put it somewhere else on the page (nothing steals the focus).
   */
  async focus(part: string, key?: string): Promise<void> {
    await this.host.updateComplete;
    const root = this.host.renderRoot;
    const host = root instanceof ShadowRoot ? root.host : root;
    const active = globalThis.document?.activeElement ?? null;
    const stillHere = active === null || active === document.body || active === document.documentElement
      || active === host || host.contains(active);
    const selector = `[part="${part}"]${key === undefined ? '' : `[data-key="${CSS.escape(key)}"]`}`;
    if (stillHere) root.querySelector<HTMLElement>(selector)?.focus();
  }

  #set(change: { draft?: string; draftError?: Note | null; confirmingEnd?: boolean }): void {
    if (change.draft !== undefined) this.#draft = change.draft;
    if (change.draftError !== undefined) this.#draftError = change.draftError;
    if (change.confirmingEnd !== undefined) this.#confirmingEnd = change.confirmingEnd;
    this.host.requestUpdate();
  }

  #onInput(e: InputEvent): void {
    const draft = (e.target as HTMLTextAreaElement).value;
    const invalid = this.session.validate(draft);
    this.#set({ draft, draftError: invalid?.reason === 'too-long' ? this.#tooLong(draft) : null });
    this.session.draftChanged(draft);
  }

  #onKeydown(e: KeyboardEvent): void {
    // An Enter that ends an input method's composition is not a send (Safari reports it
    // with isComposing false and keyCode 229).
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229 || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.#submit();
  }

  /** Sends the draft; the draft is cleared only once the message is on its way. */
  #submit(): void {
    const text = this.#draft;
    const invalid = this.session.validate(text);
    if (invalid) {
      this.#set({ draftError: invalid.reason === 'too-long' ? this.#tooLong(text) : null });
      return;
    }
    const before = this.session.pendingMessages.length;
    const sending = this.session.send(text);
    const queued = this.session.pendingMessages.length > before;
    if (queued) {
      this.#tell('queued');
      this.#set({ draft: '', draftError: null });
      void this.focus('input');
    }
    sending.catch((e: unknown) => {
      // A queued message that failed stays visible with "Retry"; anything else keeps the draft.
      if (!queued && e instanceof GwsChatError && e.reason !== 'canceled') this.#set({ draftError: this.#refused(e) });
    });
  }

  #tooLong(text: string): Note {
    const length = codePoints(text);
    const max = this.session.maxLength;
    return (s) => s.tooLong(length, max);
  }

  /**
   * Why a send was refused before it was queued: nothing to write to, not allowed (now, or
   * any more), or what a page's rewrite of the text made of it (its own affair: "not sent").
   */
  #refused({ reason }: GwsChatError): Note {
    return (s) => (reason === 'no-interaction' ? s.noChat : reason === 'not-allowed' ? s.cannotSend : s.notSent);
  }

  #askEnd(): void {
    this.#set({ confirmingEnd: true });
    void this.focus('confirm-button');
  }

  async #confirmEnd(): Promise<void> {
    try {
      await this.session.endChat();
      this.#tell('ended'); // an earlier failure to end is no news any more
      this.#set({ confirmingEnd: false });
      // The focused button is gone with the confirmation: keep the reader in the transcript.
      void this.focus('log');
    } catch {
      // The confirmation stays so the customer can try again.
      this.#tell('end-failed');
    }
  }

  #tell(name: ComposerEventName): void {
    this.dispatchEvent(new Event(name));
  }

  #cancelEnd(): void {
    this.#set({ confirmingEnd: false });
    void this.focus('end-button');
  }
}
