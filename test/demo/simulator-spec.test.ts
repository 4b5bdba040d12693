// The simulator stays faithful to GWS: its REST answers and its notifications have the shape
// of the spec's examples (demo/spec-examples, the spec's JSON verbatim) and of GWS-API.md.
import { expect } from '@open-wc/testing';
import { CometD, type Message } from 'cometd';
import { agent, rest, specExample, waitFor } from '../support/gws.js';

type Json = Record<string, unknown>;
const keys = (o: unknown) => Object.keys(o as Json).sort();
const get = async (path: string) => {
  const response = await fetch(`/api/v2${path}`);
  return { status: response.status, body: (await response.json()) as Json };
};
/** GWS's two timestamp forms (GWS-API.md): `2014-01-09 11:58:12.035+0200` and `2014-01-02T14:23:18.000-0800`. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

async function chatWithLines(): Promise<string> {
  const id = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
  await agent(id, 'join');
  await agent(id, 'say', { text: 'How may I help you?' });
  await agent(id, 'say', { as: 'customer', text: 'My order is late.' });
  return id;
}

describe('the simulator against the spec: GET /api/v2/chats/{id}', () => {
  it('answers the chat resource with the keys of the spec example’s chat', async () => {
    const id = await chatWithLines();
    const { status, body } = await get(`/chats/${id}`);
    const example = (await specExample('chat-state')).data['chat'] as Json;
    expect(status).to.equal(200);
    expect(body['statusCode']).to.equal(0);
    const chat = body['chat'] as Json;
    expect(keys(chat)).to.deep.equal(keys(example));
    expect(chat['id']).to.equal(id);
    expect(chat['uri']).to.equal(`${location.origin}/api/v2/chats/${id}`);
    // On the Customer Chat API, one of WaitingForAgent, Chatting, Idle (GWS-API.md).
    expect(chat['state']).to.equal('Chatting');
    for (const p of chat['participants'] as Json[]) expect(keys(p)).to.deep.equal(keys((example['participants'] as Json[])[0]));
    expect(chat['capabilities']).to.include.members(['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete']);
  });

  it('answers a chat the agent ended as Completed, without capabilities', async () => {
    const id = await chatWithLines();
    await agent(id, 'complete');
    const chat = (await get(`/chats/${id}`)).body['chat'] as Json;
    expect(chat['state']).to.equal('Completed');
    expect(chat['capabilities']).to.deep.equal([]);
  });

  it('answers an unknown chat 404 with a statusCode', async () => {
    const { status, body } = await get('/chats/0000NOSUCHCHAT');
    expect(status).to.equal(404);
    expect(body['statusCode']).to.be.a('number').and.not.equal(0);
  });

  it('answers a Facebook session’s resource with the keys of the spec example', async () => {
    const id = await rest<string>('create', 'facebooksession', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
    const { body } = await get(`/me/facebooksessions/${id}`);
    const example = (await specExample('fb-state')).data['facebooksession'] as Json;
    expect(body['facebooksession']).to.include.all.keys(...keys(example));
    expect((body['facebooksession'] as Json)['uri']).to.equal(`${location.origin}/api/v2/me/facebooksessions/${id}`);
  });
});

describe('the simulator against the spec: the log', () => {
  it('answers GET …/messages?index=N with the log from N, each entry with the keys of the spec example’s messages', async () => {
    const id = await chatWithLines();
    const example = ((await specExample('chat-log')).data['messages'] as Json[])[0];
    const all = (await get(`/chats/${id}/messages?index=0`)).body;
    expect(all['statusCode']).to.equal(0);
    const messages = all['messages'] as Json[];
    expect(messages.map((m) => m['type'])).to.deep.equal(['ParticipantJoined', 'Text', 'Text']);
    for (const m of messages.filter((e) => e['type'] === 'Text')) {
      expect(keys(m)).to.deep.equal(keys(example));
      expect(keys(m['from'])).to.deep.equal(keys(example['from']));
      expect(m['timestamp']).to.match(TIMESTAMP);
      // Epoch milliseconds despite the name (GWS-API.md).
      expect(Math.abs((m['timestampSeconds'] as number) - Date.now())).to.be.below(60_000);
    }
    const from = (await get(`/chats/${id}/messages?index=3`)).body['messages'] as Json[];
    expect(from.map((m) => m['index'])).to.deep.equal([3]);
  });

  it('publishes MessageLogUpdated and ChatStateChangeMessage with the keys of the spec examples', async () => {
    const id = await rest<string>('create', 'chat', { origin: location.origin, nickname: 'PersonP', state: 'Chatting' });
    const cometd = new CometD();
    cometd.unregisterTransport('websocket');
    cometd.configure({ url: `${location.origin}/api/v2/notifications` });
    const received: Json[] = [];
    await new Promise<void>((resolve) => cometd.handshake((reply: Message) => reply.successful && resolve()));
    await new Promise<void>((resolve) => cometd.subscribe('/v2/me/chats', (m: Message) => received.push(m.data as Json), () => resolve()));
    try {
      await agent(id, 'join');
      await agent(id, 'say', { text: 'How may I help you?' });
      const ours = () => received.filter((d) => JSON.stringify(d).includes(id));
      await waitFor(() => ours().some((d) => d['messageType'] === 'MessageLogUpdated' && JSON.stringify(d).includes('How may I help')), 'no log notification');
      await waitFor(() => ours().some((d) => d['messageType'] === 'ChatStateChangeMessage'), 'no state notification');
      const log = ours().find((d) => d['messageType'] === 'MessageLogUpdated')!;
      const state = ours().find((d) => d['messageType'] === 'ChatStateChangeMessage')!;
      expect(keys(log)).to.deep.equal(keys((await specExample('chat-log')).data));
      expect(log['chatUri']).to.equal(`${location.origin}/api/v2/chats/${id}`);
      const exampleState = (await specExample('chat-state')).data;
      expect(keys(state)).to.deep.equal(keys(exampleState));
      expect(keys(state['chat'])).to.deep.equal(keys(exampleState['chat']));
      expect(state['notificationType']).to.equal('ParticipantsUpdated');
    } finally {
      cometd.disconnect();
    }
  });
});
