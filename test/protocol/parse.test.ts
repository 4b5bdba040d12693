import { expect } from '@open-wc/testing';
import { CHAT, FACEBOOK_SESSION, type MediumDescriptor } from '../../src/protocol/medium.js';
import {
  concernsInteraction,
  interactionIdOf,
  lastSegment,
  MAX_LIST,
  MAX_MESSAGES,
  MAX_SHORT_LENGTH,
  MAX_TEXT_LENGTH,
  parseMessages,
  parseNotification,
} from '../../src/protocol/parse.js';
import type {
  LogNotification,
  Notification,
  ParseResult,
  Rejection,
  StateNotification,
} from '../../src/protocol/types.js';

type Json = Record<string, any>;

const loadExample = (name: string): Promise<Json> =>
  fetch(`/demo/spec-examples/${name}`).then((r) => {
    if (!r.ok) throw new Error(`could not load ${name}: ${r.status}`);
    return r.json() as Promise<Json>;
  });

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

type Ok = Extract<ParseResult, { ok: true }>;
type Failed = Extract<ParseResult, { ok: false }>;

function parseOk(raw: unknown, medium: MediumDescriptor = CHAT): Ok {
  const r = parseNotification(raw, medium);
  if (!r.ok) throw new Error(`expected the notification to parse, got: ${r.reason}`);
  return r;
}

function parseFailed(raw: unknown, medium: MediumDescriptor = CHAT): Failed {
  const r = parseNotification(raw, medium);
  if (r.ok) throw new Error('expected the notification to be rejected, but it parsed');
  return r;
}

function asLog(n: Notification): LogNotification {
  if (n.kind !== 'log') throw new Error(`expected a log notification, got ${n.kind}`);
  return n;
}

function asState(n: Notification): StateNotification {
  if (n.kind !== 'state') throw new Error(`expected a state notification, got ${n.kind}`);
  return n;
}

const AGENT = { nickname: 'TestName', type: 'Agent', participantId: '007352CE72D50290' };

/** A well-formed chat text message as the chat spec example prints it. */
function textMessage(index: number, text: string, extra: Json = {}): Json {
  return {
    index,
    from: { ...AGENT },
    text,
    visibility: 'All',
    timestamp: '2014-01-09 11:58:12.035+0200',
    type: 'Text',
    timestampSeconds: 1389261492035,
    ...extra,
  };
}

function chatLog(messages: unknown[], extra: Json = {}): Json {
  return {
    channel: '/v2/me/chats',
    data: {
      notificationType: 'NewMessages',
      messageType: 'MessageLogUpdated',
      messages,
      chatUri: 'http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J',
      ...extra,
    },
  };
}

function chatState(chat: Json, extra: Json = {}): Json {
  return {
    channel: '/v2/me/chats',
    data: {
      notificationType: 'StatusChange',
      messageType: 'ChatStateChangeMessage',
      chat,
      referenceId: 5,
      ...extra,
    },
  };
}

/** Expects a rejection whose reason is a non-empty description mentioning `mention`. */
function expectReason(r: Failed | Rejection, mention: string | RegExp): void {
  expect(r.reason).to.be.a('string');
  expect(r.reason.length).to.be.greaterThan(0);
  if (typeof mention === 'string') expect(r.reason).to.include(mention);
  else expect(r.reason).to.match(mention);
}

