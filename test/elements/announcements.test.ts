// What a screen reader hears from <gws-chat>, against the simulator: each new entry once,
// through the announcer (part `announcer`); never the history, never the customer's own words.
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/gws-chat.js';
import type { GwsChat } from '../../src/elements/gws-chat.js';
import { NOTIFICATIONS_URL, agent, connected, rest, simulatedChat, waitFor } from '../support/gws.js';
import { announcements } from '../support/a11y.js';

afterEach(() => {
  fixtureCleanup();
  localStorage.clear(); sessionStorage.clear();
});

async function following(id: string): Promise<GwsChat> {
  const el = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} interaction-id=${id}></gws-chat>`);
  await connected(el);
  await rest('publishState', id);
  await waitFor(() => el.interactionId === id && el.capabilities.includes('SendMessage'), 'no capabilities');
  await waitFor(() => el.session.catchUpStatus.kind === 'idle', 'first catch-up not done');
  await el.updateComplete;
  return el;
}

describe('announcements', function () {
  this.timeout(30_000);

  it('speaks an agent message, a burst, a join; not a catch-up of 50, not the customer\'s own message', async () => {
    const id = await simulatedChat();
    const el = await following(id);
    const said = announcements(el);
    const next = async (count: number, what: string) =>
      waitFor(() => said.length >= count, `${what}: announcements so far ${JSON.stringify(said)}`);

    await agent(id, 'say', { text: 'Hello, I am Marat.' });
    await next(1, 'an agent message');

    // Two messages at once (one notification): one announcement.
    await agent(id, 'say-many', { count: 2, text: 'quick', silent: false });
    await next(2, 'two quick messages');

    // 50 messages lost on the way, then a live one: its gap brings the 50 by a catch-up.
    await agent(id, 'say-many', { count: 50, text: 'old' });
    await agent(id, 'say', { text: 'Did you get my notes?' });
    await waitFor(() => el.messages.length === 54 && el.session.catchUpStatus.kind === 'idle', 'no catch-up');
    await next(3, 'the live message after the gap');

    await agent(id, 'join', { nickname: 'Sam', participantId: 'A00000000000002' });
    await next(4, 'a participant joined');

    // The customer's own message: its echo is not spoken; the next agent message is.
    await el.send('Thanks, both of you');
    await waitFor(() => el.messages.some((m) => m.own), 'no echo');
    await agent(id, 'say', { text: 'You are welcome.' });
    await next(5, 'the message after the customer\'s own');

    expect(said).to.deep.equal([
      ['Marat: Hello, I am Marat.'],
      ['Marat: quick 1', 'Marat: quick 2'],
      ['Marat: Did you get my notes?'],
      ['Sam joined the chat'],
      ['Marat: You are welcome.'],
    ]);
  });

  it('caps a burst of ten: three in full, then how many more', async () => {
    const id = await simulatedChat();
    const el = await following(id);
    const said = announcements(el);
    await agent(id, 'say-many', { count: 10, text: 'line', silent: false });
    await waitFor(() => said.length === 1);
    expect(said).to.deep.equal([['Marat: line 1', 'Marat: line 2', 'Marat: line 3', 'And 7 more messages.']]);
  });

  it('does not speak the history after a reload (restored, or read from the server), only what is new', async () => {
    // A chat started here is remembered (one followed by interaction-id is the host's).
    const first = await fixture<GwsChat>(html`<gws-chat url=${NOTIFICATIONS_URL} nickname="Rae (reload test)"></gws-chat>`);
    const id = await first.startChat();
    await agent(id, 'join');
    await agent(id, 'say-many', { count: 30, text: 'before the reload', silent: false });
    await waitFor(() => first.messages.length === 32, `have ${first.messages.length}`);
    first.remove();
    // Said while the page was away: only the server's log has it.
    await agent(id, 'say-many', { count: 5, text: 'while away' });
    // "Reloaded": an element with the same url resumes the remembered chat, shows its stored
    // entries at once and reads the server's log.
    const el = document.createElement('gws-chat');
    el.url = NOTIFICATIONS_URL;
    document.body.append(el);
    await el.updateComplete;
    const said = announcements(el);
    try {
      await waitFor(() => el.interactionId === id && el.messages.length === 37 && el.session.catchUpStatus.kind === 'idle',
        `not resumed and caught up (${el.messages.length})`);
      await agent(id, 'say', { text: 'Welcome back.' });
      await waitFor(() => said.length >= 1);
      expect(said).to.deep.equal([['Marat: Welcome back.']]);
    } finally {
      el.remove();
    }
  });

  it('speaks the same words twice when they are said twice', async () => {
    const id = await simulatedChat();
    const el = await following(id);
    const said = announcements(el);
    await agent(id, 'say', { text: 'One moment please.' });
    await waitFor(() => said.length === 1);
    await agent(id, 'say', { text: 'One moment please.' });
    await waitFor(() => said.length === 2);
    expect(said).to.deep.equal([['Marat: One moment please.'], ['Marat: One moment please.']]);
  });
});
