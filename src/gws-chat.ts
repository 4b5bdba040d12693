/** Registers `<gws-chat>`. Importing this module is the only side effect. */
import { GwsChat } from './elements/gws-chat.js';

if (!customElements.get('gws-chat')) customElements.define('gws-chat', GwsChat);

declare global {
  interface HTMLElementTagNameMap {
    'gws-chat': GwsChat;
  }
}

export { GwsChat };