describe('parseNotification', () => {
  describe('spec examples, verbatim', () => {
    it('parses the chat MessageLogUpdated example', async () => {
      const raw = await loadExample('chat-log.json');
      const r = parseOk(raw, CHAT);
      expect(r.rejected).to.deep.equal([]);
      const log = asLog(r.notification);
      expect(log.resourceUri).to.equal('http://localhost:8080/api/v2/chats/0000Wa9CAM6W00FN');
      expect(log.messages).to.have.length(2);
      expect(log.messages[0]).to.deep.equal({
        index: 3,
        type: 'Text',
        from: { participantId: '007352CE72D50290', nickname: 'TestName', type: 'Agent' },
        text: 'How may I help you?',
        url: '',
        visibility: 'All',
        time: 1389261492035,
      });
      expect(interactionIdOf(log)).to.equal('0000Wa9CAM6W00FN');
    });

    it('parses the chat ChatStateChangeMessage example', async () => {
      const raw = await loadExample('chat-state.json');
      const r = parseOk(raw, CHAT);
      expect(r.rejected).to.deep.equal([]);
      const state = asState(r.notification);
      expect(state.notificationType).to.equal('PropertiesUpdated');
      expect(state.referenceId).to.equal(83);
      expect(state.errorMessage).to.equal(null);
      expect(state.resource.id).to.equal('0000Wa9CAM6W00J');
      expect(state.resource.uri).to.equal('http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J');
      expect(state.resource.state).to.equal('Chatting');
      expect(state.resource.capabilities).to.have.length(13);
      expect(state.resource.capabilities).to.include('SendStartTypingNotification');
      expect(state.resource.participants).to.deep.equal([
        { participantId: '007352CE982D031B', nickname: 'test_consult_clientL', type: 'Customer' },
        { participantId: '007352CE984F0321', nickname: 'TestName', type: 'Agent' },
      ]);
      expect(state.resource.userData).to.deep.equal({ key1: 'value1', key2: 'value2' });
      expect(interactionIdOf(state)).to.equal('0000Wa9CAM6W00J');
    });

    it('parses the facebook MessageLogUpdated example with its T-separated timestamps', async () => {
      const raw = await loadExample('fb-log.json');
      const r = parseOk(raw, FACEBOOK_SESSION);
      expect(r.rejected).to.deep.equal([]);
      const log = asLog(r.notification);
      expect(log.resourceUri).to.equal('http://localhost:8080/api/v2/facebooksessions/0000Na9B26EF002X');
      expect(log.messages.map((m) => m.index)).to.deep.equal([1, 2, 3, 4, 5, 6]);
      expect(log.messages.map((m) => m.type)).to.deep.equal([
        'ParticipantJoined', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'Text', 'ParticipantJoined',
      ]);
      // No timestampSeconds here: the time comes from "2014-01-02T14:23:18.000-0800".
      expect(log.messages[0]!.time).to.equal(Date.UTC(2014, 0, 2, 22, 23, 18, 0));
      expect(log.messages[4]!.text).to.equal('Hello World');
      expect(log.messages[4]!.from).to.deep.equal(
        { participantId: '009052C5E6D6004A', nickname: 'PersonP', type: 'Customer' },
      );
      expect(interactionIdOf(log)).to.equal('0000Na9B26EF002X');
    });

    it('parses the facebook FacebooksessionStateChangeMessage example (empty participants)', async () => {
      const raw = await loadExample('fb-state.json');
      const r = parseOk(raw, FACEBOOK_SESSION);
      const state = asState(r.notification);
      expect(state.notificationType).to.equal('StatusChange');
      expect(state.referenceId).to.equal(17);
      expect(state.resource.id).to.equal('0000Na9B26EF002X');
      expect(state.resource.state).to.equal('Chatting');
      expect(state.resource.participants).to.deep.equal([]);
      expect(state.resource.capabilities).to.include('InFocus');
      expect(state.resource.userData).to.equal(undefined);
    });

    it('does not take one medium\'s state notification for the other\'s', async () => {
      const chat = await loadExample('chat-state.json');
      const fb = await loadExample('fb-state.json');
      expect(parseFailed(chat, FACEBOOK_SESSION).unsupported).to.equal(true);
      expect(parseFailed(fb, CHAT).unsupported).to.equal(true);
    });

    it('rejects a log notification of the other medium as missing its resource URI', async () => {
      const fbLog = await loadExample('fb-log.json');
      const r = parseFailed(fbLog, CHAT);
      expect(r.unsupported).to.not.equal(true);
      expectReason(r, 'chatUri');
    });
  });

  describe('quirks', () => {
    it('keeps two different messages with the same index, once each, in arrival order', async () => {
      const raw = await loadExample('chat-log.json');
      const log = asLog(parseOk(raw).notification);
      expect(log.messages.map((m) => m.index)).to.deep.equal([3, 3]);
      expect(log.messages.map((m) => m.text)).to.deep.equal(['How may I help you?', 'Are you still there?']);
      expect(log.messages.map((m) => m.time)).to.deep.equal([1389261492035, 1389261492047]);
    });

    it('reads timestampSeconds as epoch milliseconds, agreeing with the timestamp string', async () => {
      const raw = await loadExample('chat-log.json');
      const [first] = asLog(parseOk(raw).notification).messages;
      expect(first!.time).to.equal(Date.UTC(2014, 0, 9, 9, 58, 12, 35));
      expect(new Date(first!.time!).getUTCFullYear()).to.equal(2014);
    });

    it('falls back to the space-separated timestamp string when timestampSeconds is absent', () => {
      const m = textMessage(1, 'hi');
      delete m['timestampSeconds'];
      const [msg] = asLog(parseOk(chatLog([m])).notification).messages;
      expect(msg!.time).to.equal(1389261492035);
    });

    it('gives a null time when neither timestamp is usable, without rejecting the message', () => {
      const m = textMessage(1, 'hi', { timestamp: 'yesterday', timestampSeconds: 'soon' });
      const r = parseOk(chatLog([m]));
      expect(r.rejected).to.deep.equal([]);
      expect(asLog(r.notification).messages[0]!.time).to.equal(null);
    });

    it('compares the state messageType case-insensitively', async () => {
      const raw = await loadExample('chat-state.json');
      for (const spelling of ['chatStateChangeMessage', 'CHATSTATECHANGEMESSAGE', 'chatstatechangemessage']) {
        const copy = clone(raw);
        copy['data'].messageType = spelling;
        const r = parseNotification(copy, CHAT);
        expect(r.ok, spelling).to.equal(true);
        if (r.ok) expect(r.notification.kind).to.equal('state');
      }
      const fb = await loadExample('fb-state.json');
      fb['data'].messageType = 'FaceBookSessionStateChangeMessage';
      expect(parseOk(fb, FACEBOOK_SESSION).notification.kind).to.equal('state');
    });

    it('compares the MessageLogUpdated messageType case-insensitively', async () => {
      const raw = await loadExample('chat-log.json');
      raw['data'].messageType = 'messageLogUpdated';
      expect(parseOk(raw).notification.kind).to.equal('log');
      raw['data'].messageType = 'MESSAGELOGUPDATED';
      expect(parseOk(raw).notification.kind).to.equal('log');
    });

    it('canonicalises the spelling of known message types', () => {
      const r = parseOk(chatLog([
        textMessage(1, 'a', { type: 'text' }),
        textMessage(2, '', { type: 'TYPINGSTARTED' }),
        textMessage(3, '', { type: 'participantleft' }),
      ]));
      expect(asLog(r.notification).messages.map((m) => m.type)).to.deep.equal(['Text', 'TypingStarted', 'ParticipantLeft']);
    });

    it('spells known states canonically whatever the case sent', () => {
      const states = ['WaitingForAgent', 'Invited', 'Chatting', 'Idle', 'LeftChat', 'Completed', 'Revoked'];
      for (const canonical of states) {
        for (const sent of [canonical, canonical.toLowerCase(), canonical.toUpperCase()]) {
          const r = parseOk(chatState({ id: 'A', state: sent }));
          expect(asState(r.notification).resource.state, sent).to.equal(canonical);
        }
      }
    });

    it('spells known notification types canonically whatever the case sent', () => {
      const types = ['StatusChange', 'ParticipantsUpdated', 'PropertiesUpdated', 'Error', 'NewMessages'];
      for (const canonical of types) {
        for (const sent of [canonical, canonical.toLowerCase(), canonical.toUpperCase()]) {
          const r = parseOk(chatState({ id: 'A' }, { notificationType: sent }));
          expect(asState(r.notification).notificationType, sent).to.equal(canonical);
        }
      }
    });

    it('spells known participant types canonically, in the resource and in message senders', () => {
      const types = ['Customer', 'Client', 'Agent', 'Supervisor', 'External'];
      for (const canonical of types) {
        for (const sent of [canonical, canonical.toLowerCase(), canonical.toUpperCase()]) {
          const participant = { participantId: 'P1', nickname: 'n', type: sent };
          const state = asState(parseOk(chatState({ id: 'A', participants: [participant] })).notification);
          expect(state.resource.participants![0]!.type, sent).to.equal(canonical);
          const log = asLog(parseOk(chatLog([textMessage(1, 'hi', { from: participant })])).notification);
          expect(log.messages[0]!.from!.type, sent).to.equal(canonical);
        }
      }
    });

    it('passes unknown states, notification types and participant types through unchanged', () => {
      const r = parseOk(chatState(
        { id: 'A', state: 'Parked', participants: [{ participantId: 'B', nickname: 'Bot', type: 'chatBot' }] },
        { notificationType: 'somethingNew' },
      ));
      const state = asState(r.notification);
      expect(state.resource.state).to.equal('Parked');
      expect(state.notificationType).to.equal('somethingNew');
      expect(state.resource.participants![0]!.type).to.equal('chatBot');
      // Near misses are not known values: no trimming, no prefix matching.
      for (const near of [' Completed', 'Completed ', 'Complete', 'Completedish', '']) {
        expect(asState(parseOk(chatState({ id: 'A', state: near })).notification).resource.state, near).to.equal(near);
      }
    });

    it('requires a sender for a lower-cased type that needs one', () => {
      const r = parseOk(chatLog([{ index: 1, type: 'text', text: 'hi', visibility: 'All' }]));
      expect(r.rejected).to.have.length(1);
      expectReason(r.rejected[0]!, 'from is missing for a Text message');
    });

    it('uses chatPath when there is no chatUri', () => {
      const raw = chatLog([textMessage(1, 'hi')]);
      delete raw['data'].chatUri;
      raw['data'].chatPath = '/api/v2/chats/0000Wa9CAM6W00J';
      const log = asLog(parseOk(raw).notification);
      expect(log.resourceUri).to.equal('/api/v2/chats/0000Wa9CAM6W00J');
      expect(interactionIdOf(log)).to.equal('0000Wa9CAM6W00J');
    });

    it('uses facebooksessionPath when there is no facebooksessionUri', async () => {
      const raw = await loadExample('fb-log.json');
      delete raw['data'].facebooksessionUri;
      raw['data'].facebooksessionPath = '/api/v2/facebooksessions/0000Na9B26EF002X';
      const log = asLog(parseOk(raw, FACEBOOK_SESSION).notification);
      expect(interactionIdOf(log)).to.equal('0000Na9B26EF002X');
    });

    it('prefers chatUri over chatPath when both are present', () => {
      const raw = chatLog([textMessage(1, 'hi')], { chatPath: '/api/v2/chats/OTHER' });
      expect(asLog(parseOk(raw).notification).resourceUri).to.equal('http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J');
    });

    it('keeps a message of an unknown type, with the type as a string', () => {
      const r = parseOk(chatLog([textMessage(7, 'x', { type: 'FileUploaded' }), textMessage(8, 'y')]));
      expect(r.rejected).to.deep.equal([]);
      const log = asLog(r.notification);
      expect(log.messages).to.have.length(2);
      expect(log.messages[0]!.type).to.equal('FileUploaded');
      expect(log.messages[0]!.index).to.equal(7);
    });

    it('keeps the visibility as sent, and an empty one when it is missing', () => {
      const hidden = textMessage(1, 'agents only', { visibility: 'Agents' });
      const missing = textMessage(2, 'no visibility');
      delete missing['visibility'];
      const log = asLog(parseOk(chatLog([hidden, missing])).notification);
      expect(log.messages.map((m) => m.visibility)).to.deep.equal(['Agents', '']);
    });

    it('reads noticeText for notices and url for PushUrl', () => {
      const log = asLog(parseOk(chatLog([
        { index: 1, type: 'CustomNotice', noticeText: 'Be nice', visibility: 'All' },
        { index: 2, type: 'NicknameUpdated', from: AGENT, noticeText: 'now Bob', visibility: 'All' },
        { index: 3, type: 'PushUrl', from: AGENT, url: 'https://example.com/page', visibility: 'All' },
        { index: 4, type: 'Notice', text: 'Agent joined', visibility: 'All' },
      ])).notification);
      expect(log.messages.map((m) => m.text)).to.deep.equal(['Be nice', 'now Bob', '', 'Agent joined']);
      expect(log.messages[2]!.url).to.equal('https://example.com/page');
      expect(log.messages[0]!.from).to.equal(null);
    });

    it('accepts a sender with only a nickname, or only an id', () => {
      const log = asLog(parseOk(chatLog([
        textMessage(1, 'a', { from: { nickname: 'Bob' } }),
        textMessage(2, 'b', { from: { participantId: 'P1' } }),
      ])).notification);
      expect(log.messages[0]!.from).to.deep.equal({ participantId: '', nickname: 'Bob', type: '' });
      expect(log.messages[1]!.from).to.deep.equal({ participantId: 'P1', nickname: '', type: '' });
    });

    it('derives the resource id from its uri when the id is missing', () => {
      const r = parseOk(chatState({ uri: 'http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J/', state: 'Chatting' }));
      expect(asState(r.notification).resource.id).to.equal('0000Wa9CAM6W00J');
    });

    it('gives a null referenceId when it is missing or not a number', () => {
      const chat = { id: 'A', state: 'Chatting' };
      expect(asState(parseOk(chatState(chat, { referenceId: undefined })).notification).referenceId).to.equal(null);
      expect(asState(parseOk(chatState(chat, { referenceId: '83' })).notification).referenceId).to.equal(null);
    });
  });

  describe('Error notifications', () => {
    it('carries the server\'s errorMessage', () => {
      const r = parseOk(chatState(
        { id: '0000Wa9CAM6W00J', state: 'Chatting' },
        { notificationType: 'Error', errorMessage: 'Operation SendMessage failed', referenceId: 84 },
      ));
      const state = asState(r.notification);
      expect(state.notificationType).to.equal('Error');
      expect(state.errorMessage).to.equal('Operation SendMessage failed');
      expect(state.referenceId).to.equal(84);
    });

    it('falls back to statusMessage, and recognises the notificationType in any case', () => {
      const r = parseOk(chatState({ id: 'A' }, { notificationType: 'error', statusMessage: 'Not allowed' }));
      expect(asState(r.notification).errorMessage).to.equal('Not allowed');
      expect(asState(r.notification).notificationType).to.equal('Error');
    });

    it('has a null errorMessage when the server gave none', () => {
      const r = parseOk(chatState({ id: 'A' }, { notificationType: 'Error' }));
      expect(asState(r.notification).errorMessage).to.equal(null);
    });

    it('ignores errorMessage on a notification that is not an Error', () => {
      const r = parseOk(chatState({ id: 'A' }, { notificationType: 'StatusChange', errorMessage: 'stray' }));
      expect(asState(r.notification).errorMessage).to.equal(null);
    });

    it('works for facebook sessions too', async () => {
      const raw = await loadExample('fb-state.json');
      raw['data'].notificationType = 'Error';
      raw['data'].errorMessage = 'Accept failed';
      expect(asState(parseOk(raw, FACEBOOK_SESSION).notification).errorMessage).to.equal('Accept failed');
    });
  });

  describe('rejections (never thrown)', () => {
    it('rejects what is not a notification object', () => {
      for (const raw of [null, undefined, 42, 'text', true, [], [{ data: {} }]]) {
        const r = parseFailed(raw);
        expect(r.unsupported, String(raw)).to.not.equal(true);
        expectReason(r, 'not an object');
      }
    });

    it('rejects a notification without a data object', () => {
      for (const raw of [{}, { channel: '/v2/me/chats' }, { data: null }, { data: 'x' }, { data: [] }]) {
        expectReason(parseFailed(raw), 'no data object');
      }
    });

    it('rejects a missing or non-string messageType', () => {
      expectReason(parseFailed({ data: {} }), 'messageType');
      expectReason(parseFailed({ data: { messageType: 7 } }), 'messageType');
    });

    it('reports an unknown messageType as unsupported, with a reason', () => {
      const r = parseFailed({ channel: '/v2/me/chats', data: { messageType: 'AgentStateChangeMessage', foo: 1 } });
      expect(r.unsupported).to.equal(true);
      expectReason(r, 'AgentStateChangeMessage');
    });

    it('does not echo a huge unknown messageType in full', () => {
      const r = parseFailed({ data: { messageType: 'Z'.repeat(100_000) } });
      expect(r.unsupported).to.equal(true);
      expect(r.reason.length).to.be.lessThan(200);
    });

    it('rejects a state notification without notificationType', () => {
      const raw = chatState({ id: 'A' });
      delete raw['data'].notificationType;
      expectReason(parseFailed(raw), 'data.notificationType is missing');
    });

    it('rejects a state notification without its resource', () => {
      const raw = chatState({ id: 'A' });
      delete raw['data'].chat;
      expectReason(parseFailed(raw), 'data.chat');
      expectReason(parseFailed(chatState('not an object' as unknown as Json)), 'data.chat');
    });

    it('rejects a resource with neither id nor uri', () => {
      expectReason(parseFailed(chatState({ state: 'Chatting' })), 'neither id nor uri');
    });

    it('rejects resource fields of the wrong type', () => {
      expectReason(parseFailed(chatState({ id: 5 })), 'data.chat.id is not a string');
      expectReason(parseFailed(chatState({ id: 'A', state: 3 })), 'data.chat.state is not a string');
      expectReason(parseFailed(chatState({ id: 'A', capabilities: 'SendMessage' })), 'data.chat.capabilities is not an array');
      expectReason(parseFailed(chatState({ id: 'A', capabilities: ['SendMessage', 4] })), 'data.chat.capabilities[1]');
      expectReason(parseFailed(chatState({ id: 'A', participants: {} })), 'data.chat.participants is not an array');
      expectReason(parseFailed(chatState({ id: 'A', participants: [null] })), 'data.chat.participants[0] is not an object');
      expectReason(parseFailed(chatState({ id: 'A', participants: [{ type: 'Agent' }] })), 'neither participantId nor nickname');
      expectReason(parseFailed(chatState({ id: 'A', participants: [{ nickname: 7 }] })), 'nickname is not a string');
      expectReason(parseFailed(chatState({ id: 'A', userData: ['a'] })), 'data.chat.userData is not an object');
    });

    it('treats null resource fields as absent', () => {
      const r = parseOk(chatState({ id: 'A', state: null, capabilities: null, participants: null, userData: null }));
      const { resource } = asState(r.notification);
      expect(resource).to.deep.equal({ id: 'A' });
    });

    it('rejects a log notification without a resource location', () => {
      const raw = chatLog([textMessage(1, 'hi')]);
      delete raw['data'].chatUri;
      expectReason(parseFailed(raw), 'data.chatUri is missing');
    });

    it('rejects a log notification whose chatUri is not a string', () => {
      expectReason(parseFailed(chatLog([textMessage(1, 'hi')], { chatUri: 42 })), 'data.chatUri is not a string');
    });

    it('rejects a log notification without a messages array', () => {
      const raw = chatLog([]);
      delete raw['data'].messages;
      expectReason(parseFailed(raw), 'data.messages is not an array');
      expectReason(parseFailed(chatLog({ 0: textMessage(1, 'hi') } as unknown as unknown[])), 'data.messages is not an array');
    });

    it('accepts an empty messages array', () => {
      const r = parseOk(chatLog([]));
      expect(asLog(r.notification).messages).to.deep.equal([]);
    });

    it('does not throw on getters that throw', () => {
      const raw = { get data(): unknown { throw new Error('boom'); } };
      const r = parseFailed(raw);
      expect(r.reason).to.include('boom');
    });
  });

  describe('a malformed message inside a valid MessageLogUpdated', () => {
    it('is rejected alone and listed in rejected, while the others are kept', () => {
      const r = parseOk(chatLog([
        textMessage(1, 'first'),
        textMessage(2, 'bad', { index: 'two' }),
        textMessage(3, 'third'),
      ]));
      const log = asLog(r.notification);
      expect(log.messages.map((m) => m.text)).to.deep.equal(['first', 'third']);
      expect(r.rejected).to.have.length(1);
      expectReason(r.rejected[0]!, 'data.messages[1].index');
    });

    it('lists each malformed message with its own reason', () => {
      const noFrom = textMessage(3, 'who?');
      delete noFrom['from'];
      const noType = textMessage(4, 'typeless');
      delete noType['type'];
      const r = parseOk(chatLog([
        'not a message',
        textMessage(-1, 'negative'),
        noFrom,
        noType,
        textMessage(5, '', { type: '' }),
        textMessage(6, 42 as unknown as string),
        textMessage(7, 'fraction', { index: 7.5 }),
        textMessage(8, 'kept'),
      ]));
      expect(asLog(r.notification).messages.map((m) => m.index)).to.deep.equal([8]);
      const reasons = r.rejected.map((x) => x.reason);
      expect(reasons).to.have.length(7);
      expect(reasons[0]).to.include('data.messages[0] is not an object');
      expect(reasons[1]).to.include('data.messages[1].index');
      expect(reasons[2]).to.include('data.messages[2].from is missing');
      expect(reasons[3]).to.include('data.messages[3].type is missing');
      expect(reasons[4]).to.include('data.messages[4].type');
      expect(reasons[5]).to.include('data.messages[5].text is not a string');
      expect(reasons[6]).to.include('data.messages[6].index');
    });

    it('does not require a sender for notices', () => {
      const r = parseOk(chatLog([{ index: 1, type: 'Notice', text: 'System notice', visibility: 'All' }]));
      expect(r.rejected).to.deep.equal([]);
      expect(asLog(r.notification).messages[0]!.from).to.equal(null);
    });

    it('requires a sender for typing notifications and joins/leaves', () => {
      for (const type of ['TypingStarted', 'TypingStopped', 'ParticipantJoined', 'ParticipantLeft', 'NicknameUpdated']) {
        const r = parseOk(chatLog([{ index: 1, type, visibility: 'All' }]));
        expect(asLog(r.notification).messages, type).to.have.length(0);
        expect(r.rejected, type).to.have.length(1);
        expectReason(r.rejected[0]!, 'from is missing');
      }
    });
  });

  describe('prototype pollution', () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>)['polluted'];
    });

    it('drops __proto__ from userData without polluting Object.prototype', () => {
      const userData = JSON.parse('{"__proto__": {"polluted": 1}, "key1": "value1"}') as unknown;
      const r = parseOk(chatState({ id: 'A', userData }));
      const resource = asState(r.notification).resource;
      expect(Object.keys(resource.userData!)).to.deep.equal(['key1']);
      expect(Object.prototype.hasOwnProperty.call(resource.userData, '__proto__')).to.equal(false);
      expect(Object.getPrototypeOf(resource.userData)).to.equal(Object.prototype);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
      expect((resource.userData as Record<string, unknown>)['polluted']).to.equal(undefined);
    });

    it('drops constructor and prototype keys from userData', () => {
      const userData = JSON.parse('{"constructor": {"prototype": {"polluted": 1}}, "prototype": 2, "ok": 3}') as unknown;
      const resource = asState(parseOk(chatState({ id: 'A', userData })).notification).resource;
      expect(Object.keys(resource.userData!)).to.deep.equal(['ok']);
      expect(resource.userData!['ok']).to.equal(3);
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });

    it('ignores fields that are only inherited, never own', () => {
      const raw = JSON.parse('{"__proto__": {"data": {"messageType": "MessageLogUpdated"}}}') as unknown;
      expectReason(parseFailed(raw), 'no data object');
      const msg = JSON.parse(
        '{"__proto__": {"index": 1, "type": "Notice", "visibility": "All"}, "text": "inherited fields"}',
      ) as unknown;
      const r = parseOk(chatLog([msg]));
      expect(asLog(r.notification).messages).to.have.length(0);
      expect(r.rejected).to.have.length(1);
    });
  });

  describe('size limits', () => {
    /** The combined over-limit reason of a parsed notification. */
    function trimmed(r: Ok): string {
      expect(r.trimmed, 'a reason for what was cut').to.be.a('string');
      return r.trimmed!;
    }

    it('drops a userData entry over MAX_TEXT_LENGTH characters of JSON and keeps the rest and the state', () => {
      const r = parseOk(chatState({
        id: 'A', state: 'Chatting', capabilities: ['SendMessage'], participants: [AGENT],
        userData: { before: 1, big: 'u'.repeat(70_000), after: 'kept' },
      }));
      const resource = asState(r.notification).resource;
      expect(resource.userData).to.deep.equal({ before: 1, after: 'kept' });
      expect(resource.state).to.equal('Chatting');
      expect(resource.capabilities).to.deep.equal(['SendMessage']);
      expect(resource.participants).to.have.length(1);
      expect(trimmed(r)).to.include('data.chat.userData "big" dropped').and.include(`${MAX_TEXT_LENGTH}`);
      expect(r.rejected).to.deep.equal([]);
    });

    it('keeps userData up to MAX_TEXT_LENGTH characters of JSON in all, and says nothing then', () => {
      const whole = { note: 'u'.repeat(MAX_TEXT_LENGTH - 11) };
      expect(JSON.stringify(whole)).to.have.length(MAX_TEXT_LENGTH);
      const r = parseOk(chatState({ id: 'A', userData: whole }));
      expect(asState(r.notification).resource.userData).to.deep.equal(whole);
      expect(r.trimmed).to.equal(undefined);
      const over = parseOk(chatState({ id: 'A', userData: { note: 'u'.repeat(MAX_TEXT_LENGTH - 10) } }));
      expect(asState(over.notification).resource.userData).to.deep.equal({});
      expect(trimmed(over)).to.include('"note" dropped');
    });

    it('drops later userData entries that no longer fit together', () => {
      const half = 'h'.repeat(MAX_TEXT_LENGTH / 2);
      const r = parseOk(chatState({ id: 'A', userData: { a: half, b: half, c: 3 } }));
      expect(asState(r.notification).resource.userData).to.deep.equal({ a: half, c: 3 });
      expect(trimmed(r)).to.include('"b" dropped');
    });

    it('keeps the first MAX_LIST userData keys of more', () => {
      const userData = Object.fromEntries(Array.from({ length: MAX_LIST + 1 }, (_, i) => [`k${i}`, i]));
      const r = parseOk(chatState({ id: 'A', state: 'Chatting', userData }));
      const kept = asState(r.notification).resource.userData!;
      expect(Object.keys(kept)).to.have.length(MAX_LIST);
      expect(kept['k0']).to.equal(0);
      expect(kept[`k${MAX_LIST - 1}`]).to.equal(MAX_LIST - 1);
      expect(kept).to.not.have.property(`k${MAX_LIST}`);
      expect(asState(r.notification).resource.state).to.equal('Chatting');
      expect(trimmed(r)).to.include(`data.chat.userData: more than ${MAX_LIST} keys, the first ${MAX_LIST} kept`);
    });

    it('keeps the first MAX_LIST participants or capabilities of more', () => {
      const many = Array.from({ length: MAX_LIST + 5 }, (_, i) => ({ participantId: `P${i}`, nickname: 'n', type: 'Agent' }));
      const caps = Array.from({ length: MAX_LIST + 1 }, (_, i) => `Cap${i}`);
      const r = parseOk(chatState({ id: 'A', state: 'Chatting', participants: many, capabilities: caps }));
      const resource = asState(r.notification).resource;
      expect(resource.participants!.map((p) => p.participantId)).to.deep.equal(many.slice(0, MAX_LIST).map((p) => p.participantId));
      expect(resource.capabilities).to.deep.equal(caps.slice(0, MAX_LIST));
      expect(resource.state).to.equal('Chatting');
      expect(trimmed(r)).to.equal(
        `data.chat.capabilities: more than ${MAX_LIST} entries, the first ${MAX_LIST} kept; `
        + `data.chat.participants: more than ${MAX_LIST} entries, the first ${MAX_LIST} kept`,
      );
    });

    it('gives the identical reason for a repeated state whose lists grew', () => {
      const people = (n: number) => Array.from({ length: n }, (_, i) => ({ participantId: `P${i}`, nickname: 'n', type: 'Agent' }));
      const first = trimmed(parseOk(chatState({ id: 'A', participants: people(MAX_LIST + 1) })));
      const again = trimmed(parseOk(chatState({ id: 'A', participants: people(MAX_LIST + 30) })));
      expect(again).to.equal(first);
    });

    it('at the limits keeps everything and says nothing', () => {
      const people = Array.from({ length: MAX_LIST }, (_, i) => ({ participantId: `P${i}`, nickname: 'n', type: 'Agent' }));
      const userData = Object.fromEntries(Array.from({ length: MAX_LIST }, (_, i) => [`k${i}`, i]));
      const r = parseOk(chatState({ id: 'A', participants: people, userData, capabilities: ['c'.repeat(MAX_SHORT_LENGTH)] }));
      expect(asState(r.notification).resource.participants).to.have.length(MAX_LIST);
      expect(Object.keys(asState(r.notification).resource.userData!)).to.have.length(MAX_LIST);
      expect(asState(r.notification).resource.capabilities).to.have.length(1);
      expect(r.trimmed).to.equal(undefined);
    });

    it('drops a capability or state over MAX_SHORT_LENGTH, cuts a participant\'s long nickname', () => {
      const huge = 'c'.repeat(MAX_SHORT_LENGTH + 1);
      const r = parseOk(chatState({
        id: 'A', state: huge, capabilities: [huge, 'SendMessage'],
        participants: [{ ...AGENT, nickname: huge }],
      }));
      const resource = asState(r.notification).resource;
      expect(resource.capabilities).to.deep.equal(['SendMessage']);
      expect(resource).to.not.have.property('state');
      expect(resource.participants![0]!.nickname).to.equal(huge.slice(0, MAX_SHORT_LENGTH));
      const reason = trimmed(r);
      expect(reason).to.include('data.chat.state dropped');
      expect(reason).to.include('data.chat.capabilities[0] dropped');
      expect(reason).to.include('data.chat.participants[0].nickname cut');
    });

    it('names at most five places and counts the rest', () => {
      const huge = 'c'.repeat(MAX_SHORT_LENGTH + 1);
      const r = parseOk(chatState({ id: 'A', capabilities: Array.from({ length: 8 }, () => huge) }));
      expect(trimmed(r)).to.match(/capabilities\[4\] dropped[^;]*; and 3 more$/);
    });

    it('cuts a message text at MAX_TEXT_LENGTH code points and keeps one at the limit', () => {
      const r = parseOk(chatLog([
        textMessage(1, 'x'.repeat(MAX_TEXT_LENGTH)),
        textMessage(2, 'x'.repeat(MAX_TEXT_LENGTH + 1)),
        textMessage(3, '😀'.repeat(MAX_TEXT_LENGTH)),
        textMessage(4, '😀'.repeat(MAX_TEXT_LENGTH + 1)),
      ]));
      const texts = asLog(r.notification).messages.map((m) => m.text);
      expect(texts.map((t) => [...t].length)).to.deep.equal([MAX_TEXT_LENGTH, MAX_TEXT_LENGTH, MAX_TEXT_LENGTH, MAX_TEXT_LENGTH]);
      expect(texts[3]!.endsWith('😀'), 'no surrogate pair split').to.equal(true);
      expect(r.rejected).to.deep.equal([]);
      expect(trimmed(r)).to.equal(`data.messages[1].text cut to ${MAX_TEXT_LENGTH} characters; data.messages[3].text cut to ${MAX_TEXT_LENGTH} characters`);
    });

    it('cuts a huge noticeText', () => {
      const r = parseOk(chatLog([{ index: 1, type: 'Notice', noticeText: 'n'.repeat(MAX_TEXT_LENGTH + 1), visibility: 'All' }]));
      expect(asLog(r.notification).messages[0]!.text).to.have.length(MAX_TEXT_LENGTH);
      expect(trimmed(r)).to.include('noticeText cut');
    });

    it('cuts a huge nickname or type in a message, drops a huge url, and keeps the messages', () => {
      const huge = 'n'.repeat(MAX_SHORT_LENGTH + 1);
      const r = parseOk(chatLog([
        textMessage(1, 'a', { from: { ...AGENT, nickname: huge } }),
        textMessage(2, 'b', { type: huge }),
        textMessage(3, 'c', { type: 'PushUrl', url: `https://example.com/${huge}` }),
        textMessage(4, 'kept', { from: { ...AGENT, nickname: 'n'.repeat(MAX_SHORT_LENGTH) } }),
      ]));
      const messages = asLog(r.notification).messages;
      expect(messages.map((m) => m.index)).to.deep.equal([1, 2, 3, 4]);
      expect(messages[0]!.from!.nickname).to.have.length(MAX_SHORT_LENGTH);
      expect(messages[1]!.type).to.have.length(MAX_SHORT_LENGTH);
      expect(messages[2]!.url).to.equal('');
      expect(r.rejected).to.deep.equal([]);
      expect(trimmed(r)).to.equal(
        `data.messages[0].from.nickname cut to ${MAX_SHORT_LENGTH} characters; `
        + `data.messages[1].type cut to ${MAX_SHORT_LENGTH} characters; `
        + `data.messages[2].url dropped (longer than ${MAX_SHORT_LENGTH} characters)`,
      );
    });

    it('never splits a surrogate pair when cutting a short string', () => {
      const nickname = `${'n'.repeat(MAX_SHORT_LENGTH - 1)}😀tail`;
      const r = parseOk(chatState({ id: 'A', participants: [{ ...AGENT, nickname }] }));
      expect(asState(r.notification).resource.participants![0]!.nickname).to.equal('n'.repeat(MAX_SHORT_LENGTH - 1));
    });

    it('says nothing of what was cut from a message rejected anyway', () => {
      const r = parseOk(chatLog([textMessage(1, 'x', { from: { ...AGENT, nickname: 'n'.repeat(MAX_SHORT_LENGTH + 1) }, text: 5 })]));
      expect(r.rejected).to.have.length(1);
      expect(r.trimmed).to.equal(undefined);
    });

    it('reports what a catch-up answer had cut', () => {
      const r = parseMessages([textMessage(1, 'x'.repeat(MAX_TEXT_LENGTH + 1))]);
      if (!r.ok) throw new Error(r.reason);
      expect(r.messages[0]!.text).to.have.length(MAX_TEXT_LENGTH);
      expect(r.trimmed).to.include('messages[0].text cut');
    });

    it('rejects a huge resource uri or id', () => {
      const huge = 'i'.repeat(MAX_SHORT_LENGTH + 1);
      expectReason(parseFailed(chatState({ id: huge })), 'data.chat.id is longer than');
      expectReason(parseFailed(chatLog([], { chatUri: `http://h/${huge}` })), 'data.chatUri is longer than');
    });

    it('rejects a notification of more than MAX_MESSAGES messages whole, saying how many it carried', () => {
      const messages = Array.from({ length: MAX_MESSAGES + 1 }, (_, i) => textMessage(i, 'm'));
      const r = parseFailed(chatLog(messages));
      expectReason(r, `data.messages has ${MAX_MESSAGES + 1} entries, more than the ${MAX_MESSAGES}`);
      expect(r.unsupported, 'a rejection to report, not to ignore').to.equal(undefined);
    });

    it('accepts a notification of exactly MAX_MESSAGES messages', () => {
      const messages = Array.from({ length: MAX_MESSAGES }, (_, i) => textMessage(i, 'm'));
      const r = parseOk(chatLog(messages));
      expect(asLog(r.notification).messages).to.have.length(MAX_MESSAGES);
      expect(r.rejected).to.deep.equal([]);
    });

    it('truncates a huge errorMessage instead of keeping it whole', () => {
      const r = parseOk(chatState({ id: 'A' }, { notificationType: 'Error', errorMessage: 'e'.repeat(MAX_TEXT_LENGTH * 2) }));
      expect(asState(r.notification).errorMessage).to.have.length(MAX_TEXT_LENGTH);
    });
  });
});

