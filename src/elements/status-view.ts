/**
 * The status banner: connection state (with the countdown to the next attempt and a
 * "Reconnect now" button), offline, starting, waiting for an agent, ended.
 */
import { html, nothing } from 'lit';
import type { ConnectionState } from '../transport/connection.js';
import type { GwsChatStrings } from './strings.js';

/** What the banner depends on. */
export interface StatusState {
  readonly connectionState: ConnectionState;
  /** While reconnecting, when the next attempt runs (epoch ms). */
  readonly retryAt: number | null;
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
  switch (st.connectionState) {
    case 'connecting':
      return s.connecting;
    case 'disconnected':
      return st.following ? s.disconnected : '';
    case 'reconnecting': {
      // The countdown is visual only: a live region must not announce every second.
      const seconds = st.retryAt === null ? 0 : Math.max(0, Math.ceil((st.retryAt - Date.now()) / 1000));
      return html`<span class="status-text">${st.offline ? s.offline : s.reconnecting}</span>
        ${!st.offline && seconds > 0 ? html`<span class="countdown" aria-hidden="true">${s.retryingIn(seconds)}</span>` : nothing}
        ${st.offline
          ? nothing
          : html`<button type="button" part="reconnect-button" class="reconnect" @click=${reconnectNow}>${s.reconnectNow}</button>`}`;
    }
  }
  if (st.ended) return s.ended;
  if (st.justReconnected) return s.reconnected;
  if (st.starting) return s.starting;
  if (st.waitingForAgent) return s.waitingForAgent;
  return '';
}
