/**
 * The package entry: classes, event and protocol types. Registers nothing; import
 * `gws-chat/gws-chat.js` (or load the script bundle) to define the elements.
 */
export { GwsInteractionElement, type GwsChatTheme } from './elements/gws-interaction-element.js';
export { GwsChat } from './elements/gws-chat.js';
export { GwsFacebookSession } from './elements/gws-facebook-session.js';
export { DEFAULT_STRINGS, type GwsChatStrings } from './i18n/languages.js';
export type * from './events.js';
export type { ChatMessage } from './model/transcript.js';
export { CHAT, FACEBOOK_SESSION, type MediumDescriptor } from './protocol/medium.js';
export { parseNotification } from './protocol/parse.js';
export type * from './protocol/types.js';
export type { ConnectionState } from './transport/source.js';
export type { ConnectionProblem } from './transport/cross-origin.js';
export { GwsChatError } from './session/gws-chat-error.js';
export {
  ChatSession, type ChatSessionOptions, type ServerError, type SessionStatus, type StartChatOptions,
} from './session/chat-session.js';
export type { CatchUpStatus } from './session/catch-up.js';
export type { OutgoingDelivery, OutgoingFailure, OutgoingMessage, OutgoingStatus } from './model/outbox.js';
export { OperationError } from './transport/rest.js';
// The widget is a script of its own (dist/gws-chat-widget.js): its types only, no code here.
export type { GwsChatWidget, GwsChatWidgetEventMap } from './widget/gws-chat-widget.js';
export type { GwsUnreadChangeDetail } from './widget/widget-events.js';
