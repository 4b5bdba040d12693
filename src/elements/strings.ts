/**
 * Every text the elements show or announce. Hosts override any of them through the
 * `strings` property (translations start here).
 */
export interface GwsChatStrings {
  /** Accessible name of the transcript. */
  transcriptLabel: string;
  /** Sender shown on the customer's own messages. */
  you: string;
  /** Sender shown when a message has none. */
  system: string;
  joined: (name: string) => string;
  left: (name: string) => string;
  renamed: (name: string) => string;
  sharedLink: (name: string) => string;
  typing: (names: readonly string[]) => string;
  connecting: string;
  reconnecting: string;
  /** Visual countdown next to `reconnecting` (not announced every second). */
  retryingIn: (seconds: number) => string;
  offline: string;
  reconnectNow: string;
  reconnected: string;
  disconnected: string;
  ended: string;
  waitingForAgent: string;
  dismiss: string;
  empty: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  sending: string;
  waiting: string;
  notSent: string;
  retry: string;
  /** Accessible name of a message's retry button (several may be on screen). */
  retryLabel: (text: string) => string;
  endChat: string;
  confirmEnd: string;
  keepChatting: string;
  startChat: string;
  starting: string;
  cannotSend: string;
  noChat: string;
}

const list = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** The built-in English texts. */
export const DEFAULT_STRINGS: Readonly<GwsChatStrings> = Object.freeze({
  transcriptLabel: 'Chat transcript',
  you: 'You',
  system: 'System',
  joined: (name: string) => `${name} joined the chat`,
  left: (name: string) => `${name} left the chat`,
  renamed: (name: string) => `${name} changed their name`,
  sharedLink: (name: string) => `${name} shared a link:`,
  typing: (names: readonly string[]) =>
    names.length > 3 ? 'Several people are typing…' : `${list(names)} ${names.length === 1 ? 'is' : 'are'} typing…`,
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  retryingIn: (seconds: number) => `Next try in ${seconds} s.`,
  offline: 'You are offline. Messages will be sent when you are back online.',
  reconnectNow: 'Reconnect now',
  reconnected: 'Reconnected.',
  disconnected: 'Not connected',
  ended: 'This chat has ended.',
  waitingForAgent: 'Waiting for an agent…',
  dismiss: 'Dismiss',
  empty: 'No messages yet.',
  inputLabel: 'Message',
  placeholder: 'Type a message…',
  send: 'Send',
  sending: 'Sending…',
  waiting: 'Waiting to send…',
  notSent: 'Not sent.',
  retry: 'Retry',
  retryLabel: (text: string) => `Retry sending “${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`,
  endChat: 'End chat',
  confirmEnd: 'End this chat?',
  keepChatting: 'Keep chatting',
  startChat: 'Start chat',
  starting: 'Starting…',
  cannotSend: 'You cannot send messages right now.',
  noChat: 'There is no chat to write to.',
});
