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

export function renderStatus(st: StatusState, s: GwsChatStrings, reconnectNow: () => void) {
  // The likely cause is not guessed offline: being offline says it all.
  const problem = st.offline ? null : st.problem;
  switch (st.connectionState) {
    case 'connecting':
      return problem ? renderRetrying(s.connecting, problem, st, s, reconnectNow) : s.connecting;
    case 'disconnected':
      return st.following ? s.disconnected : '';
    case 'reconnecting':
      return st.offline
        ? html`<span class="status-text">${s.offline}</span>`
        : renderRetrying(s.reconnecting, problem, st, s, reconnectNow);
  }
  if (st.ended) return s.ended;
  if (st.justReconnected) return s.reconnected;
  if (st.starting) return s.starting;
  if (st.waitingForAgent) return s.waitingForAgent;
  return '';
}

/** Trying to (re)connect: what is going on, the likely cause if known, the countdown, "Reconnect now". */
function renderRetrying(
  text: string, problem: ConnectionProblem | null, st: StatusState, s: GwsChatStrings, reconnectNow: () => void,
) {
  // The countdown is visual only: a live region must not announce every second.
  const seconds = st.retryAt === null ? 0 : Math.max(0, Math.ceil((st.retryAt - Date.now()) / 1000));
  return html`<span class="status-text">${text}${problem
      ? html` <span class="status-problem" dir="auto">${s.crossOrigin(problem.serverOrigin, problem.pageOrigin)}</span>`
      : nothing}</span>
    ${seconds > 0 ? html`<span class="countdown" aria-hidden="true">${s.retryingIn(seconds)}</span>` : nothing}
    <button type="button" part="reconnect-button" class="reconnect" @click=${reconnectNow}>${s.reconnectNow}</button>`;
}