describe('parseMessages (catch-up answers and stored transcripts)', () => {
  it('parses a list like a notification\'s messages, canonical spellings included', () => {
    const r = parseMessages([textMessage(1, 'hi', { type: 'TEXT', from: { ...AGENT, type: 'agent' } })]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.messages.map((m) => [m.index, m.type, m.text, m.from?.type])).to.deep.equal([[1, 'Text', 'hi', 'Agent']]);
    expect(r.rejected).to.deep.equal([]);
  });

  it('accepts 100,000 messages, far beyond the per-notification limit, keeping every one in order', () => {
    const list = Array.from({ length: 100_000 }, (_, i) => textMessage(i, `m${i}`));
    // Measured in headless Chromium (no timed assertion here): 90–190 ms for 100,000
    // well-formed messages and 250–500 ms for 100,000 malformed ones, about ten times
    // what 10,000 take: linear.
    const r = parseMessages(list, 'catch-up messages');
    if (!r.ok) throw new Error(`a long catch-up was rejected whole: ${r.reason}`);
    expect(r.messages).to.have.length(100_000);
    expect(r.rejected).to.deep.equal([]);
    expect(r.messages.every((m, i) => m.index === i && m.text === `m${i}`)).to.equal(true);
  });

  it('rejects malformed entries of a long list one by one and keeps the rest', () => {
    const list: unknown[] = Array.from({ length: MAX_MESSAGES * 2 }, (_, i) => textMessage(i, 'm'));
    list[3] = 'not a message';
    list[MAX_MESSAGES + 5] = { ...textMessage(0, 'm'), index: -1 };
    const r = parseMessages(list, 'catch-up messages');
    if (!r.ok) throw new Error(r.reason);
    expect(r.messages).to.have.length(MAX_MESSAGES * 2 - 2);
    expect(r.rejected.map((x) => x.reason)).to.deep.equal([
      'catch-up messages[3] is not an object',
      `catch-up messages[${MAX_MESSAGES + 5}].index is not a non-negative integer`,
    ]);
  });

  it('rejects a hole in a sparse array like any entry that is not an object', () => {
    const r = parseMessages([textMessage(1, 'a'), , textMessage(3, 'c')]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.messages.map((m) => m.index)).to.deep.equal([1, 3]);
    expect(r.rejected.map((x) => x.reason)).to.deep.equal(['messages[1] is not an object']);
  });

  it('accepts an empty list', () => {
    expect(parseMessages([])).to.deep.equal({ ok: true, messages: [], rejected: [] });
  });

  it('rejects whole only what is not an array, with a reason, never throwing', () => {
    for (const input of [undefined, null, 'messages', 42, { 0: textMessage(1, 'a'), length: 1 }]) {
      const r = parseMessages(input, 'catch-up messages');
      expect(r.ok, String(input)).to.equal(false);
      if (!r.ok) expect(r.reason).to.equal('catch-up messages is not an array');
    }
  });
});

