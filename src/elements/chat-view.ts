/**
 * The whole view of a chat element, from what it shows: the header slot, the status
 * banner, the error notice, the log (its entries are kept by a `LogRenderer`) with the
 * customer's messages on their way, the jump to
 * new messages, the typing line, the controls (composer or start), the announcer's region.
 * No state of its own; the element builds a `ChatView` at each render.
 */
// First: Lit's Trusted Types policy is created under a guard (see lit-policy.ts).
import './lit-policy.js';
import { html, nothing } from 'lit';
import type { OutgoingMessage } from '../model/outbox.js';
import type { ChatMessage } from '../model/transcript.js';
import type { GwsChatStrings } from '../i18n/strings.js';
import { renderOutgoing } from './composer-view.js';
import { renderErrorNotice } from './error-view.js';
import { renderStatus, type StatusState } from './status-view.js';

/** What a chat element shows, and what its controls do. */
export interface ChatView {
  readonly s: GwsChatStrings;
  /** The locale for times (`undefined`: the browser's). */
  readonly locale: string | undefined;
  /** Lay the content out right to left. */
  readonly rtl: boolean;
  readonly hasHeader: boolean;
  /** The header slot's content changed: whether it holds anything now. */
  readonly headerChanged: (has: boolean) => void;
  readonly status: StatusState;
  readonly reconnectNow: () => void;
  /** The error notice's text, or `null`. */
  readonly notice: string | null;
  readonly dismissNotice: () => void;
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly OutgoingMessage[];
  /** Whether the log is still being filled (a long history arriving in parts). */
  readonly filling: boolean;
  /** Retries a failed message (`null`: it cannot be retried any more). */
  readonly retry: ((key: string) => void) | null;
  /** Entries that arrived while the reader looked at older ones. */
  readonly unread: number;
  readonly jumpToUnread: () => void;
  /** The names of who is typing, isolated. */
  readonly typing: readonly string[];
  /** The composer or the start control, or `nothing`. */
  readonly controls: unknown;
}

export function renderChat(v: ChatView) {
  const { s } = v;
  return html`<div class="content" dir=${v.rtl ? 'rtl' : nothing}>
    <div part="header" class="header" ?hidden=${!v.hasHeader}><slot name="header"
      @slotchange=${(e: Event) => v.headerChanged((e.target as HTMLSlotElement).assignedNodes().length > 0)}></slot></div>
    <div part="status" class="status" role="status">${renderStatus(v.status, s, v.reconnectNow)}</div>
    ${v.notice ? renderErrorNotice(v.notice, s.dismiss, v.dismissNotice) : nothing}
    <div part="log" class="log" role="log" aria-live="off" aria-label=${s.transcriptLabel} tabindex="0"
      aria-busy=${v.filling ? 'true' : 'false'}>
      ${v.messages.length === 0 && v.pending.length === 0
        ? html`<slot name="empty" class="empty"><p part="empty">${s.empty}</p></slot>`
        : html`<div class="entries"></div>`}
      ${renderOutgoing(v.pending, s, v.retry)}
    </div>
    ${v.unread > 0 ? html`<div class="jump"><button type="button" part="new-messages-button" class="new-messages"
      @click=${v.jumpToUnread}>${s.newMessages(v.unread)}</button></div>` : nothing}
    <div part="typing" class="typing" role="status">${v.typing.length
      ? html`<span part="typing-dots" class="dots" aria-hidden="true"><span></span><span></span><span></span></span>${s.typing(v.typing)}`
      : ''}</div>
    ${v.controls}
    <div part="announcer" class="announcer" role="status" aria-live="polite" aria-atomic="true"></div>
  </div>`;
}
