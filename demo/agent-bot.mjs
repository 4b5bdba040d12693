// The demo's scripted agent: answers every chat a customer starts on the simulator, with
// the chat spec example's lines, typing pauses, a pushed link and an agent-only note.
import { specExamples } from './notifications.mjs';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const [greeting, nudge] = specExamples.chatLog.data.messages.map((m) => m.text);

const REPLIES = [
  [/\b(bye|thanks|thank you)\b/i, 'You are welcome! I will close this chat now. Have a nice day.'],
  [/\border\b|\bdeliver|\bshipping|\blate\b/i, 'I see. Let me check that order for you… It ships tomorrow; you can track it at https://example.com/track/1042'],
  [/\brefund|\breturn/i, 'Refunds take 3–5 working days. Here is our returns page: https://example.com/returns'],
  [/<|>|script/i, 'That looked like code; it shows here as plain text, exactly as you typed it.'],
];

/**
 * Starts answering chats on the simulator's REST API; returns a function that stops it.
 * @param {ReturnType<import('./simulator-rest.mjs').createRestApi>} rest
 */
export function startAgentBot(rest) {
  const idle = new Map();
  const remind = (id) => {
    clearTimeout(idle.get(id));
    idle.set(id, setTimeout(() => rest.agent(id, 'say', { text: nudge }).catch(() => {}), 45_000));
  };
  const offRequested = rest.onChatRequested(async (id) => {
    try {
      await wait(1500);
      await rest.agent(id, 'join');
      await rest.agent(id, 'say', { text: 'Agents only: new web customer, treat as VIP.', visibility: 'Agents', nickname: 'Supervisor', participantId: 'A00000000000009' });
      await rest.agent(id, 'typing');
      await wait(1200);
      await rest.agent(id, 'say', { text: greeting });
      remind(id);
    } catch (e) {
      console.error('agent bot:', e);
    }
  });
  const offMessage = rest.onCustomerMessage(async (id, text) => {
    try {
      remind(id);
      await wait(500);
      await rest.agent(id, 'typing');
      await wait(1500);
      const reply = REPLIES.find(([pattern]) => pattern.test(text))?.[1] ?? `You wrote “${text.slice(0, 80)}”. Could you tell me a bit more?`;
      await rest.agent(id, 'say', { text: reply });
      if (/\b(bye|thanks|thank you)\b/i.test(text)) {
        clearTimeout(idle.get(id));
        await wait(1000);
        await rest.agent(id, 'push-url', { url: 'https://example.com/survey' });
        await rest.agent(id, 'leave');
        await rest.agent(id, 'complete');
      }
    } catch (e) {
      console.error('agent bot:', e);
    }
  });
  return () => {
    offRequested();
    offMessage();
    for (const t of idle.values()) clearTimeout(t);
  };
}
