/** The events `<gws-chat-widget>` fires itself (the chat's `gws-*` events bubble through it too). */

/** `gws-unread-change`: the number of the agent's messages not yet seen changed. */
export interface GwsUnreadChangeDetail {
  readonly count: number;
}

/** The widget's own events, typed for `addEventListener` on any element. */
interface GwsWidgetOwnEvents {
  'gws-widget-open': CustomEvent<null>;
  'gws-widget-close': CustomEvent<null>;
  'gws-unread-change': CustomEvent<GwsUnreadChangeDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface HTMLElementEventMap extends GwsWidgetOwnEvents {}
}
