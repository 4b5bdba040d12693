import { css } from 'lit';

/**
 * Styles of the interaction elements. Public `--gws-chat-*` custom properties are copied
 * into private `--_*` variables once, at the host.
 */
export const chatStyles = css`
  :host {
    --_font: var(--gws-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_bg: var(--gws-chat-background, #ffffff);
    --_fg: var(--gws-chat-text-color, #1f2328);
    --_muted: var(--gws-chat-muted-color, #57606a);
    --_border: var(--gws-chat-border-color, #d0d7de);
    --_bubble-bg: var(--gws-chat-bubble-background, #eef1f4);
    --_bubble-fg: var(--gws-chat-bubble-text-color, var(--_fg));
    --_own-bg: var(--gws-chat-own-bubble-background, #0b5cad);
    --_own-fg: var(--gws-chat-own-bubble-text-color, #ffffff);
    --_radius: var(--gws-chat-radius, 12px);
    --_gap: var(--gws-chat-spacing, 8px);
    --_status-bg: var(--gws-chat-status-background, #fff8c5);
    --_error-bg: var(--gws-chat-error-background, #ffebe9);
    --_error-fg: var(--gws-chat-error-text-color, #82071e);

    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: 28rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(--_font);
    font-size: 0.9375rem;
    line-height: 1.4;
    overflow: hidden;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* Empty live regions stay in the page (collapsed, not display: none), so that screen
     readers announce the text when it appears. */
  .status:empty,
  .typing:empty,
  .note:empty {
    padding: 0;
    border: 0;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    padding: 6px var(--_gap);
    background: var(--_status-bg);
    border-bottom: 1px solid var(--_border);
    font-size: 0.875rem;
  }
  .status-text {
    flex: 1;
  }
  .countdown {
    color: var(--_muted);
  }
  .reconnect {
    min-height: 1.75rem;
    padding: 2px 8px;
  }
  .error {
    display: flex;
    align-items: center;
    gap: var(--_gap);
    padding: 6px var(--_gap);
    background: var(--_error-bg);
    color: var(--_error-fg);
    font-size: 0.875rem;
  }
  .error p {
    flex: 1;
    margin: 0;
  }
  .error button {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid currentColor;
    border-radius: 6px;
    padding: 2px 8px;
    cursor: pointer;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_gap);
    display: flex;
    flex-direction: column;
  }
  .entries {
    display: flow-root;
  }
  /* Entries come in chunks of 50 (see renderLog): off-screen chunks are neither laid out
     nor painted, and an append re-lays out one chunk. */
  .chunk {
    display: flow-root;
    content-visibility: auto;
    contain-intrinsic-size: auto 2400px;
  }
  .chunk + .chunk,
  .message + .message {
    margin-top: var(--_gap);
  }
  .log:focus-visible {
    outline: 2px solid var(--_own-bg);
    outline-offset: -2px;
  }
  .empty {
    margin: auto;
    color: var(--_muted);
  }
  .message {
    overflow-wrap: anywhere;
  }
  .text {
    width: fit-content;
    max-width: 80%;
    padding: 6px 10px;
    border-radius: var(--_radius);
    border-bottom-left-radius: 4px;
    background: var(--_bubble-bg);
    color: var(--_bubble-fg);
  }
  .text.own {
    margin-inline-start: auto;
    border-bottom-left-radius: var(--_radius);
    border-bottom-right-radius: 4px;
    background: var(--_own-bg);
    color: var(--_own-fg);
  }
  .text a {
    color: inherit;
  }
  .sender {
    display: block;
    font-size: 0.75rem;
    font-weight: 600;
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
  }
  .time {
    display: block;
    font-size: 0.75rem;
    text-align: end;
  }
  .system {
    text-align: center;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .system .time {
    display: inline;
  }
  .typing {
    padding: 4px var(--_gap);
    color: var(--_muted);
    font-size: 0.8125rem;
    font-style: italic;
  }
  .outgoing {
    display: flow-root;
    margin-top: var(--_gap);
  }
  /* Not yet in the server's log: a dashed edge (not transparency, which would cost contrast). */
  .text.sending,
  .text.waiting {
    outline: 2px dashed var(--_own-bg);
    outline-offset: 2px;
  }
  .text.sending .delivery,
  .text.waiting .delivery {
    font-style: italic;
  }
  .text.failed {
    background: var(--_error-bg);
    color: var(--_error-fg);
    border: 1px solid currentColor;
  }
  .delivery {
    display: block;
    font-size: 0.75rem;
    text-align: end;
  }
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 6px;
    padding: var(--_gap);
    border-top: 1px solid var(--_border);
  }
  .input {
    flex: 1;
    min-width: 0;
    min-height: 2.25rem;
    max-height: 8rem;
    field-sizing: content;
    resize: none;
    padding: 6px 10px;
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .input:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_own-bg);
    outline-offset: 1px;
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    padding: 4px 12px;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  button:disabled,
  .input:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .send {
    background: var(--_own-bg);
    border-color: var(--_own-bg);
    color: var(--_own-fg);
  }
  .retry {
    display: block;
    margin-inline-start: auto;
    margin-top: 4px;
    min-height: 1.75rem;
    color: inherit;
    background: transparent;
    border-color: currentColor;
  }
  .note {
    margin: 0;
    padding: 0 var(--_gap) var(--_gap);
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .error-note {
    color: var(--_error-fg);
  }
  .confirm {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 6px;
    padding: 6px var(--_gap);
    border-top: 1px solid var(--_border);
    background: var(--_status-bg);
  }
  .confirm span {
    flex: 1;
  }
  .confirm-yes {
    background: var(--_error-fg);
    border-color: var(--_error-fg);
    color: #ffffff;
  }
  .start {
    display: flex;
    justify-content: center;
    padding: var(--_gap);
    border-top: 1px solid var(--_border);
  }
`;
