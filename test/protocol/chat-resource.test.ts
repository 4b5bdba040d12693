import { expect } from '@open-wc/testing';
import { parseChatResource } from '../../src/protocol/chat-resource.js';
import { CHAT, FACEBOOK_SESSION } from '../../src/protocol/medium.js';
import { MAX_LIST, MAX_SHORT_LENGTH } from '../../src/protocol/parse.js';

const AGENT = { nickname: 'Marat', type: 'agent', participantId: 'A1' };
const CUSTOMER = { nickname: 'PersonP', type: 'Customer', participantId: 'C1' };

describe('parseChatResource (GET {api}/chats/{id})', () => {
  it('reads the resource as the Customer Chat API answers it, spelled canonically, without its uri', () => {
    const result = parseChatResource({
      statusCode: 0,
      chat: {
        id: 'X1', uri: 'http://localhost:8080/api/v2/chats/X1', state: 'completed',
        capabilities: [], participants: [CUSTOMER, AGENT], userData: { topic: 'billing' },
      },
    }, CHAT, 'X1');
    expect(result).to.deep.equal({
      ok: true,
      resource: {
        id: 'X1', state: 'Completed', capabilities: [],
        participants: [CUSTOMER, { ...AGENT, type: 'Agent' }], userData: { topic: 'billing' },
      },
    });
  });

  it('takes the id asked for when the resource has none, and keeps only the fields sent', () => {
    expect(parseChatResource({ statusCode: 0, chat: { state: 'Chatting' } }, CHAT, 'X1'))
      .to.deep.equal({ ok: true, resource: { id: 'X1', state: 'Chatting' } });
  });

  it('reads a Facebook session under its own key', () => {
    const result = parseChatResource({ facebooksession: { id: 'F1', state: 'Chatting' } }, FACEBOOK_SESSION, 'F1');
    expect(result.ok).to.equal(true);
  });

  it('rejects an answer about another interaction', () => {
    const result = parseChatResource({ chat: { id: 'OTHER', state: 'Completed' } }, CHAT, 'X1');
    expect(result).to.deep.equal({ ok: false, reason: 'the answer is about another chat (OTHER)' });
    expect(parseChatResource({ chat: { id: 7 } }, CHAT, 'X1').ok).to.equal(false);
  });

  it('rejects what is no resource, without throwing', () => {
    for (const answer of [null, undefined, 'chat', 42, [], {}, { chat: null }, { chat: [] }, { chat: 'X1' },
      Object.create({ chat: { id: 'X1', state: 'Chatting' } })]) {
      const result = parseChatResource(answer, CHAT, 'X1');
      expect(result.ok, JSON.stringify(answer)).to.equal(false);
    }
  });

  it('applies the checks and limits of a state notification to its fields (rejected, or the field left out or cut)', () => {
    const tooMany = Array.from({ length: MAX_LIST + 1 }, (_, i) => `Op${i}`);
    const cases: Array<[unknown, (r: ReturnType<typeof parseChatResource>) => boolean]> = [
      [{ chat: { state: 'x'.repeat(MAX_SHORT_LENGTH + 1) } }, (r) => !r.ok || (r.resource.state ?? '').length <= MAX_SHORT_LENGTH],
      [{ chat: { capabilities: 'SendMessage' } }, (r) => !r.ok || r.resource.capabilities === undefined],
      [{ chat: { capabilities: tooMany } }, (r) => !r.ok || (r.resource.capabilities?.length ?? 0) <= MAX_LIST],
      [{ chat: { participants: [{ type: 'Agent' }] } }, (r) => !r.ok || (r.resource.participants ?? []).length === 0],
    ];
    for (const [answer, safe] of cases) {
      const result = parseChatResource(answer, CHAT, 'X1');
      expect(safe(result), JSON.stringify(answer).slice(0, 80)).to.equal(true);
      if (!result.ok) expect(result.reason).to.match(/^chat\./);
    }
  });
});
