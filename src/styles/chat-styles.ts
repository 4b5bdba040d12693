import { css } from 'lit';

/**
 * Styles of the interaction elements. Public `--gws-chat-*` custom properties are copied
 * into private `--_*` variables once, at the host.
 */
export const chatStyles = css`
  :host {
    /* Light and dark defaults: light-dark() follows the host's color-scheme, which the
       theme attribute sets (auto: the visitor's preference). */
    color-scheme: light dark;
    --_font: var(--gws-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--gws-chat-font-size, 0.9375rem);
    --_line-height: var(--gws-chat-line-height, 1.4);
    --_bg: var(--gws-chat-background, light-dark(#ffffff, #0d1117));
    --_fg: var(--gws-chat-text-color, light-dark(#1f2328, #e6edf3));
    --_muted: var(--gws-chat-muted-color, light-dark(#57606a, #9198a1));
    --_border: var(--gws-chat-border-color, light-dark(#d0d7de, #3d444d));
    --_control-border: var(--gws-chat-control-border-color, light-dark(#818b98, #7d8590));
    --_accent: var(--gws-chat-accent-color, light-dark(#0b5cad, #2f6fd0));
    --_accent-fg: var(--gws-chat-accent-text-color, #ffffff);
    --_focus: var(--gws-chat-focus-ring-color, light-dark(#0b5cad, #6cb6ff));
    --_bubble-bg: var(--gws-chat-bubble-background, light-dark(#eef1f4, #262c36));
    --_bubble-fg: var(--gws-chat-bubble-text-color, var(--_fg));
    --_own-bg: var(--gws-chat-own-bubble-background, var(--_accent));
    --_own-fg: var(--gws-chat-own-bubble-text-color, var(--_accent-fg));
    --_radius: var(--gws-chat-radius, 12px);
    --_bubble-radius: var(--gws-chat-bubble-radius, var(--_radius));
    --_gap: var(--gws-chat-spacing, 8px);
    --_space-s: calc(var(--_gap) / 2);
    --_space-l: calc(var(--_gap) * 1.5);
    --_shadow: var(--gws-chat-shadow, none);
    --_status-bg: var(--gws-chat-status-background, light-dark(#fff8c5, #342b00));
    --_status-fg: var(--gws-chat-status-text-color, var(--_fg));
    --_error-bg: var(--gws-chat-error-background, light-dark(#ffebe9, #3d1418));
    --_error-fg: var(--gws-chat-error-text-color, light-dark(#82071e, #ffa198));

    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    height: 28rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: var(--_shadow);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    overflow: hidden;
  }
  :host([theme='light' i]) {
    color-scheme: light;
  }
  :host([theme='dark' i]) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  /* Carries the language's direction (dir="rtl"); its children are the host's flex items. */
  .content {
    display: contents;
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
    color: var(--_status-fg);
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
  /* Entries come in chunks of about 50 (see LogRenderer): off-screen chunks are neither laid out
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
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .empty {
    display: block;
    margin: auto;
    color: var(--_muted);
    text-align: center;
  }
  .empty p {
    margin: 0;
  }
  .header {
    padding: var(--_space-s) var(--_gap);
    border-bottom: 1px solid var(--_border);
  }
  .header[hidden] {
    display: none;
  }
  .message {
    overflow-wrap: anywhere;
  }
  .text {
    width: fit-content;
    max-width: 80%;
    padding: 6px 10px;
    border: 1px solid transparent;
    border-radius: var(--_bubble-radius);
    /* The corner towards the sender's side (mirrored in right-to-left). */
    border-end-start-radius: 4px;
    background: var(--_bubble-bg);
    color: var(--_bubble-fg);
  }
  .text.own {
    margin-inline-start: auto;
    border-end-start-radius: var(--_bubble-radius);
    border-end-end-radius: 4px;
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
  /* The "new messages" button floats over the bottom of the log and takes no room: the log
     does not move when it comes or goes. */
  .jump {
    position: relative;
    height: 0;
    z-index: 1;
  }
  .new-messages {
    position: absolute;
    bottom: var(--_gap);
    inset-inline-end: calc(var(--_gap) * 2);
    min-height: 2rem;
    padding: 2px 12px;
    border-radius: 999px;
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.3);
  }
  /* Spoken by screen readers, not shown. */
  .announcer {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .dots {
    display: inline-flex;
    gap: 2px;
    margin-inline-end: 6px;
    vertical-align: middle;
  }
  .dots span {
    width: 4px;
    height: 4px;
    border-radius: 50%;
    background: currentColor;
    animation: gws-chat-dot 1.2s infinite ease-in-out both;
  }
  .dots span:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes gws-chat-dot {
    0%, 80%, 100% { opacity: 0.25; }
    40% { opacity: 1; }
  }
  @media (prefers-reduced-motion: reduce) {
    .dots span {
      animation: none;
      opacity: 0.6;
    }
  }
  .outgoing {
    display: flow-root;
    margin-top: var(--_gap);
  }
  /* Not yet in the server's log: a dashed edge (not transparency, which would cost contrast). */
  .text.sending,
  .text.waiting {
    outline: 2px dashed var(--_accent);
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
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
  }
  .input:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    padding: 4px 12px;
    border-radius: var(--_radius);
    border: 1px solid var(--_control-border);
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
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
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
    color: var(--_error-bg);
  }
  .start {
    display: flex;
    justify-content: center;
    padding: var(--_gap);
    border-top: 1px solid var(--_border);
  }
  /* Windows high contrast: backgrounds are dropped, so every box that carried meaning by
     its colour gets an edge, and the customer's own messages a double one. */
  @media (forced-colors: active) {
    .text {
      border-color: CanvasText;
    }
    .dots span {
      background: CanvasText;
    }
    .text.own {
      border: 3px double CanvasText;
    }
    .text.sending,
    .text.waiting {
      outline-color: CanvasText;
    }
    .status:not(:empty),
    .error,
    .confirm {
      border: 1px solid CanvasText;
    }
    .log:focus-visible,
    .input:focus-visible,
    button:focus-visible {
      outline-color: Highlight;
    }
    button:disabled,
    .input:disabled {
      opacity: 1;
      color: GrayText;
      border-color: GrayText;
    }
  }
`;
