import { expect } from '@open-wc/testing';
import { InteractionModel, isEndedState, type InteractionChange } from '../../src/model/interaction.js';
import { CHAT, FACEBOOK_SESSION, type MediumDescriptor } from '../../src/protocol/medium.js';
import { parseNotification } from '../../src/protocol/parse.js';
import type { Notification } from '../../src/protocol/types.js';
import { FakeScheduler } from '../support/fake-scheduler.js';
import { wireMessage, type WireParticipant } from '../support/gws.js';

type Json = Record<string, any>;

const ID = '0000Wa9CAM6W00J';
const URI = `http://localhost:8080/api/v2/chats/${ID}`;
const CUSTOMER = { nickname: 'test_consult_clientL', type: 'Customer', participantId: '007352CE982D031B' };
const AGENT = { nickname: 'TestName', type: 'Agent', participantId: '007352CE984F0321' };
const AGENT2 = { nickname: 'Second', type: 'Agent', participantId: '007352CE984F0999' };

const loadExample = (name: string): Promise<Json> =>
  fetch(`/demo/spec-examples/${name}`).then((r) => r.json() as Promise<Json>);

/** Parses raw wire JSON through the real parser; fails the test if it does not parse cleanly. */
function parsed(raw: unknown, medium: MediumDescriptor = CHAT): Notification {
  const r = parseNotification(raw, medium);
  if (!r.ok) throw new Error(`test notification did not parse: ${r.reason}`);
  if (r.rejected.length) throw new Error(`test notification had rejected parts: ${r.rejected[0]!.reason}`);
  return r.notification;
}

/** A chat state notification, shaped like the spec example. */
function state(chat: Json, data: Json = {}): Notification {
  return parsed({
    channel: '/v2/me/chats',
    data: {
      notificationType: 'StatusChange',
      messageType: 'ChatStateChangeMessage',
      chat: { id: ID, uri: URI, ...chat },
      referenceId: 1,
      ...data,
    },
  });
}

let nextIndex = 1;
/** A wire message with the next index (the shared builder of test/support). */
const wire = (type: string, from: Json | null, extra: Json = {}): Json =>
  wireMessage(nextIndex++, type, from as WireParticipant | null, extra);

/** Wire messages as a catch-up would deliver them. */
function parsedMessages(...messages: Json[]) {
  const n = log(...messages);
  return n.kind === 'log' ? n.messages : [];
}

function log(...messages: Json[]): Notification {
  return parsed({
    channel: '/v2/me/chats',
    data: { notificationType: 'NewMessages', messageType: 'MessageLogUpdated', messages, chatUri: URI },
  });
}


