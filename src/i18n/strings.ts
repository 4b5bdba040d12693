/**
 * Every text the elements show or announce, in one language. The elements ship English,
 * German, French, Spanish, Portuguese, Arabic, Hebrew and Japanese (`src/i18n/lang/`);
 * hosts override any entry through the `strings` property. Entries that take numbers or
 * names are functions: they choose plural forms with `Intl.PluralRules` and join lists
 * with `Intl.ListFormat`, in the table's language. No sentence is made outside this table.
 */
export interface GwsChatStrings {
  /** Accessible name of the transcript. */
  transcriptLabel: string;
  /** Sender shown on the customer's own messages. */
  you: string;
  /** Sender shown when a message has none. */
  system: string;
  /** A participant joined the chat (`name`: their nickname). */
  joined: (name: string) => string;
  /** A participant left the chat. */
  left: (name: string) => string;
  /** A participant changed their nickname (when the server sent no text of its own). */
  renamed: (name: string) => string;
  /** Before a link a participant pushed (`name`: who pushed it); the link follows. */
  sharedLink: (name: string) => string;
  /** The typing line: the nicknames of everyone typing now (one or more). */
  typing: (names: readonly string[]) => string;
  /** Status while connecting (and the composer's note until the chat's state is known). */
  connecting: string;
  /** Status while the connection is lost and being tried again. */
  reconnecting: string;
  /**
   * Visual countdown next to `reconnecting`, and on a failed message that is retried by
   * itself (not announced every second).
   */
  retryingIn: (seconds: number) => string;
  /**
   * Next to `connecting` / `reconnecting` while a chat server on another origin does not
   * answer although the browser is online: the likely cause (CORS). `server` and `page` are
   * the two origins.
   */
  crossOrigin: (server: string, page: string) => string;
  /** Status while the browser is offline. */
  offline: string;
  /** The button in the status banner that tries to reconnect at once. */
  reconnectNow: string;
  /** Status for a few seconds once the connection is back. */
  reconnected: string;
  /** Status when an element that follows a chat is not connected. */
  disconnected: string;
  /** Status once the chat has ended; also why a message could not be sent any more. */
  ended: string;
  /** Status of a new chat until an agent joins. */
  waitingForAgent: string;
  /** The button that closes the error notice. */
  dismiss: string;
  /** The log before the first message. */
  empty: string;
  /** Accessible name of the message input. */
  inputLabel: string;
  /** Placeholder of the message input. */
  placeholder: string;
  /** The send button. */
  send: string;
  /** On a message of the customer's on its way. */
  sending: string;
  /** On a message of the customer's queued until it can go (offline, or behind an earlier one). */
  waiting: string;
  /** On a message that could not be sent, before why (`ended`, `unreachable`, `refused`, `unconfirmed`). */
  notSent: string;
  /** Why a message was not sent: the server did not answer. */
  unreachable: string;
  /** Why a message was not sent: the server did not accept it. */
  refused: string;
  /** Why a message was not sent: whether the server has it cannot be checked (its log cannot be read). */
  unconfirmed: string;
  /** The button that sends a failed message again. */
  retry: string;
  /** Accessible name of a message's retry button (several may be on screen). */
  retryLabel: (text: string) => string;
  /** The button that ends the chat, and the one that confirms it. */
  endChat: string;
  /** The question before the chat is ended. */
  confirmEnd: string;
  /** The button that cancels ending the chat. */
  keepChatting: string;
  /** The button that starts a chat. */
  startChat: string;
  /** Status, and the start button, while a chat is being started. */
  starting: string;
  /** The composer's note while the server does not allow sending. */
  cannotSend: string;
  /** The composer's note when there is no chat to write to. */
  noChat: string;
  /** The composer's note on a draft over `max-length` (`length` and `max` in characters). */
  tooLong: (length: number, max: number) => string;
  /** The error notice when the server reported an error about this chat. */
  serverError: string;
  /** The error notice when the server does not know this chat (a wrong `interaction-id`). */
  chatNotFound: string;
  /** The error notice when the chat's messages cannot be read from the server. */
  logUnavailable: string;
  /** The error notice when a chat could not be started. */
  startFailed: string;
  /** The error notice when the chat could not be ended. */
  endFailed: string;
  /** Spoken (not shown) for a new message of another participant: "Marat: Hello". */
  announceMessage: (name: string, text: string) => string;
  /** Spoken after the first few of a burst of new entries: how many more there are. */
  andMore: (count: number) => string;
  /** The button that jumps to the first unread message while the reader looks at older ones. */
  newMessages: (count: number) => string;
}
