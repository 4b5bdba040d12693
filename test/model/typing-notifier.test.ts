import { expect } from '@open-wc/testing';
import { DEFAULT_TYPING_IDLE, TypingNotifier } from '../../src/model/typing-notifier.js';
import { FakeScheduler } from '../support/fake-scheduler.js';


describe('TypingNotifier', () => {
  let scheduler: FakeScheduler;
  let sent: boolean[];
  let notifier: TypingNotifier;

  beforeEach(() => {
    scheduler = new FakeScheduler();
    sent = [];
    notifier = new TypingNotifier((typing) => sent.push(typing), 1000, scheduler);
  });

  it('is not typing at first and sends nothing on its own', () => {
    expect(notifier.typing).to.equal(false);
    scheduler.advance(60_000);
    expect(sent).to.deep.equal([]);
  });

  it('sends "started" on the first keystroke', () => {
    notifier.input();
    expect(sent).to.deep.equal([true]);
    expect(notifier.typing).to.equal(true);
  });

  it('sends one "started" for a whole burst of keystrokes', () => {
    for (let i = 0; i < 20; i++) {
      notifier.input();
      scheduler.advance(300);
    }
    expect(sent).to.deep.equal([true]);
    expect(notifier.typing).to.equal(true);
  });

  it('sends "stopped" after idleMs without a keystroke, not before', () => {
    notifier.input();
    scheduler.advance(999);
    expect(sent).to.deep.equal([true]);
    scheduler.advance(1);
    expect(sent).to.deep.equal([true, false]);
    expect(notifier.typing).to.equal(false);
  });

  it('counts the idle time from the last keystroke', () => {
    notifier.input();
    scheduler.advance(800);
    notifier.input();
    scheduler.advance(800);
    notifier.input();
    scheduler.advance(999);
    expect(sent).to.deep.equal([true]);
    scheduler.advance(1);
    expect(sent).to.deep.equal([true, false]);
  });

  it('keeps one timer at a time', () => {
    notifier.input();
    notifier.input();
    notifier.input();
    expect(scheduler.pending).to.equal(1);
  });

  it('sends "stopped" only once after idling, however long', () => {
    notifier.input();
    scheduler.advance(10_000);
    scheduler.advance(10_000);
    expect(sent).to.deep.equal([true, false]);
    expect(scheduler.pending).to.equal(0);
  });

  it('starts a new burst with a new "started" after a stop', () => {
    notifier.input();
    scheduler.advance(1000);
    notifier.input();
    scheduler.advance(1000);
    expect(sent).to.deep.equal([true, false, true, false]);
  });

  describe('stop() (send, leaving)', () => {
    it('sends "stopped" at once and cancels the idle timer', () => {
      notifier.input();
      notifier.stop();
      expect(sent).to.deep.equal([true, false]);
      expect(notifier.typing).to.equal(false);
      expect(scheduler.pending).to.equal(0);
      scheduler.advance(5000);
      expect(sent).to.deep.equal([true, false]);
    });

    it('sends nothing when not typing', () => {
      notifier.stop();
      notifier.input();
      notifier.stop();
      notifier.stop();
      expect(sent).to.deep.equal([true, false]);
    });

    it('lets the next keystroke start again', () => {
      notifier.input();
      notifier.stop();
      notifier.input();
      expect(sent).to.deep.equal([true, false, true]);
      expect(notifier.typing).to.equal(true);
    });
  });

  describe('input(true) (the draft became empty)', () => {
    it('counts as stopping', () => {
      notifier.input();
      notifier.input(true);
      expect(sent).to.deep.equal([true, false]);
      expect(notifier.typing).to.equal(false);
      expect(scheduler.pending).to.equal(0);
    });

    it('does not start typing when nothing was typed', () => {
      notifier.input(true);
      scheduler.advance(5000);
      expect(sent).to.deep.equal([]);
      expect(notifier.typing).to.equal(false);
      expect(scheduler.pending).to.equal(0);
    });

    it('is followed by a new "started" when typing resumes', () => {
      notifier.input();
      notifier.input(true);
      notifier.input(false);
      expect(sent).to.deep.equal([true, false, true]);
    });
  });

  describe('reset() (teardown)', () => {
    it('forgets the burst silently and cancels the timer', () => {
      notifier.input();
      notifier.reset();
      expect(notifier.typing).to.equal(false);
      expect(scheduler.pending).to.equal(0);
      scheduler.advance(5000);
      notifier.stop();
      expect(sent).to.deep.equal([true]);
    });

    it('lets a later keystroke send "started" again', () => {
      notifier.input();
      notifier.reset();
      notifier.input();
      expect(sent).to.deep.equal([true, true]);
    });
  });

  describe('idleMs', () => {
    it('is used for the idle timer and may be changed between bursts', () => {
      notifier.input();
      expect(scheduler.delays).to.deep.equal([1000]);
      notifier.stop();
      notifier.idleMs = 250;
      notifier.input();
      scheduler.advance(249);
      expect(sent).to.deep.equal([true, false, true]);
      scheduler.advance(1);
      expect(sent).to.deep.equal([true, false, true, false]);
      expect(scheduler.delays).to.deep.equal([1000, 250]);
    });

    it('defaults to DEFAULT_TYPING_IDLE', () => {
      const fake = new FakeScheduler();
      const seen: boolean[] = [];
      const n = new TypingNotifier((t) => seen.push(t), undefined, fake);
      expect(n.idleMs).to.equal(DEFAULT_TYPING_IDLE);
      n.input();
      fake.advance(DEFAULT_TYPING_IDLE - 1);
      expect(seen).to.deep.equal([true]);
      fake.advance(1);
      expect(seen).to.deep.equal([true, false]);
    });
  });

  it('reports typing as true inside the "started" callback and false inside "stopped"', () => {
    const during: boolean[] = [];
    const n = new TypingNotifier(() => during.push(n.typing), 1000, scheduler);
    n.input();
    n.stop();
    expect(during).to.deep.equal([true, false]);
  });
});
