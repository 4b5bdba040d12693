/** Registers `<gws-facebook-session>`. Importing this module is the only side effect. */
import { GwsFacebookSession } from './elements/gws-facebook-session.js';

if (!customElements.get('gws-facebook-session')) {
  customElements.define('gws-facebook-session', GwsFacebookSession);
}

declare global {
  interface HTMLElementTagNameMap {
    'gws-facebook-session': GwsFacebookSession;
  }
}

export { GwsFacebookSession };
