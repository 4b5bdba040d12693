/** English texts, built in (every other language is loaded on demand). */
import type { GwsChatStrings } from '../strings.js';
import { clip, list, number, plural } from '../format.js';

const strings: GwsChatStrings = {
  transcriptLabel: 'Chat transcript',
  you: 'You',
  system: 'System',
  joined: (name) => `${name} joined the chat`,
  left: (name) => `${name} left the chat`,
  renamed: (name) => `${name} changed their name`,
  sharedLink: (name) => `${name} shared a link:`,
  typing: (names) =>
    names.length > 3
      ? 'Several people are typing…'
      : `${list('en', names)} ${plural('en', names.length, { one: 'is', other: 'are' })} typing…`,
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  retryingIn: (seconds) => `Next try in ${seconds} s.`,
  crossOrigin: (server, page) =>
    `Could not reach the chat server at ${server}. It is on another origin than this page: `
    + `it must allow this page's origin (${page}) with credentials (CORS).`,
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
  unreachable: 'The server could not be reached.',
  refused: 'The server did not accept it.',
  unconfirmed: 'Whether it arrived could not be checked.',
  retry: 'Retry',
  retryLabel: (text) => `Retry sending “${clip(text)}”`,
  endChat: 'End chat',
  confirmEnd: 'End this chat?',
  keepChatting: 'Keep chatting',
  startChat: 'Start chat',
  starting: 'Starting…',
  cannotSend: 'You cannot send messages right now.',
  noChat: 'There is no chat to write to.',
  tooLong: (length, max) =>
    `The message is too long: ${number('en', length)} characters, at most ${number('en', max)}.`,
  serverError: 'The server reported a problem with this chat.',
  chatNotFound: 'This chat could not be found.',
  logUnavailable: 'The messages of this chat could not be loaded.',
  startFailed: 'The chat could not be started. Please try again.',
  endFailed: 'The chat could not be ended. Please try again.',
  announceMessage: (name, text) => `${name}: ${text}`,
  andMore: (count) => `And ${number('en', count)} more ${plural('en', count, { one: 'message', other: 'messages' })}.`,
  newMessages: (count) => `${number('en', count)} new ${plural('en', count, { one: 'message', other: 'messages' })}`,
};

export default strings;
