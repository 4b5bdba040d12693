/**
 * The panel's styles (the pre-chat form and the end-of-chat buttons): a constructable
 * stylesheet the panel adds to the widget's shadow root, beside the loader's (whose private
 * `--_*` variables it uses).
 */
export const PANEL_CSS = `:host{--_af:var(--gws-chat-accent-text-color,#fff);--_bg:var(--gws-chat-background,light-dark(#fff,#0d1117));--_b:var(--gws-chat-border-color,light-dark(#d0d7de,#3d444d))}
.f{display:flex;flex-direction:column;gap:.75rem;padding:1rem;margin:0}
.f p{margin:0}
.r{display:flex;flex-direction:column;gap:.25rem}
label{font-weight:600}
input{font:inherit;color:inherit;background:var(--_bg);padding:.5rem .625rem;border:1px solid var(--gws-chat-control-border-color,light-dark(#818b98,#7d8590));border-radius:calc(var(--_r)/2)}
[aria-invalid=true]{border-color:var(--gws-chat-error-text-color,light-dark(#b3261e,#ffa198));border-width:2px}
.x{color:var(--gws-chat-error-text-color,light-dark(#a40e26,#ffa198));font-size:.875rem}
.x:empty{display:none}
.btn,.btn2{padding:.5rem 1rem;border-radius:var(--_r);border:1px solid var(--_a)}
.btn{background:var(--_a);color:var(--_af)}
.btn2{background:none;color:inherit;border-color:var(--gws-chat-control-border-color,light-dark(#818b98,#7d8590))}
.btn:disabled{opacity:.7;cursor:progress}
.f .btn{align-self:flex-start}
.e{display:flex;flex-wrap:wrap;gap:.5rem;padding:.75rem;border-block-start:1px solid var(--_b)}
.n{position:fixed;z-index:var(--gws-chat-widget-z-index,2147483000);inset-block-end:calc(var(--_o) + 2.6rem);inset-inline-end:calc(var(--_o) - 4px);pointer-events:none;min-width:1.4em;padding:0 .3em;border-radius:1em;background:#b3261e;color:#fff;font:700 .8rem/1.4 sans-serif;text-align:center}
:host([position=bottom-start]) .n{inset-inline:calc(var(--_o) + 2.6rem) auto}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
gws-chat{flex:1;min-height:0;height:auto;border:0;border-radius:0}
button:focus-visible,input:focus-visible{outline:3px solid var(--gws-chat-focus-ring-color,light-dark(#0b5cad,#6cb6ff));outline-offset:2px}`;