describe('concernsInteraction', () => {
  const ID = '0000Wa9CAM6W00J';

  it('is true for the chat state example and its own id', async () => {
    const raw = await loadExample('chat-state.json');
    expect(concernsInteraction(raw, CHAT, ID)).to.equal(true);
  });

  it('is false for the chat log example, whose chatUri names a different chat', async () => {
    const raw = await loadExample('chat-log.json');
    expect(concernsInteraction(raw, CHAT, ID)).to.equal(false);
    expect(concernsInteraction(raw, CHAT, '0000Wa9CAM6W00FN')).to.equal(true);
  });

  it('is true for both facebook examples and their id', async () => {
    const fbState = await loadExample('fb-state.json');
    const fbLog = await loadExample('fb-log.json');
    expect(concernsInteraction(fbState, FACEBOOK_SESSION, '0000Na9B26EF002X')).to.equal(true);
    expect(concernsInteraction(fbLog, FACEBOOK_SESSION, '0000Na9B26EF002X')).to.equal(true);
    expect(concernsInteraction(fbLog, FACEBOOK_SESSION, ID)).to.equal(false);
  });

  it('does not match on an id suffix or prefix', () => {
    expect(concernsInteraction(chatState({ id: `X${ID}` }), CHAT, ID)).to.equal(false);
    expect(concernsInteraction(chatState({ id: `${ID}X` }), CHAT, ID)).to.equal(false);
    expect(concernsInteraction(chatState({ id: ID }), CHAT, `X${ID}`)).to.equal(false);
    expect(concernsInteraction(chatLog([], { chatUri: `http://h/api/v2/chats/X${ID}` }), CHAT, ID)).to.equal(false);
    expect(concernsInteraction(chatLog([], { chatUri: `http://h/api/v2/chats/${ID}X` }), CHAT, ID)).to.equal(false);
  });

  it('is case-sensitive about ids', () => {
    expect(concernsInteraction(chatState({ id: ID.toLowerCase() }), CHAT, ID)).to.equal(false);
  });

  it('ignores a query string, a fragment and trailing slashes in URIs', () => {
    for (const chatUri of [
      `http://h/api/v2/chats/${ID}?x=1`,
      `http://h/api/v2/chats/${ID}/`,
      `http://h/api/v2/chats/${ID}//`,
      `http://h/api/v2/chats/${ID}#frag`,
      `http://h/api/v2/chats/${ID}/?a=/b/c`,
    ]) {
      expect(concernsInteraction(chatLog([], { chatUri }), CHAT, ID), chatUri).to.equal(true);
    }
    expect(concernsInteraction(chatState({ uri: `http://h/api/v2/chats/${ID}/?x=1` }), CHAT, ID)).to.equal(true);
  });

  it('does not match the id when it only appears in the query or an earlier segment', () => {
    expect(concernsInteraction(chatLog([], { chatUri: `http://h/api/v2/chats/OTHER?id=${ID}` }), CHAT, ID)).to.equal(false);
    expect(concernsInteraction(chatLog([], { chatUri: `http://h/${ID}/chats/OTHER` }), CHAT, ID)).to.equal(false);
  });

  it('uses chatPath when there is no chatUri', () => {
    const raw = chatLog([]);
    delete raw['data'].chatUri;
    raw['data'].chatPath = `/api/v2/chats/${ID}`;
    expect(concernsInteraction(raw, CHAT, ID)).to.equal(true);
    raw['data'].chatPath = '/api/v2/chats/OTHER';
    expect(concernsInteraction(raw, CHAT, ID)).to.equal(false);
  });

  it('uses the resource uri when the resource has no id', () => {
    expect(concernsInteraction(chatState({ uri: `http://h/api/v2/chats/${ID}` }), CHAT, ID)).to.equal(true);
    expect(concernsInteraction(chatState({ uri: 'http://h/api/v2/chats/OTHER' }), CHAT, ID)).to.equal(false);
  });

  it('is undefined when the message does not say which interaction it is about', () => {
    expect(concernsInteraction(null, CHAT, ID)).to.equal(undefined);
    expect(concernsInteraction('x', CHAT, ID)).to.equal(undefined);
    expect(concernsInteraction({}, CHAT, ID)).to.equal(undefined);
    expect(concernsInteraction({ data: null }, CHAT, ID)).to.equal(undefined);
    expect(concernsInteraction({ data: { messageType: 'MessageLogUpdated', messages: [] } }, CHAT, ID)).to.equal(undefined);
    expect(concernsInteraction(chatState({ state: 'Chatting' }), CHAT, ID)).to.equal(undefined);
    expect(concernsInteraction(chatState({ id: 42 }), CHAT, ID)).to.equal(undefined);
  });

  it('looks only at the keys of the given medium', async () => {
    const chatStateRaw = await loadExample('chat-state.json');
    expect(concernsInteraction(chatStateRaw, FACEBOOK_SESSION, ID)).to.equal(undefined);
    const fbLog = await loadExample('fb-log.json');
    expect(concernsInteraction(fbLog, CHAT, '0000Na9B26EF002X')).to.equal(undefined);
  });

  it('does not consult inherited properties', () => {
    const raw = JSON.parse(`{"data": {"__proto__": {"chatUri": "http://h/api/v2/chats/${ID}"}}}`) as unknown;
    expect(concernsInteraction(raw, CHAT, ID)).to.equal(undefined);
  });
});

