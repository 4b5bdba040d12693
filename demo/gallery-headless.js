// A headless ChatSession and a ten-line UI of one's own (the engine without an element).
import { ChatSession } from '/dist/gws-chat.esm.min.js';

export function followHeadless(list, interactionId) {
  const session = new ChatSession({ url: '/api/v2/notifications', interactionId });
  session.addEventListener('change', () => list.replaceChildren(...session.messages
    .filter((m) => m.type === 'Text')
    .map((m) => Object.assign(document.createElement('li'), { textContent: `${m.from?.nickname}: ${m.text}` }))));
  session.connect();
  return session;
}
