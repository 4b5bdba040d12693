/** The notice of a server error (its text shortened by the rule of `model/text.ts`). */
// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { html } from 'lit';
import { shorten } from '../model/text.js';

/**
 * The non-blocking notice of a server error, its message shortened (the full text goes
 * in the `gws-error` event) and isolated, with a button that dismisses it.
 */
export function renderErrorNotice(message: string, dismissLabel: string, dismiss: () => void) {
  return html`<div part="error" class="error" role="alert"><p dir="auto">${shorten(message)}</p><button type="button" part="dismiss-button" @click=${dismiss}>${dismissLabel}</button></div>`;
}
