// The scripted interaction the demo replays: a Facebook session built from the spec
// examples, published step by step on the simulator's real CometD server.
import { logData, message, specExamples, stateData } from './notifications.mjs';

const CUSTOMER = { nickname: 'PersonP', type: 'Customer', participantId: '009052C5E6D6004A' };
const AGENT = { nickname: 'Marat', type: 'Agent', participantId: '009052C5E743004C' };

/** Messages of a spec example, re-stamped to now so the demo shows today's times. */
function fromExample(example, pick) {
  return example.data.messages.filter(pick).map((m) => ({
    ...m,
    timestamp: new Date().toISOString().replace('Z', '+0000'),
    timestampSeconds: Date.now(),
  }));
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
 * Plays the scripted session; resolves when done, or early when `signal` aborts.
 * @param {{publish(topic: string, data: unknown): Promise<void>}} simulator
 * @param {{facebookId: string, origin: string, signal?: AbortSignal}} o
 */
export async function playScenario(simulator, o) {
  const run = async (steps) => {
    for (const [delay, topic, build] of steps) {
      await new Promise((r) => setTimeout(r, delay));
      if (o.signal?.aborted) return;
      await simulator.publish(topic, build());
    }
  };
  await run(facebookSteps(o.facebookId, o.origin));
}
