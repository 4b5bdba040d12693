/**
 * The customer's controls: pending (optimistic) messages, the composer, the end-chat
 * confirmation and the start button. Pure templates; the element owns the behaviour.
 */
// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import type { OutgoingFailure, OutgoingMessage } from '../model/outbox.js';
import { shorten } from '../model/text.js';
import type { GwsChatStrings } from '../i18n/strings.js';

/** What a failed message says after "Not sent.", by why it failed. */
const FAILURE_REASONS = {
  ended: 'ended', transport: 'unreachable', server: 'refused', unconfirmed: 'unconfirmed',
} as const satisfies Record<OutgoingFailure, keyof GwsChatStrings>;

/** The customer's messages not yet in the server's log, after the log (`retry`: `null` when nothing can be sent again). */
export function renderOutgoing(
  items: readonly OutgoingMessage[],
  s: GwsChatStrings,
  retry: ((key: string) => void) | null,
) {
  if (items.length === 0) return nothing;
  const now = Date.now();
  return html`<div class="outgoing">${repeat(items, (i) => i.key, ({ key, text, status, delivery: d }) => html`
    <div part="message message-text message-own message-${status}" class="message text own ${status}">
      <span part="sender" class="sender">${s.you}</span>
      <p class="body" dir="auto">${text}</p>
      ${'reason' in d
        ? html`<span class="delivery" role="alert">${s.notSent} <span class="reason">${s[FAILURE_REASONS[d.reason]]}</span>${
            d.state === 'retrying'
              ? html` <span aria-hidden="true">${s.retryingIn(Math.max(1, Math.ceil((d.at - now) / 1000)))}</span>`
              : nothing}</span>
            ${retry ? html`<button type="button" part="retry-button" class="retry" data-key=${key} aria-label=${s.retryLabel(text)}
              @click=${() => retry(key)}>${s.retry}</button>` : nothing}`
        : html`<span class="delivery">${d.state === 'queued' ? s.waiting : s.sending}</span>`}
    </div>`)}</div>`;
}

/** Everything the composer shows. */
export interface ComposerState {
  readonly draft: string;
  readonly disabled: boolean;
  /** A note under the composer: why it is disabled, or what is wrong with the draft. */
  readonly note: string;
  readonly noteIsError: boolean;
  readonly canEnd: boolean;
  readonly confirmingEnd: boolean;
  readonly ending: boolean;
}

/** What the composer reports back. */
export interface ComposerHandlers {
  input(e: InputEvent): void;
  keydown(e: KeyboardEvent): void;
  submit(e: SubmitEvent): void;
  askEnd(): void;
  confirmEnd(): void;
  cancelEnd(): void;
}

export function renderComposer(c: ComposerState, s: GwsChatStrings, on: ComposerHandlers) {
  const noteId = c.note ? 'composer-note' : undefined;
  return html`
    ${c.confirmingEnd
      ? html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-text" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && on.cancelEnd()}>
          <span id="confirm-text">${s.confirmEnd}</span>
          <button type="button" part="confirm-button" class="confirm-yes" ?disabled=${c.ending} @click=${on.confirmEnd}>${s.endChat}</button>
          <button type="button" part="cancel-button" @click=${on.cancelEnd}>${s.keepChatting}</button>
        </div>`
      : nothing}
    <form part="composer" class="composer" @submit=${on.submit}>
      <textarea
        part="input"
        class="input"
        rows="1"
        aria-label=${s.inputLabel}
        aria-describedby=${ifDefined(noteId)}
        aria-invalid=${c.noteIsError ? 'true' : 'false'}
        placeholder=${s.placeholder}
        .value=${c.draft}
        ?disabled=${c.disabled}
        @input=${on.input}
        @keydown=${on.keydown}
      ></textarea>
      <button part="send-button" class="send" type="submit" ?disabled=${c.disabled}>${s.send}</button>
      <slot name="composer-actions"></slot>
      ${c.canEnd
        ? html`<button part="end-button" class="end" type="button" ?disabled=${c.confirmingEnd || c.ending} @click=${on.askEnd}>${s.endChat}</button>`
        : nothing}
    </form>
    <p id="composer-note" part="note" class="note ${c.noteIsError ? 'error-note' : ''}" aria-live="polite">${shorten(c.note)}</p>
  `;
}

/** Shown instead of the composer when there is no chat yet and one can be started. */
export function renderStart(s: GwsChatStrings, starting: boolean, start: () => void) {
  return html`<div class="start">
    <button part="start-button" class="send" type="button" ?disabled=${starting} @click=${start}>
      ${starting ? s.starting : s.startChat}
    </button>
  </div>`;
}
