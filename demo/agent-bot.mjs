// The demo's scripted auto-agent: answers every chat a customer starts on the simulator, with
// the chat spec example's lines, typing pauses, a pushed link and an agent-only note, until a
// person takes the chat over from the agent console (`handOver`).
import { specExamples } from './notifications.mjs';

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const [greeting, nudge] = specExamples.chatLog.data.messages.map((m) => m.text);

/** Who the auto-agent is in the chats it answers. */
export const AUTO_AGENT = Object.freeze({ nickname: 'Marat', participantId: 'A00000000000001' });

const REPLIES = [
  [/\b(bye|thanks|thank you)\b/i, 'You are welcome! I will close this chat now. Have a nice day.'],
  [/\border\b|\bdeliver|\bshipping|\blate\b/i, 'I see. Let me check that order for you… It ships tomorrow; you can track it at https://example.com/track/1042'],
  [/\brefund|\breturn/i, 'Refunds take 3–5 working days. Here is our returns page: https://example.com/returns'],
  [/\bhuman\b|\bperson\b|\bagent\b/i, 'A colleague can take over from the agent console (/agent.html): the moment they send, I hand this chat to them.'],
  [/<|>|script/i, 'That looked like code; it shows here as plain text, exactly as you typed it.'],
];

/**
 * What the auto-agent does in one chat: `answering` until a person takes over
 * (`handed-over`), or `done` once it closed the chat itself.
 * @typedef {'answering' | 'handed-over' | 'done'} AutoAgentStatus
 */

/**
 * Starts answering chats on the simulator's REST API.
 * @param {ReturnType<import('./simulator-rest.mjs').createRestApi>} rest
 */
export function startAgentBot(rest) {
  /** @type {Map<string, AutoAgentStatus>} */
  const chats = new Map();
  const idle = new Map();
  const answering = (id) => chats.get(id) === 'answering';
  const remind = (id) => {
    clearTimeout(idle.get(id));
    idle.set(id, setTimeout(() => answering(id) && rest.agent(id, 'say', { text: nudge }).catch(() => {}), 45_000));
  };
  /** Runs the bot's next step only while it still answers this chat. */
  const step = async (id, action, o) => {
    if (answering(id)) await rest.agent(id, action, o);
  };
  const offRequested = rest.onChatRequested(async (id) => {
    chats.set(id, 'answering');
    try {
      await wait(1500);
      await step(id, 'join');
      await step(id, 'say', { text: 'Agents only: new web customer, treat as VIP.', visibility: 'Agents', nickname: 'Supervisor', participantId: 'A00000000000009' });
      await step(id, 'typing');
      await wait(1200);
      await step(id, 'say', { text: greeting });
      remind(id);
    } catch (e) {
      console.error('agent bot:', e);
    }
  });
  const offMessage = rest.onCustomerMessage(async (id, text) => {
    if (!answering(id)) return;
    try {
      remind(id);
      await wait(500);
      await step(id, 'typing');
      await wait(1500);
      const reply = REPLIES.find(([pattern]) => pattern.test(text))?.[1] ?? `You wrote “${text.slice(0, 80)}”. Could you tell me a bit more?`;
      await step(id, 'say', { text: reply });
      if (answering(id) && /\b(bye|thanks|thank you)\b/i.test(text)) {
        chats.set(id, 'done');
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
  return {
    /** What the auto-agent does in chat `id` (`undefined`: it never answered it). @returns {AutoAgentStatus | undefined} */
    status: (id) => chats.get(id),
    /**
     * A person takes chat `id` over: the auto-agent stops at once (a reply it was typing is
     * not sent) and leaves the chat. Answers whether it was answering.
     */
    async handOver(id) {
      if (!answering(id)) return false;
      chats.set(id, 'handed-over');
      clearTimeout(idle.get(id));
      const joined = rest.snapshot(id)?.participants.some((p) => p.participantId === AUTO_AGENT.participantId);
      if (joined) {
        await rest.agent(id, 'typing', { stop: true });
        await rest.agent(id, 'leave');
      }
      return true;
    },
    stop() {
      offRequested();
      offMessage();
      for (const t of idle.values()) clearTimeout(t);
    },
  };
}
