// The messages of the bench: the same texts and senders for gws-chat (GWS v2 notifications,
// published over CometD) and for deep-chat (its `history` / `addMessage` objects).

export const TOPIC = '/v2/me/chats';
const agent = { nickname: 'Marat', type: 'Agent', participantId: 'A1' };
const customer = { nickname: 'Ann', type: 'Customer', participantId: 'C1' };

/** The text of the `i`-th message of a kind: unique, of an ordinary length. */
export const text = (kind, i) => `${kind} ${String(i).padStart(5, '0')} with some ordinary length of text`;

/**
 * `count` messages from index `from`: two of three from the agent, one from the customer
 * (deep-chat 2.4.2's page dies on 10,000 history messages all of one role).
 */
export function messages(kind, from, count) {
  return Array.from({ length: count }, (_, n) => ({ index: from + n, text: text(kind, from + n), customer: (from + n) % 3 === 0 }));
}

/** A GWS `MessageLogUpdated` notification carrying `list` for the chat at `chatUri`. */
export function notification(chatUri, list) {
  return {
    messageType: 'MessageLogUpdated',
    notificationType: 'NewMessages',
    chatUri,
    messages: list.map((m) => ({
      index: m.index, type: 'Text', from: m.customer ? customer : agent, text: m.text, visibility: 'All',
      timestamp: '2014-01-09 11:58:12.035+0200', timestampSeconds: 1389261492035 + m.index,
    })),
  };
}
