// A removed element is freed: nothing of it (listeners, registries, its session's listeners,
// timers, the announcer) stays reachable once it left the page. Counted with a
// FinalizationRegistry after a full garbage collection (the `collect-garbage` server command).
//
// The helpers here hold no reference to an element once they return: @open-wc's `fixture`
// keeps every fixture until `fixtureCleanup`, and its `waitUntil` keeps its condition (and
// what the condition holds) until its own timeout has run out.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { NOTIFICATIONS_URL, agent, rest, simulatedChat } from '../support/gws.js';

/** What the registry saw collected, by label. */
const collected = new Map<string, number>();
const registry = new FinalizationRegistry<string>((label) => collected.set(label, (collected.get(label) ?? 0) + 1));

/** Resolves once `done()` holds; once settled, nothing of it is kept (no timer left behind). */
function until(done: () => boolean, message: () => string, timeout = 8000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (done()) resolve();
      else if (Date.now() - started > timeout) reject(new Error(message()));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

/** A simulated chat whose log holds `count` messages of an agent's. */
async function chatWithMessages(count: number): Promise<string> {
  const id = await simulatedChat();
  await agent(id, 'say-many', { count, text: 'older' });
  return id;
}

/**
 * Mounts a `<gws-chat>` on chat `id`, waits until it shows the chat's `count` messages,
 * removes it, and watches it (label `label`). Returns the number of entries it had rendered.
 */
async function mountAndRemove(id: string, count: number, label: string, attributes: Record<string, string> = {}): Promise<number> {
  const el = document.createElement('gws-chat') as GwsChat;
  el.url = NOTIFICATIONS_URL;
  el.interactionId = id;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  await until(
    () => el.connectionState === 'connected' && el.messages.length === count,
    () => `not shown: ${el.connectionState}, ${el.messages.length} of ${count} messages`,
  );
  await el.updateComplete;
  const rendered = el.shadowRoot!.querySelectorAll('[part~="message"]').length;
  registry.register(el, label);
  el.remove();
  return rendered;
}

/**
 * Mounts a `<gws-chat>` on a live chat and removes it in the middle of things: the agent
 * typing after a new message of theirs (being announced), the customer typing a draft.
 */
async function removeMidConversation(label: string): Promise<void> {
  const id = await simulatedChat();
  const el = document.createElement('gws-chat') as GwsChat;
  el.url = NOTIFICATIONS_URL;
  el.interactionId = id;
  document.body.append(el);
  await until(() => el.connectionState === 'connected', () => `not connected: ${el.connectionState}`);
  await rest('publishState', id);
  await until(() => el.capabilities.includes('SendMessage'), () => 'no state arrived');
  await agent(id, 'say', { text: 'Are you still there?' });
  await until(() => el.messages.some((m) => m.text === 'Are you still there?'), () => 'the message is not shown');
  // Spoken by the live region now (and cleared from it a few seconds later).
  const announcer = el.shadowRoot!.querySelector('[part="announcer"]')!;
  await until(() => (announcer.textContent ?? '').includes('Are you still there?'), () => 'the message was not announced');
  await agent(id, 'typing');
  await until(() => el.typingParticipants.length === 1, () => 'the agent is not shown typing');
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
  input.value = 'Yes, one moment';
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  registry.register(el, label);
  el.remove();
}

/** A detached element that nothing holds: collected by any full collection (the control). */
function control(label: string): void {
  registry.register(document.createElement('div'), label);
}

/**
 * Collects garbage until every watched object of `label` (and a control) was collected, or
 * for 5 s at most; returns how many of `label` are still alive.
 */
async function aliveAfterCollection(label: string, watched: number): Promise<number> {
  const controlLabel = `${label}-control`;
  control(controlLabel);
  // A removed element lets go in steps (its last requests settle): collect again until then.
  const deadline = Date.now() + 5000;
  for (;;) {
    await executeServerCommand('collect-garbage');
    // Finalization callbacks run in tasks of their own after the collection.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const done = (collected.get(label) ?? 0) === watched && collected.has(controlLabel);
    if (done || Date.now() > deadline) break;
    await new Promise<void>((resolve) => setTimeout(resolve, 200));
  }
  expect(collected.get(controlLabel), 'the collection ran (a detached element nothing holds was freed)').to.equal(1);
  return watched - (collected.get(label) ?? 0);
}

describe('<gws-chat> is freed after removal', () => {
  it('upgrades', () => {
    expect(document.createElement('gws-chat')).to.be.instanceOf(customElements.get('gws-chat')!);
  });

  it('mounted and removed 5 times on a 200-message chat, no instance stays alive', async function () {
    this.timeout(60_000);
    const id = await chatWithMessages(200);
    for (let i = 0; i < 5; i++) {
      const rendered = await mountAndRemove(id, 200, 'chat');
      expect(rendered, 'the element rendered the transcript').to.be.greaterThan(0);
    }
    expect(await aliveAfterCollection('chat', 5), 'instances alive after removal').to.equal(0);
  });

  it('a chat followed in the same page by two elements at once, both removed, is freed', async function () {
    this.timeout(60_000);
    const id = await chatWithMessages(20);
    await Promise.all([mountAndRemove(id, 20, 'pair'), mountAndRemove(id, 20, 'pair')]);
    expect(await aliveAfterCollection('pair', 2), 'instances alive after removal').to.equal(0);
  });

  it('removed mid-conversation (agent typing, a message being announced, a draft typed), it is freed', async function () {
    this.timeout(30_000);
    await removeMidConversation('busy');
    expect(await aliveAfterCollection('busy', 1), 'instances alive after removal').to.equal(0);
  });
});
