import { expect } from '@open-wc/testing';
import { LOG_TYPES, Transcript } from '../../src/model/transcript.js';
import { parseMessages } from '../../src/protocol/parse.js';
import type { Participant, WireMessage } from '../../src/protocol/types.js';

const AGENT: Participant = { participantId: '007352CE72D50290', nickname: 'TestName', type: 'Agent' };
const CUSTOMER: Participant = { participantId: '009052C5E6D6004A', nickname: 'PersonP', type: 'Customer' };
const CLIENT: Participant = { participantId: 'C1', nickname: 'Web visitor', type: 'Client' };

/** A visible text message; override any field. */
function msg(index: number, text: string, over: Partial<WireMessage> = {}): WireMessage {
  return {
    index,
    type: 'Text',
    from: AGENT,
    text,
    url: '',
    visibility: 'All',
    time: 1389261492035 + index,
    ...over,
  };
}

const texts = (t: Transcript) => t.entries.map((e) => e.text);
const indices = (t: Transcript) => t.entries.map((e) => e.index);

describe('Transcript', () => {
  it('starts empty with highestIndex -1', () => {
    const t = new Transcript();
    expect(t.entries).to.deep.equal([]);
    expect(t.highestIndex).to.equal(-1);
  });

  it('orders a batch by index', () => {
    const t = new Transcript();
    t.add([msg(3, 'c'), msg(1, 'a'), msg(2, 'b')]);
    expect(indices(t)).to.deep.equal([1, 2, 3]);
    expect(texts(t)).to.deep.equal(['a', 'b', 'c']);
  });

  it('places a message that arrives late by its index, between existing entries', () => {
    const t = new Transcript();
    t.add([msg(1, 'a'), msg(4, 'd')]);
    t.add([msg(6, 'f')]);
    t.add([msg(2, 'b')]);
    t.add([msg(5, 'e')]);
    t.add([msg(0, 'zero')]);
    expect(indices(t)).to.deep.equal([0, 1, 2, 4, 5, 6]);
    expect(texts(t)).to.deep.equal(['zero', 'a', 'b', 'd', 'e', 'f']);
  });

  it('tells apart messages whose fields differ only around NUL characters', () => {
    const t = new Transcript();
    t.add([msg(1, 'a\u0000b', { url: '' }), msg(1, 'a', { url: 'b\u0000' })]);
    expect(t.entries).to.have.length(2);
  });

  it('keeps non-contiguous indices without inventing entries', () => {
    const t = new Transcript();
    t.add([msg(10, 'x'), msg(40, 'y')]);
    expect(indices(t)).to.deep.equal([10, 40]);
    expect(t.highestIndex).to.equal(40);
  });

  it('returns the fresh messages in log order with their entries', () => {
    const t = new Transcript();
    const fresh = t.add([msg(2, 'b'), msg(1, 'a')]);
    expect(fresh.map((f) => f.message.text)).to.deep.equal(['a', 'b']);
    expect(fresh.map((f) => f.entry?.text)).to.deep.equal(['a', 'b']);
    expect(fresh[0]!.entry).to.equal(t.entries[0]);
  });

  it('drops an exact replay inside the same batch', () => {
    const t = new Transcript();
    const fresh = t.add([msg(1, 'a'), msg(1, 'a'), msg(2, 'b')]);
    expect(texts(t)).to.deep.equal(['a', 'b']);
    expect(fresh).to.have.length(2);
  });

  it('drops an exact replay in a later batch and reports nothing fresh', () => {
    const t = new Transcript();
    t.add([msg(1, 'a'), msg(2, 'b')]);
    const fresh = t.add([msg(1, 'a'), msg(2, 'b')]);
    expect(fresh).to.deep.equal([]);
    expect(texts(t)).to.deep.equal(['a', 'b']);
  });

  it('treats a replay as the same message even when it is a different object', () => {
    const t = new Transcript();
    t.add([msg(1, 'a', { from: { ...AGENT } })]);
    const fresh = t.add([JSON.parse(JSON.stringify(msg(1, 'a'))) as WireMessage]);
    expect(fresh).to.deep.equal([]);
    expect(t.entries).to.have.length(1);
  });

  it('keeps distinct messages sharing an index, in arrival order (chat spec example)', () => {
    const t = new Transcript();
    const first = msg(3, 'How may I help you?', { time: 1389261492035 });
    const second = msg(3, 'Are you still there?', { time: 1389261492047 });
    const fresh = t.add([first, second]);
    expect(fresh).to.have.length(2);
    expect(texts(t)).to.deep.equal(['How may I help you?', 'Are you still there?']);
    // Replaying the whole notification keeps each of them once.
    expect(t.add([first, second])).to.deep.equal([]);
    expect(texts(t)).to.deep.equal(['How may I help you?', 'Are you still there?']);
  });

  it('keeps same-index messages in arrival order across batches and after later indices', () => {
    const t = new Transcript();
    t.add([msg(3, 'first'), msg(5, 'five')]);
    t.add([msg(3, 'second')]);
    t.add([msg(3, 'third')]);
    expect(texts(t)).to.deep.equal(['first', 'second', 'third', 'five']);
  });

  it('keeps same-index messages that differ only in time or sender', () => {
    const t = new Transcript();
    t.add([msg(3, 'same', { time: 1 }), msg(3, 'same', { time: 2 }), msg(3, 'same', { from: CUSTOMER, time: 1 })]);
    expect(t.entries).to.have.length(3);
  });

  it('never stores hidden messages (Agents, missing or other visibility) but counts their index', () => {
    const t = new Transcript();
    const fresh = t.add([
      msg(1, 'visible'),
      msg(2, 'consultation', { visibility: 'Agents' }),
      msg(3, 'no visibility', { visibility: '' }),
      msg(4, 'wrong case', { visibility: 'all' }),
      msg(5, 'other', { visibility: 'Supervisors' }),
    ]);
    expect(texts(t)).to.deep.equal(['visible']);
    expect(fresh.map((f) => f.message.text)).to.deep.equal(['visible']);
    expect(t.highestIndex).to.equal(5);
  });

  it('does not return hidden typing notifications either', () => {
    const t = new Transcript();
    const fresh = t.add([msg(1, '', { type: 'TypingStarted', visibility: 'Agents' })]);
    expect(fresh).to.deep.equal([]);
    expect(t.highestIndex).to.equal(1);
  });

  it('returns typing notifications as fresh with a null entry, without storing them', () => {
    const t = new Transcript();
    const fresh = t.add([
      msg(1, '', { type: 'TypingStarted' }),
      msg(2, 'hello'),
      msg(3, '', { type: 'TypingStopped' }),
    ]);
    expect(fresh.map((f) => [f.message.type, f.entry === null])).to.deep.equal([
      ['TypingStarted', true],
      ['Text', false],
      ['TypingStopped', true],
    ]);
    expect(t.entries.map((e) => e.type)).to.deep.equal(['Text']);
    expect(t.highestIndex).to.equal(3);
  });

  it('returns unknown types as fresh with a null entry, without storing them', () => {
    const t = new Transcript();
    const fresh = t.add([msg(1, 'mystery', { type: 'FileUploaded' })]);
    expect(fresh).to.have.length(1);
    expect(fresh[0]!.entry).to.equal(null);
    expect(fresh[0]!.message.type).to.equal('FileUploaded');
    expect(t.entries).to.deep.equal([]);
    expect(t.highestIndex).to.equal(1);
    // ...and a replay of it is not fresh again.
    expect(t.add([msg(1, 'mystery', { type: 'FileUploaded' })])).to.deep.equal([]);
  });

  it('stores every log type', () => {
    const t = new Transcript();
    const types = [...LOG_TYPES];
    t.add(types.map((type, i) => msg(i, type, { type })));
    expect(t.entries.map((e) => e.type)).to.deep.equal(types);
    expect(types).to.include.members(['Text', 'ParticipantJoined', 'ParticipantLeft', 'Notice', 'CustomNotice', 'NicknameUpdated', 'PushUrl']);
    expect(LOG_TYPES.has('TypingStarted')).to.equal(false);
  });

  it('copies the fields of a message into its entry', () => {
    const t = new Transcript();
    t.add([msg(9, 'see this', { type: 'PushUrl', url: 'https://example.com/', time: 42 })]);
    const [entry] = t.entries;
    expect(entry).to.include({ index: 9, type: 'PushUrl', text: 'see this', url: 'https://example.com/', time: 42, own: false });
    expect(entry!.from).to.deep.equal(AGENT);
    expect(entry!.key).to.be.a('string');
  });

  it('marks messages from the Customer or a Client (any case on the wire) as own', () => {
    const t = new Transcript();
    // The parser gives participant types their canonical spelling; the transcript relies on it.
    const parsed = parseMessages([
      { index: 5, type: 'Text', text: 'lower', visibility: 'All', from: { ...CUSTOMER, type: 'customer' } },
      { index: 7, type: 'Text', text: 'upper', visibility: 'All', from: { ...CLIENT, type: 'CLIENT' } },
    ]);
    if (!parsed.ok) throw new Error(parsed.reason);
    t.add([
      msg(1, 'customer', { from: CUSTOMER }),
      msg(2, 'client', { from: CLIENT }),
      msg(3, 'agent', { from: AGENT }),
      msg(4, 'notice', { type: 'Notice', from: null }),
      ...parsed.messages,
      msg(6, 'external', { from: { participantId: 'B', nickname: 'Bot', type: 'External' } }),
    ]);
    expect(t.entries.map((e) => [e.text, e.own])).to.deep.equal([
      ['customer', true],
      ['client', true],
      ['agent', false],
      ['notice', false],
      ['lower', true],
      ['external', false],
      ['upper', true],
    ]);
  });

  it('gives every entry a unique key, also for same-index messages and across batches', () => {
    const t = new Transcript();
    t.add([msg(3, 'a'), msg(3, 'b'), msg(1, 'c')]);
    t.add([msg(2, 'd'), msg(3, 'e')]);
    const keys = t.entries.map((e) => e.key);
    expect(keys).to.have.length(5);
    expect(new Set(keys).size).to.equal(5);
  });

  it('keeps an entry\'s key when later entries are inserted before it', () => {
    const t = new Transcript();
    t.add([msg(5, 'late')]);
    const key = t.entries[0]!.key;
    t.add([msg(1, 'early')]);
    expect(t.entries[1]!.key).to.equal(key);
    expect(t.entries[1]!.text).to.equal('late');
  });

  it('clear() forgets entries, replays and highestIndex', () => {
    const t = new Transcript();
    t.add([msg(1, 'a'), msg(2, 'b', { visibility: 'Agents' })]);
    const oldKeys = t.entries.map((e) => e.key);
    t.clear();
    expect(t.entries).to.deep.equal([]);
    expect(t.highestIndex).to.equal(-1);
    // A message seen before clear() is fresh again afterwards.
    const fresh = t.add([msg(1, 'a')]);
    expect(fresh).to.have.length(1);
    expect(texts(t)).to.deep.equal(['a']);
    // Keys stay unique across clear() so a renderer never confuses old and new entries.
    expect(oldKeys).to.not.include(t.entries[0]!.key);
  });

  it('does not let callers mutate its order through the input array', () => {
    const t = new Transcript();
    const batch = [msg(2, 'b'), msg(1, 'a')];
    t.add(batch);
    expect(batch.map((m) => m.index)).to.deep.equal([2, 1]);
    batch.length = 0;
    expect(texts(t)).to.deep.equal(['a', 'b']);
  });
});

