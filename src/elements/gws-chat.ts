import { CHAT } from '../protocol/medium.js';
import { GwsInteractionElement } from './gws-interaction-element.js';

/**
 * Shows one live Genesys chat interaction (`/v2/me/chats`) to the customer.
 *
 * @summary A customer-side chat transcript for one GWS chat interaction.
 * @tag gws-chat
 */
export class GwsChat extends GwsInteractionElement {
  static override medium = CHAT;
}
