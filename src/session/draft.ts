/**
 * The rules a customer's draft follows before it is sent: not empty, not longer than the
 * limit (counted in code points, as the customer sees characters), and a chat that takes
 * messages now. Pure; the session and the composer ask the same rules.
 */
import { codePoints } from '../model/text.js';
import type { InteractionState } from '../protocol/types.js';
import { GwsChatError } from './gws-chat-error.js';

/** Why the customer cannot send now. */
export type SendBlock = 'no-interaction' | 'ended' | 'not-allowed' | 'pending';

/** Checks a draft: `null` when it may be sent, else why not. */
export function checkDraft(text: string, maxLength: number): GwsChatError | null {
  if (!text.trim()) return new GwsChatError('The message is empty.', 'empty');
  const length = codePoints(text);
  if (length > maxLength) {
    return new GwsChatError(
      `The message is too long: ${length.toLocaleString()} characters, at most ${maxLength.toLocaleString()}.`,
      'too-long',
    );
  }
  return null;
}

/**
 * The text the page's `gws-before-send` handlers (fired on `target`, cancelable) leave to
 * send: they may rewrite `detail.text` or cancel. Checked again; throws a `GwsChatError`
 * (`canceled`, `empty`, `too-long`) when nothing may be sent.
 */
export function textToSend(target: EventTarget, draft: string, maxLength: number): string {
  const before = new CustomEvent<{ text: string }>('gws-before-send', { detail: { text: draft }, cancelable: true });
  if (!target.dispatchEvent(before)) throw new GwsChatError('Sending was canceled by the page.', 'canceled');
  const text: unknown = before.detail.text;
  if (typeof text !== 'string') throw new GwsChatError('A gws-before-send handler left no text to send.', 'canceled');
  const invalid = checkDraft(text, maxLength);
  if (invalid) throw invalid;
  return text;
}

/** Why a chat takes no message now (`null`: it takes one). */
export function sendBlock(chat: {
  readonly following: boolean;
  readonly ended: boolean;
  readonly state: InteractionState | null;
  readonly capabilities: readonly string[];
}): SendBlock | null {
  if (!chat.following) return 'no-interaction';
  if (chat.ended) return 'ended';
  if (chat.state === null) return 'pending';
  return chat.capabilities.includes('SendMessage') ? null : 'not-allowed';
}

/** The error `send()` rejects with when the chat takes no message. */
export function blockedError(blocked: SendBlock): GwsChatError {
  switch (blocked) {
    case 'no-interaction':
      return new GwsChatError('There is no chat to send to.', 'no-interaction');
    case 'ended':
      return new GwsChatError('This chat has ended.', 'not-allowed');
    default:
      return new GwsChatError('The server does not allow sending messages now.', 'not-allowed');
  }
}