describe('lastSegment', () => {
  it('returns the last path segment of a URI or path', () => {
    expect(lastSegment('http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J')).to.equal('0000Wa9CAM6W00J');
    expect(lastSegment('/api/v2/chats/0000Wa9CAM6W00J')).to.equal('0000Wa9CAM6W00J');
    expect(lastSegment('0000Wa9CAM6W00J')).to.equal('0000Wa9CAM6W00J');
  });

  it('ignores a query, a fragment and trailing slashes', () => {
    expect(lastSegment('http://h/chats/ID?index=0')).to.equal('ID');
    expect(lastSegment('http://h/chats/ID#top')).to.equal('ID');
    expect(lastSegment('http://h/chats/ID///')).to.equal('ID');
    expect(lastSegment('http://h/chats/ID/?q=/a/b')).to.equal('ID');
  });

  it('returns an empty string for an empty input', () => {
    expect(lastSegment('')).to.equal('');
  });
});

describe('interactionIdOf', () => {
  it('is the resource id of a state notification, even when its uri disagrees', () => {
    const r = parseOk(chatState({ id: 'ID1', uri: 'http://h/api/v2/chats/ID2' }));
    expect(interactionIdOf(r.notification)).to.equal('ID1');
  });

  it('is the last segment of the resource URI of a log notification', () => {
    const r = parseOk(chatLog([], { chatUri: 'http://h/api/v2/chats/ID3/?x=1' }));
    expect(interactionIdOf(r.notification)).to.equal('ID3');
  });
});
