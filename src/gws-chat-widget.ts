/**
 * Registers `<gws-chat-widget>`. Importing this module is the only side effect. Built as
 * the classic script `dist/gws-chat-widget.js` (the loader), which loads the chat from
 * beside itself when it is wanted.
 */
import { GwsChatWidget } from './widget/gws-chat-widget.js';

if (!customElements.get('gws-chat-widget')) customElements.define('gws-chat-widget', GwsChatWidget);

declare global {
  interface HTMLElementTagNameMap {
    'gws-chat-widget': GwsChatWidget;
  }
}

export { GwsChatWidget };
export type * from './widget/widget-events.js';
