// The scripted interactions the demo plays: a chat and a Facebook session built from the
// spec examples, published step by step on the simulator's real CometD server.
import { logData, message, specExamples, stateData } from './notifications.mjs';

const CUSTOMER = { nickname: 'PersonP', type: 'Customer', participantId: '009052C5E6D6004A' };
const AGENT = { nickname: 'Marat', type: 'Agent', participantId: '009052C5E743004C' };
const SUPERVISOR = { nickname: 'Supervisor', type: 'Agent', participantId: '009052C5E743004E' };
const CAPABILITIES = ['Complete', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification'];

/** Messages of a spec example, re-stamped to now so the demo shows today's times. */
function fromExample(example, pick) {
  return example.data.messages.filter(pick).map((m) => ({
    ...m,
    timestamp: new Date().toISOString().replace('Z', '+0000'),
    timestampSeconds: Date.now(),
  }));
}

/**
 * The steps of the chat: [delay before it in ms, topic, data builder].
 * @param {string} id @param {string} origin
 */
function chatSteps(id, origin) {
  const s = (o) => ['/v2/me/chats', () => stateData('chat', { id, origin, ...o })];
  const l = (...messages) => ['/v2/me/chats', () => logData('chat', { id, origin, messages: messages.map((m) => (typeof m === 'function' ? m() : m)) })];
  const msg = (...a) => () => message(...a);
  return [
    [300, ...s({ state: 'WaitingForAgent', participants: [CUSTOMER], capabilities: CAPABILITIES, userData: { subject: 'Order 1042' } })],
    [300, ...l(msg(1, 'ParticipantJoined', CUSTOMER))],
    [1500, ...l(msg(2, 'ParticipantJoined', AGENT))],
    [0, ...s({ state: 'Chatting', participants: [CUSTOMER, AGENT], notificationType: 'ParticipantsUpdated' })],
    [600, ...l(msg(3, 'TypingStarted', AGENT))],
    // The chat spec example: two different messages that share index 3.
    [1800, ...l(...fromExample(specExamples.chatLog, () => true).map((m) => ({ ...m, from: AGENT })))],
    [1500, ...l(msg(4, 'Text', CUSTOMER, { text: 'My order 1042 has not arrived yet.' }))],
    [400, ...l(msg(5, 'Text', SUPERVISOR, { text: 'Agents only: VIP customer, offer express shipping.', visibility: 'Agents' }))],
    [600, ...l(msg(6, 'TypingStarted', AGENT))],
    [2000, ...l(msg(7, 'Text', AGENT, { text: 'Sorry about that! You can track it at https://example.com/track/1042 — I have upgraded it to express.' }))],
    [900, ...l(msg(8, 'PushUrl', AGENT, { url: 'https://example.com/help/shipping' }))],
    [1200, ...l(msg(9, 'Text', CUSTOMER, { text: 'Thank you! <b>Great</b> service.' }))],
    [900, ...l(msg(10, 'Notice', null, { text: 'The agent will close this chat shortly.' }))],
    [1200, ...l(msg(11, 'ParticipantLeft', AGENT))],
    [0, ...s({ state: 'Completed', participants: [CUSTOMER], capabilities: [] })],
  ];
}

/** @param {string} id @param {string} origin */
function facebookSteps(id, origin) {
  const fb = (data) => ['/v2/me/facebooksession', () => data()];
  const exampleMessages = specExamples.fbLog.data.messages;
  const steps = [[300, ...fb(() => stateData('facebooksession', { id, origin, participants: [CUSTOMER, AGENT] }))]];
  // The Facebook spec example's messages, one by one (the customer's own typing is not shown).
  for (const m of exampleMessages) {
    steps.push([1100, ...fb(() => logData('facebooksession', { id, origin, messages: fromExample({ data: { messages: [m] } }, () => true) }))]);
  }
  steps.push([1500, ...fb(() => logData('facebooksession', { id, origin, messages: [message(7, 'TypingStarted', AGENT)] }))]);
  steps.push([2000, ...fb(() => logData('facebooksession', { id, origin, messages: [message(8, 'Text', AGENT, { text: 'Hi PersonP, Marat again. How can I help on Messenger?' })] }))]);
  return steps;
}

/**
 * Plays both scripted interactions; resolves when done, or early when `signal` aborts.
 * @param {{publish(topic: string, data: unknown): Promise<void>}} simulator
 * @param {{chatId: string, facebookId: string, origin: string, signal?: AbortSignal}} o
 */
export async function playScenario(simulator, o) {
  const run = async (steps) => {
    for (const [delay, topic, build] of steps) {
      await new Promise((r) => setTimeout(r, delay));
      if (o.signal?.aborted) return;
      await simulator.publish(topic, build());
    }
  };
  await Promise.all([run(chatSteps(o.chatId, o.origin)), run(facebookSteps(o.facebookId, o.origin))]);
}