describe('InteractionModel', () => {
  let changes: InteractionChange[];
  let scheduler: FakeScheduler;
  let model: InteractionModel;
  const kinds = () => changes.map((c) => c.kind);
  const typingChanges = () =>
    changes.flatMap((c) => (c.kind === 'typing' ? [[c.participant.nickname, c.typing] as const] : []));

  beforeEach(() => {
    nextIndex = 1;
    changes = [];
    scheduler = new FakeScheduler();
    model = new InteractionModel((c) => changes.push(c), 1000, scheduler);
  });

  describe('state notifications', () => {
    it('applies the chat state spec example, emitting each change once in order', async () => {
      model.apply(parsed(await loadExample('chat-state.json')));
      expect(kinds()).to.deep.equal(['state', 'participants', 'capabilities', 'properties']);
      expect(changes[0]).to.deep.equal({ kind: 'state', state: 'Chatting', previousState: null });
      expect(model.state).to.equal('Chatting');
      expect(model.participants.map((p) => p.nickname)).to.deep.equal(['test_consult_clientL', 'TestName']);
      expect(model.capabilities).to.include('SendMessage');
      expect(model.userData).to.deep.equal({ key1: 'value1', key2: 'value2' });
    });

    it('does not re-emit anything when the same state notification arrives again', async () => {
      const example = await loadExample('chat-state.json');
      model.apply(parsed(example));
      changes.length = 0;
      model.apply(parsed(example));
      expect(changes).to.deep.equal([]);
    });

    it('emits a state change with the previous state, once per change', () => {
      model.apply(state({ state: 'WaitingForAgent' }));
      model.apply(state({ state: 'WaitingForAgent' }));
      model.apply(state({ state: 'Chatting' }));
      model.apply(state({ state: 'Chatting' }));
      model.apply(state({ state: 'Completed' }));
      expect(changes).to.deep.equal([
        { kind: 'state', state: 'WaitingForAgent', previousState: null },
        { kind: 'state', state: 'Chatting', previousState: 'WaitingForAgent' },
        { kind: 'state', state: 'Completed', previousState: 'Chatting' },
      ]);
    });

    it('holds the canonical spelling of a known state, whatever the case sent', () => {
      model.apply(state({ state: 'waitingforagent' }));
      expect(model.state).to.equal('WaitingForAgent');
      model.apply(state({ state: 'CHATTING' }));
      expect(changes).to.deep.equal([
        { kind: 'state', state: 'WaitingForAgent', previousState: null },
        { kind: 'state', state: 'Chatting', previousState: 'WaitingForAgent' },
      ]);
    });

    it('does not emit a state change when only the case of the state differs', () => {
      model.apply(state({ state: 'Chatting' }));
      model.apply(state({ state: 'chatting' }));
      model.apply(state({ state: 'CHATTING' }));
      expect(changes).to.deep.equal([{ kind: 'state', state: 'Chatting', previousState: null }]);
    });

    it('keeps an unknown state as sent, without ending the chat', () => {
      model.apply(state({ state: 'Parked', participants: [CUSTOMER, AGENT], capabilities: ['SendMessage'] }));
      expect(model.state).to.equal('Parked');
      expect(changes[0]).to.deep.equal({ kind: 'state', state: 'Parked', previousState: null });
      expect(model.ended).to.equal(false);
    });

    it('holds participant types canonically spelled', () => {
      model.apply(state({ participants: [{ ...CUSTOMER, type: 'customer' }, { ...AGENT, type: 'AGENT' }] }));
      expect(model.participants.map((p) => p.type)).to.deep.equal(['Customer', 'Agent']);
    });

    it('keeps the state when a notification does not carry one', () => {
      model.apply(state({ state: 'Chatting' }));
      model.apply(state({}, { notificationType: 'PropertiesUpdated' }));
      expect(model.state).to.equal('Chatting');
      expect(kinds()).to.deep.equal(['state']);
    });

    it('emits participants when they change, and not when an equal list arrives', () => {
      model.apply(state({ participants: [CUSTOMER] }, { notificationType: 'ParticipantsUpdated' }));
      model.apply(state({ participants: [{ ...CUSTOMER }] }, { notificationType: 'ParticipantsUpdated' }));
      model.apply(state({ participants: [CUSTOMER, AGENT] }, { notificationType: 'ParticipantsUpdated' }));
      model.apply(state({ participants: [CUSTOMER, { ...AGENT, nickname: 'Renamed' }] }));
      expect(kinds()).to.deep.equal(['participants', 'participants', 'participants']);
      const last = changes[2]!;
      expect(last.kind === 'participants' && last.participants.map((p) => p.nickname)).to.deep.equal(['test_consult_clientL', 'Renamed']);
    });

    it('does not emit participants for an empty list when it already has none', async () => {
      model.apply(parsed(await loadExample('fb-state.json'), FACEBOOK_SESSION));
      expect(kinds()).to.deep.equal(['state', 'capabilities']);
    });

    it('emits capabilities when they change, and not when equal', () => {
      model.apply(state({ capabilities: ['SendMessage'] }));
      model.apply(state({ capabilities: ['SendMessage'] }));
      model.apply(state({ capabilities: ['SendMessage', 'Complete'] }));
      model.apply(state({ capabilities: [] }));
      expect(changes).to.deep.equal([
        { kind: 'capabilities', capabilities: ['SendMessage'] },
        { kind: 'capabilities', capabilities: ['SendMessage', 'Complete'] },
        { kind: 'capabilities', capabilities: [] },
      ]);
      expect(model.capabilities).to.deep.equal([]);
    });

    it('emits userData as properties when it changes, and not when equal', () => {
      model.apply(state({ userData: { a: '1' } }, { notificationType: 'PropertiesUpdated' }));
      model.apply(state({ userData: { a: '1' } }, { notificationType: 'PropertiesUpdated' }));
      model.apply(state({ userData: { a: '2', nested: { x: [1] } } }, { notificationType: 'PropertiesUpdated' }));
      expect(changes).to.deep.equal([
        { kind: 'properties', userData: { a: '1' } },
        { kind: 'properties', userData: { a: '2', nested: { x: [1] } } },
      ]);
    });

    it('does not emit properties for empty userData at the start', () => {
      model.apply(state({ userData: {} }));
      expect(changes).to.deep.equal([]);
    });

    it('never carries polluting userData keys into the model', () => {
      model.apply(state({ userData: JSON.parse('{"__proto__": {"polluted": 1}, "k": "v"}') as unknown }));
      expect(model.userData).to.deep.equal({ k: 'v' });
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });

    it('keeps no resource uri: where requests go is never taken from a notification', () => {
      model.apply(state({ uri: `http://evil.example/api/v2/chats/${ID}`, state: 'Chatting' }));
      expect(model.state).to.equal('Chatting');
      expect(Object.values(model).some((v) => typeof v === 'string' && v.includes('evil.example'))).to.equal(false);
      expect('uri' in model).to.equal(false);
    });
  });

  describe('Error notifications', () => {
    it('become a server-error change with the server\'s message and referenceId', () => {
      model.apply(state({}, { notificationType: 'Error', errorMessage: 'SendMessage failed', referenceId: 84 }));
      expect(changes).to.deep.equal([{ kind: 'server-error', message: 'SendMessage failed', referenceId: 84 }]);
    });

    it('get a generic message when the server sent none', () => {
      model.apply(state({}, { notificationType: 'Error', referenceId: undefined }));
      expect(changes).to.have.length(1);
      const change = changes[0]!;
      expect(change.kind).to.equal('server-error');
      if (change.kind === 'server-error') {
        expect(change.message).to.be.a('string').and.not.equal('');
        expect(change.referenceId).to.equal(null);
      }
    });

    it('are reported every time, even when identical', () => {
      const error = state({}, { notificationType: 'Error', errorMessage: 'nope' });
      model.apply(error);
      model.apply(error);
      expect(kinds()).to.deep.equal(['server-error', 'server-error']);
    });

    it('are recognised whatever the case of the notificationType (the parser spells it Error)', () => {
      for (const type of ['error', 'ERROR']) {
        changes.length = 0;
        model.apply(state({}, { notificationType: type, errorMessage: 'nope', referenceId: 7 }));
        expect(changes, type).to.deep.equal([{ kind: 'server-error', message: 'nope', referenceId: 7 }]);
      }
    });

    it('are not reported for other notification types', () => {
      model.apply(state({ state: 'Chatting' }, { notificationType: 'StatusChange', errorMessage: 'stray' }));
      expect(kinds()).to.deep.equal(['state']);
    });
  });

  describe('messages', () => {
    it('emits the chat log example\'s two same-index messages once each', async () => {
      const example = await loadExample('chat-log.json');
      model.apply(parsed(example));
      model.apply(parsed(example));
      const texts = changes.map((c) => (c.kind === 'message' ? c.message.text : c.kind));
      expect(texts).to.deep.equal(['How may I help you?', 'Are you still there?']);
      expect(model.transcript.entries).to.have.length(2);
    });

    it('applies the facebook log example: log entries only, no typing for the customer', async () => {
      model.apply(parsed(await loadExample('fb-log.json'), FACEBOOK_SESSION));
      expect(kinds()).to.deep.equal(['message', 'message', 'message', 'message', 'message']);
      const entries = model.transcript.entries;
      expect(entries.map((e) => e.index)).to.deep.equal([1, 2, 3, 5, 6]);
      expect(entries.map((e) => e.own)).to.deep.equal([true, false, false, true, false]);
      expect(model.typing.typing).to.deep.equal([]);
    });

    it('never emits hidden messages', () => {
      model.apply(log(
        wire('Text', AGENT, { text: 'for agents', visibility: 'Agents' }),
        wire('Notice', null, { text: 'no visibility', visibility: undefined }),
        wire('Text', AGENT, { text: 'visible' }),
      ));
      const messages = changes.flatMap((c) => (c.kind === 'message' ? [c.message.text] : []));
      expect(messages).to.deep.equal(['visible']);
      expect(model.transcript.highestIndex).to.equal(3);
    });
  });

  describe('typing', () => {
    it('shows an agent typing', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      expect(typingChanges()).to.deep.equal([['TestName', true]]);
      expect(model.typing.typing.map((p) => p.participantId)).to.deep.equal([AGENT.participantId]);
    });

    it('never shows the customer (Customer or Client, any case) typing', () => {
      model.apply(log(
        wire('TypingStarted', CUSTOMER),
        wire('TypingStarted', { ...CUSTOMER, type: 'Client', participantId: 'C2' }),
        wire('TypingStarted', { ...CUSTOMER, type: 'customer', participantId: 'C3' }),
      ));
      expect(changes).to.deep.equal([]);
      expect(model.typing.typing).to.deep.equal([]);
    });

    it('does not show typing that is not visible to the customer', () => {
      model.apply(log(wire('TypingStarted', AGENT, { visibility: 'Agents' })));
      expect(changes).to.deep.equal([]);
    });

    it('does not emit typing twice for a repeated TypingStarted', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      model.apply(log(wire('TypingStarted', AGENT)));
      expect(typingChanges()).to.deep.equal([['TestName', true]]);
    });

    it('is cleared by TypingStopped', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      model.apply(log(wire('TypingStopped', AGENT)));
      expect(typingChanges()).to.deep.equal([['TestName', true], ['TestName', false]]);
      expect(model.typing.typing).to.deep.equal([]);
    });

    it('ignores a TypingStarted delivered after a newer message from the same participant', () => {
      const start = wire('TypingStarted', AGENT);
      const text = wire('Text', AGENT, { text: 'Done typing' });
      model.apply(log(text));
      model.apply(log(start)); // late delivery of the older start (lower index)
      expect(typingChanges()).to.deep.equal([]);
      expect(model.typing.typing).to.deep.equal([]);
      model.apply(log(wire('TypingStarted', AGENT))); // a genuinely new start still shows
      expect(typingChanges()).to.deep.equal([['TestName', true]]);
    });

    it('is cleared by a Text from that participant, before the message is emitted', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      model.apply(log(wire('Text', AGENT, { text: 'Hello' })));
      expect(kinds()).to.deep.equal(['typing', 'typing', 'message']);
      expect(typingChanges()).to.deep.equal([['TestName', true], ['TestName', false]]);
    });

    it('is not cleared by a Text from someone else', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      model.apply(log(wire('Text', CUSTOMER, { text: 'Hi' }), wire('Text', AGENT2, { text: 'Hi too' })));
      expect(typingChanges()).to.deep.equal([['TestName', true]]);
      expect(model.typing.typing).to.have.length(1);
    });

    it('is cleared by ParticipantLeft', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      model.apply(log(wire('ParticipantLeft', AGENT)));
      expect(typingChanges()).to.deep.equal([['TestName', true], ['TestName', false]]);
    });

    it('follows log order within one batch, whatever the arrival order', () => {
      const start = wire('TypingStarted', AGENT);
      const text = wire('Text', AGENT, { text: 'done' });
      model.apply(log(text, start)); // text has the higher index: typing ends
      expect(model.typing.typing).to.deep.equal([]);
      expect(typingChanges()).to.deep.equal([['TestName', true], ['TestName', false]]);
    });

    it('is cleared when the participant leaves the participants list', () => {
      model.apply(state({ participants: [CUSTOMER, AGENT, AGENT2] }));
      model.apply(log(wire('TypingStarted', AGENT), wire('TypingStarted', AGENT2)));
      changes.length = 0;
      model.apply(state({ participants: [CUSTOMER, AGENT2] }, { notificationType: 'ParticipantsUpdated' }));
      expect(typingChanges()).to.deep.equal([['TestName', false]]);
      expect(kinds()).to.deep.equal(['typing', 'participants']);
      expect(model.typing.typing.map((p) => p.nickname)).to.deep.equal(['Second']);
    });

    it('is kept when the participant stays in the list under a new nickname', () => {
      model.apply(state({ participants: [CUSTOMER, AGENT] }));
      model.apply(log(wire('TypingStarted', AGENT)));
      changes.length = 0;
      model.apply(state({ participants: [CUSTOMER, { ...AGENT, nickname: 'TestName (renamed)' }] }));
      expect(kinds()).to.deep.equal(['participants']);
      expect(model.typing.typing).to.have.length(1);
    });

    it('expires through the injected scheduler', () => {
      model.apply(log(wire('TypingStarted', AGENT)));
      scheduler.advance(999);
      expect(model.typing.typing).to.have.length(1);
      scheduler.advance(1);
      expect(model.typing.typing).to.deep.equal([]);
      expect(typingChanges()).to.deep.equal([['TestName', true], ['TestName', false]]);
    });
  });

  describe('ended', () => {
    const CHATTING = { participants: [CUSTOMER, AGENT], capabilities: ['SendMessage', 'Complete'] };

    it('is false before anything is known', () => {
      expect(model.ended).to.equal(false);
    });

    it('is true for Completed, LeftChat, Idle and Revoked, in any case', () => {
      for (const s of ['Completed', 'LeftChat', 'Idle', 'Revoked', 'completed', 'COMPLETED', 'LEFTCHAT', 'idle', 'REVOKED']) {
        model.reset();
        model.apply(state({ state: s, ...CHATTING }));
        expect(model.ended, s).to.equal(true);
        expect(isEndedState(model.state), s).to.equal(true);
      }
    });

    it('is true for an ending state even when an agent is there and sending is allowed', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      expect(model.ended).to.equal(false);
      model.apply(state({ state: 'Completed' }));
      expect(model.ended).to.equal(true);
    });

    it('is true once the log shows the customer left, even with no state notification (a catch-up)', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      model.applyHistory(parsedMessages(wire('ParticipantLeft', AGENT)));
      expect(model.ended, 'an agent leaving alone ends nothing').to.equal(false);
      model.applyHistory(parsedMessages(wire('ParticipantLeft', CUSTOMER)));
      expect(model.ended).to.equal(true);
      model.reset();
      expect(model.ended).to.equal(false);
    });

        it('is false while chatting or waiting', () => {
      model.apply(state({ state: 'WaitingForAgent', participants: [CUSTOMER], capabilities: ['SendMessage'] }));
      expect(model.ended).to.equal(false);
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      expect(model.ended).to.equal(false);
    });

    it('is true once the last agent left and SendMessage is no longer allowed', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      model.apply(state({ participants: [CUSTOMER] }, { notificationType: 'ParticipantsUpdated' }));
      model.apply(state({ capabilities: ['Complete'] }));
      expect(model.state).to.equal('Chatting');
      expect(model.ended).to.equal(true);
    });

    it('is true whichever of the two notifications comes first', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      model.apply(state({ capabilities: [] }));
      expect(model.ended).to.equal(false);
      model.apply(state({ participants: [CUSTOMER] }, { notificationType: 'ParticipantsUpdated' }));
      expect(model.ended).to.equal(true);
    });

    it('is true when both change in one notification, whatever the agent type\'s case', () => {
      model.apply(state({ state: 'Chatting', participants: [CUSTOMER, { ...AGENT, type: 'AGENT' }], capabilities: ['SendMessage'] }));
      expect(model.ended).to.equal(false);
      model.apply(state({ capabilities: [] }));
      expect(model.ended, 'an AGENT is still there').to.equal(false);
      model.apply(state({ capabilities: ['SendMessage'] }));
      model.apply(state({ participants: [CUSTOMER], capabilities: [] }));
      expect(model.ended).to.equal(true);
    });

    it('is false when the agent left but SendMessage is still allowed', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      model.apply(state({ participants: [CUSTOMER] }, { notificationType: 'ParticipantsUpdated' }));
      expect(model.capabilities).to.include('SendMessage');
      expect(model.ended).to.equal(false);
    });

    it('is false while another agent is still there', () => {
      model.apply(state({ state: 'Chatting', participants: [CUSTOMER, AGENT, AGENT2], capabilities: ['SendMessage'] }));
      model.apply(state({ participants: [CUSTOMER, AGENT2], capabilities: [] }));
      expect(model.ended).to.equal(false);
      model.apply(state({ participants: [CUSTOMER] }));
      expect(model.ended).to.equal(true);
    });

    it('is false when no agent was ever there, even without SendMessage', () => {
      model.apply(state({ state: 'WaitingForAgent', participants: [CUSTOMER], capabilities: [] }));
      expect(model.ended).to.equal(false);
      model.apply(state({ participants: [CUSTOMER, { ...CUSTOMER, participantId: 'C2', nickname: 'Other' }] }));
      expect(model.ended).to.equal(false);
    });

    it('is false again when an agent comes back or sending is allowed again', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      model.apply(state({ participants: [CUSTOMER], capabilities: [] }));
      expect(model.ended).to.equal(true);
      model.apply(state({ participants: [CUSTOMER, AGENT2] }));
      expect(model.ended).to.equal(false);
      model.apply(state({ participants: [CUSTOMER] }));
      expect(model.ended).to.equal(true);
      model.apply(state({ capabilities: ['SendMessage'] }));
      expect(model.ended).to.equal(false);
    });

    it('forgets that an agent was there on reset()', () => {
      model.apply(state({ state: 'Chatting', ...CHATTING }));
      model.reset();
      model.apply(state({ state: 'Chatting', participants: [CUSTOMER], capabilities: [] }));
      expect(model.ended).to.equal(false);
    });
  });

  describe('reset()', () => {
    it('forgets everything silently', () => {
      model.apply(state({ state: 'Chatting', participants: [CUSTOMER, AGENT], capabilities: ['SendMessage'], userData: { a: 1 } }));
      model.apply(log(wire('Text', AGENT, { text: 'x' }), wire('TypingStarted', AGENT)));
      changes.length = 0;
      model.reset();
      expect(changes).to.deep.equal([]);
      expect(model.state).to.equal(null);
      expect(model.participants).to.deep.equal([]);
      expect(model.capabilities).to.deep.equal([]);
      expect(model.userData).to.deep.equal({});
      expect(model.transcript.entries).to.deep.equal([]);
      expect(model.typing.typing).to.deep.equal([]);
      expect(scheduler.pending).to.equal(0);
    });

    it('lets the same notifications be applied afresh afterwards', () => {
      const n = state({ state: 'Chatting' });
      model.apply(n);
      model.reset();
      changes.length = 0;
      model.apply(n);
      expect(changes).to.deep.equal([{ kind: 'state', state: 'Chatting', previousState: null }]);
    });
  });
});

describe('isEndedState', () => {
  // States come canonically spelled from the parser (`completed` → `Completed`, tested
  // above through the model and in test/protocol/parse.test.ts): compared exactly here.
  it('is true for Completed, LeftChat, Idle and Revoked', () => {
    for (const s of ['Completed', 'LeftChat', 'Idle', 'Revoked']) {
      expect(isEndedState(s), s).to.equal(true);
    }
  });

  it('is false for live states, unknown states, spellings the parser never gives, and null', () => {
    for (const s of ['Chatting', 'WaitingForAgent', 'Invited', 'Parked', '', 'Completedish', 'completed', 'LEFTCHAT']) {
      expect(isEndedState(s), s).to.equal(false);
    }
    expect(isEndedState(null)).to.equal(false);
  });
});
