import type { PropertyDeclarations } from 'lit';
import { CHAT } from '../protocol/medium.js';
import type { StartChatOptions } from '../session/chat-session.js';
import { renderStart } from './composer-view.js';
import { GwsInteractionElement } from './gws-interaction-element.js';
import type { GwsChatStrings } from '../i18n/strings.js';

/**
 * Shows one live Genesys chat interaction (`/v2/me/chats`) to the customer, and lets them
 * start one.
 *
 * @summary A customer-side chat transcript for one GWS chat interaction.
 * @tag gws-chat
 *
 * @fires gws-chat-started - A chat requested with `startChat()` exists and is followed. `detail.interactionId`.
 * @csspart start-button - Starts a chat (shown when there is none and one can be started).
 */
export class GwsChat extends GwsInteractionElement {
  static override medium = CHAT;

  // Reactive properties besides the base element's (see there why not by decorators).
  static override properties: PropertyDeclarations = { nickname: {}, subject: {} };

  /** The customer's display name for `startChat()`. */
  nickname = '';

  /** The subject for `startChat()`. */
  subject = '';

  /**
   * Starts a chat (`RequestChat`) when the element follows none, then follows it.
   * Options default to the `nickname` and `subject` properties. Resolves with the new id.
   */
  async startChat(options: StartChatOptions = {}): Promise<string> {
    this.syncSession();
    return this.session.startChat({ nickname: this.nickname, subject: this.subject, ...options });
  }

  protected override renderStart(s: GwsChatStrings): unknown {
    if (!this.url) return super.renderStart(s);
    return renderStart(s, this.session.busy === 'starting', () => {
      this.startChat().then(
        () => this.composer.focusInputWhenReady(),
        () => this.showNotice('startFailed'),
      );
    });
  }
}
