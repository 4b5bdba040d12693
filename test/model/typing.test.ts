import { expect } from '@open-wc/testing';
import { DEFAULT_TYPING_TIMEOUT, TypingTracker } from '../../src/model/typing.js';
import type { Participant } from '../../src/protocol/types.js';
import { FakeScheduler } from '../support/fake-scheduler.js';


const AGENT: Participant = { participantId: 'A1', nickname: 'Marat', type: 'Agent' };
const AGENT2: Participant = { participantId: 'A2', nickname: 'Olga', type: 'Agent' };
const NICK_ONLY: Participant = { participantId: '', nickname: 'Bot', type: 'External' };

describe('TypingTracker', () => {
  let scheduler: FakeScheduler;
  let changes: Array<[string, boolean]>;
  let tracker: TypingTracker;

  beforeEach(() => {
    scheduler = new FakeScheduler();
    changes = [];
    tracker = new TypingTracker((p, typing) => changes.push([p.nickname, typing]), 1000, scheduler);
  });

  it('reports a start once and lists the participant', () => {
    tracker.start(AGENT);
    expect(changes).to.deep.equal([['Marat', true]]);
    expect(tracker.typing).to.deep.equal([AGENT]);
  });

  it('reports a stop once and forgets the participant', () => {
    tracker.start(AGENT);
    tracker.stop(AGENT);
    expect(changes).to.deep.equal([['Marat', true], ['Marat', false]]);
    expect(tracker.typing).to.deep.equal([]);
    expect(scheduler.pending).to.equal(0);
  });

  it('ignores a stop for someone who is not typing', () => {
    tracker.stop(AGENT);
    tracker.start(AGENT);
    tracker.stop(AGENT);
    tracker.stop(AGENT);
    expect(changes).to.deep.equal([['Marat', true], ['Marat', false]]);
  });

  it('does not report a repeated start', () => {
    tracker.start(AGENT);
    tracker.start(AGENT);
    tracker.start({ ...AGENT });
    expect(changes).to.deep.equal([['Marat', true]]);
    expect(tracker.typing).to.have.length(1);
  });

  it('expires a start after the timeout, reporting the stop once', () => {
    tracker.start(AGENT);
    scheduler.advance(999);
    expect(tracker.typing).to.have.length(1);
    expect(changes).to.have.length(1);
    scheduler.advance(1);
    expect(tracker.typing).to.deep.equal([]);
    expect(changes).to.deep.equal([['Marat', true], ['Marat', false]]);
    scheduler.advance(10_000);
    expect(changes).to.have.length(2);
  });

  it('extends the expiry when the participant starts again', () => {
    tracker.start(AGENT);
    scheduler.advance(800);
    tracker.start(AGENT);
    scheduler.advance(800); // 1600 ms after the first start, 800 after the second
    expect(tracker.typing).to.deep.equal([AGENT]);
    expect(changes).to.deep.equal([['Marat', true]]);
    scheduler.advance(200);
    expect(tracker.typing).to.deep.equal([]);
    expect(changes).to.deep.equal([['Marat', true], ['Marat', false]]);
  });

  it('keeps only one timer per participant', () => {
    tracker.start(AGENT);
    tracker.start(AGENT);
    tracker.start(AGENT);
    expect(scheduler.pending).to.equal(1);
    tracker.start(AGENT2);
    expect(scheduler.pending).to.equal(2);
  });

  it('does not let an old expiry end a later typing spell', () => {
    tracker.start(AGENT);
    scheduler.advance(500);
    tracker.stop(AGENT);
    tracker.start(AGENT);
    scheduler.advance(600); // the first spell would have expired here
    expect(tracker.typing).to.deep.equal([AGENT]);
    scheduler.advance(400);
    expect(tracker.typing).to.deep.equal([]);
    expect(changes).to.deep.equal([['Marat', true], ['Marat', false], ['Marat', true], ['Marat', false]]);
  });

  it('tracks participants independently, in the order they started', () => {
    tracker.start(AGENT2);
    scheduler.advance(500);
    tracker.start(AGENT);
    expect(tracker.typing.map((p) => p.nickname)).to.deep.equal(['Olga', 'Marat']);
    scheduler.advance(500);
    expect(tracker.typing.map((p) => p.nickname)).to.deep.equal(['Marat']);
    tracker.stop(AGENT);
    expect(changes).to.deep.equal([['Olga', true], ['Marat', true], ['Olga', false], ['Marat', false]]);
  });

  it('identifies participants by id, so a renamed participant is the same one', () => {
    tracker.start(AGENT);
    tracker.stop({ ...AGENT, nickname: 'Marat (renamed)' });
    expect(tracker.typing).to.deep.equal([]);
    // The stop reports the participant as it was when it started typing.
    expect(changes).to.deep.equal([['Marat', true], ['Marat', false]]);
  });

  it('identifies participants without an id by nickname', () => {
    tracker.start(NICK_ONLY);
    tracker.start({ participantId: '', nickname: 'Other', type: 'External' });
    expect(tracker.typing).to.have.length(2);
    tracker.stop({ participantId: '', nickname: 'Bot', type: 'External' });
    expect(tracker.typing.map((p) => p.nickname)).to.deep.equal(['Other']);
  });

  it('clear() stops everyone silently and cancels their timers', () => {
    tracker.start(AGENT);
    tracker.start(AGENT2);
    changes.length = 0;
    tracker.clear();
    expect(tracker.typing).to.deep.equal([]);
    expect(scheduler.pending).to.equal(0);
    scheduler.advance(5000);
    expect(changes).to.deep.equal([]);
  });

  it('can start again after clear()', () => {
    tracker.start(AGENT);
    tracker.clear();
    tracker.start(AGENT);
    expect(changes).to.deep.equal([['Marat', true], ['Marat', true]]);
  });

  it('uses the current timeoutMs for each start', () => {
    tracker.timeoutMs = 50;
    tracker.start(AGENT);
    scheduler.advance(50);
    expect(tracker.typing).to.deep.equal([]);
  });

  it('defaults to DEFAULT_TYPING_TIMEOUT', () => {
    const t = new TypingTracker(() => {}, undefined, scheduler);
    expect(t.timeoutMs).to.equal(DEFAULT_TYPING_TIMEOUT);
    t.start(AGENT);
    scheduler.advance(DEFAULT_TYPING_TIMEOUT - 1);
    expect(t.typing).to.have.length(1);
    scheduler.advance(1);
    expect(t.typing).to.have.length(0);
  });
});
