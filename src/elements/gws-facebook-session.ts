import { FACEBOOK_SESSION } from '../protocol/medium.js';
import { GwsInteractionElement } from './gws-interaction-element.js';

/**
 * Shows one live Facebook private-messaging session (`/v2/me/facebooksession`).
 *
 * @summary A transcript for one GWS Facebook session.
 * @tag gws-facebook-session
 */
export class GwsFacebookSession extends GwsInteractionElement {
  static override medium = FACEBOOK_SESSION;
}