describe('Transcript.retainOnly (the server\'s whole log is the truth)', () => {
  it('drops what arrived before the read and is not in the log, keeps what matches and what arrived since', () => {
    const t = new Transcript();
    // Restored from storage: index 1 holds words the server never had; index 2 is real.
    t.add([msg(1, 'bogus'), msg(2, 'real two')]);
    const before = t.arrivals;
    const kept = t.entries.find((e) => e.text === 'real two')!;
    // Live while the log was read: not in the answer, kept.
    t.add([msg(9, 'live')]);
    const log = [msg(1, 'real one'), msg(2, 'real two'), msg(3, 'hidden', { visibility: 'Agents' })];
    t.add(log);
    const removed = t.retainOnly(log, before);
    expect(removed.map((e) => e.text)).to.deep.equal(['bogus']);
    expect(texts(t)).to.deep.equal(['real one', 'real two', 'live']);
    // The entry the server confirmed keeps its key (nothing re-rendered, nothing announced again).
    expect(t.entries[1]).to.equal(kept);
    // The bogus message is forgotten: the same words again are a new message, not a replay.
    expect(t.add([msg(1, 'bogus')]).map((f) => f.entry?.text)).to.deep.equal(['bogus']);
  });

  it('lowers highestIndex when the highest message was not the server\'s', () => {
    const t = new Transcript();
    t.add([msg(1, 'one'), msg(40, 'invented')]);
    expect(t.highestIndex).to.equal(40);
    const before = t.arrivals;
    t.retainOnly([msg(1, 'one')], before);
    expect(t.highestIndex).to.equal(1);
    expect(texts(t)).to.deep.equal(['one']);
    t.retainOnly([], t.arrivals);
    expect(t.highestIndex).to.equal(-1);
    expect(texts(t)).to.deep.equal([]);
  });
});
