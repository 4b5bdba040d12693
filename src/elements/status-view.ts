/**
 * The status banner: connection state (with the countdown to the next attempt and a
 * "Reconnect now" button, and the likely cause when the server does not answer), offline,
 * starting, waiting for an agent, ended.
 */
// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { html, nothing } from 'lit';
import type { ConnectionState } from '../transport/connection.js';
import type { ConnectionProblem } from '../transport/cross-origin.js';
import type { GwsChatStrings } from '../i18n/strings.js';

/** What the banner depends on. */
export interface StatusState {
  readonly connectionState: ConnectionState;
  /** While reconnecting, when the next attempt runs (epoch ms). */
  readonly retryAt: number | null;
  /** While (re)connecting, the likely cause of the server not answering, if known. */
  readonly problem: ConnectionProblem | null;
  readonly offline: boolean;
  /** An endpoint and an interaction are set. */
  readonly following: boolean;
  readonly ended: boolean;
  readonly starting: boolean;
  readonly waitingForAgent: boolean;
  /** The connection came back less than `RECONNECTED_NOTICE` ms ago. */
  readonly justReconnected: boolean;
}

/** How long "Reconnected." stays in the banner (so screen readers hear the good news too). */
export const RECONNECTED_NOTICE = 4000;

/**
 * What the banner says: one fact, chosen from the facts it depends on (a failed
 * connection outranks the chat's own state). Pure, so the choice is tested without a DOM.
 */
export type Banner =
  | { readonly kind: 'none' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'retrying'; readonly text: 'connecting' | 'reconnecting'; readonly problem: ConnectionProblem | null; readonly retryAt: number | null }
  | { readonly kind: 'offline' }
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'ended' }
  | { readonly kind: 'reconnected' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'waitingForAgent' };

/** The one fact the banner shows for `st`. */
export function bannerOf(st: StatusState): Banner {
  // The likely cause is not guessed offline: being offline says it all.
  const problem = st.offline ? null : st.problem;
  switch (st.connectionState) {
    case 'connecting':
      return problem ? { kind: 'retrying', text: 'connecting', problem, retryAt: st.retryAt } : { kind: 'connecting' };
    case 'disconnected':
      return st.following ? { kind: 'disconnected' } : { kind: 'none' };
    case 'reconnecting':
      return st.offline ? { kind: 'offline' } : { kind: 'retrying', text: 'reconnecting', problem, retryAt: st.retryAt };
  }
  if (st.ended) return { kind: 'ended' };
  if (st.justReconnected) return { kind: 'reconnected' };
  if (st.starting) return { kind: 'starting' };
  if (st.waitingForAgent) return { kind: 'waitingForAgent' };
  return { kind: 'none' };
}

/** The banner's content for `st`. */
export function renderStatus(st: StatusState, s: GwsChatStrings, reconnectNow: () => void) {
  const banner = bannerOf(st);
  switch (banner.kind) {
    case 'none': return '';
    case 'retrying': return renderRetrying(banner, s, reconnectNow);
    case 'offline': return html`<span class="status-text">${s.offline}</span>`;
    default: return s[banner.kind];
  }
}

/** Trying to (re)connect: what is going on, the likely cause if known, the countdown, "Reconnect now". */
function renderRetrying(
  { text, problem, retryAt }: Extract<Banner, { kind: 'retrying' }>, s: GwsChatStrings, reconnectNow: () => void,
) {
  // The countdown is visual only: a live region must not announce every second.
  const seconds = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
  return html`<span class="status-text">${s[text]}${problem
      ? html` <span class="status-problem" dir="auto">${s.crossOrigin(problem.serverOrigin, problem.pageOrigin)}</span>`
      : nothing}</span>
    ${seconds > 0 ? html`<span class="countdown" aria-hidden="true">${s.retryingIn(seconds)}</span>` : nothing}
    <button type="button" part="reconnect-button" class="reconnect" @click=${reconnectNow}>${s.reconnectNow}</button>`;
}
