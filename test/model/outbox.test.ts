import { expect } from '@open-wc/testing';
import { Outbox, type OutgoingDelivery } from '../../src/model/outbox.js';
import type { ChatMessage } from '../../src/model/transcript.js';
import type { LogMessageType, Participant } from '../../src/protocol/types.js';

const CUSTOMER: Participant = { participantId: 'C1', nickname: 'PersonP', type: 'Customer' };
const AGENT: Participant = { participantId: 'A1', nickname: 'Marat', type: 'Agent' };

let seq = 0;
/** A transcript entry as the Transcript builds it; by default the customer's own Text. */
function entry(index: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    key: `m${++seq}`,
    index,
    type: 'Text' as LogMessageType,
    from: CUSTOMER,
    text,
    url: '',
    time: 1_700_000_000_000 + index,
    own: true,
    ...extra,
  };
}

const SENDING: OutgoingDelivery = { state: 'sending', deadline: 20_000 };

describe('Outbox', () => {
  let outbox: Outbox;

  beforeEach(() => {
    outbox = new Outbox();
  });

  /** A message that went out (only those can have an echo). */
  const out = (text: string, afterIndex: number, time?: number) => {
    const item = outbox.add(text, afterIndex, time);
    return outbox.update(item.key, SENDING)!;
  };

  describe('add()', () => {
    it('adds a queued message with the given text, afterIndex and time', () => {
      const item = outbox.add('Hello', 7, 1234);
      expect(item).to.deep.equal({
        key: item.key, text: 'Hello', delivery: { state: 'queued' }, status: 'waiting', time: 1234, afterIndex: 7, attempts: 0,
      });
      expect(item.key).to.be.a('string').and.not.equal('');
      expect(outbox.items).to.deep.equal([item]);
    });

    it('gives every message a unique key, even for the same text', () => {
      const keys = [outbox.add('a', 0), outbox.add('a', 0), outbox.add('b', 1)].map((i) => i.key);
      expect(new Set(keys).size).to.equal(3);
    });

    it('keeps messages oldest first', () => {
      outbox.add('first', 0);
      outbox.add('second', 0);
      outbox.add('third', 2);
      expect(outbox.items.map((i) => i.text)).to.deep.equal(['first', 'second', 'third']);
    });

    it('stamps the current time when none is given', () => {
      const before = Date.now();
      const item = outbox.add('now', 0);
      expect(item.time).to.be.within(before, Date.now());
    });

    it('does not change a list handed out earlier (a new array per change)', () => {
      outbox.add('a', 0);
      const snapshot = outbox.items;
      outbox.add('b', 0);
      expect(snapshot.map((i) => i.text)).to.deep.equal(['a']);
      expect(outbox.items).to.not.equal(snapshot);
    });
  });

  describe('get()', () => {
    it('finds a message by key, and undefined for an unknown key', () => {
      const a = outbox.add('a', 0);
      const b = outbox.add('b', 0);
      expect(outbox.get(b.key)).to.equal(b);
      expect(outbox.get(a.key)).to.equal(a);
      expect(outbox.get('nope')).to.equal(undefined);
    });
  });

  describe('update()', () => {
    it('moves one message to another delivery state (its status derived) and returns it', () => {
      const a = outbox.add('a', 0, 1);
      const b = outbox.add('b', 0, 2);
      const updated = outbox.update(a.key, { state: 'failed', reason: 'transport', error: 'Could not reach the server' }, 2);
      expect(updated).to.deep.equal({
        ...a, delivery: { state: 'failed', reason: 'transport', error: 'Could not reach the server' }, status: 'failed', attempts: 2,
      });
      expect(outbox.get(a.key)).to.deep.equal(updated);
      expect(outbox.get(b.key)).to.equal(b);
      expect(outbox.update(b.key, { state: 'accepted', at: 5 })?.delivery).to.deep.equal({ state: 'accepted', at: 5 });
      expect(outbox.items.map((i) => [i.text, i.status, i.delivery.state])).to.deep.equal([['a', 'failed', 'failed'], ['b', 'sending', 'accepted']]);
    });

    it('derives the three-word status from every delivery state', () => {
      const a = outbox.add('a', 0);
      const states: [OutgoingDelivery, string][] = [
        [{ state: 'queued' }, 'waiting'],
        [{ state: 'sending', deadline: 1 }, 'sending'],
        [{ state: 'accepted', at: 1 }, 'sending'],
        [{ state: 'unconfirmed', since: 1, deadline: null }, 'waiting'],
        [{ state: 'retrying', at: 1, reason: 'server', error: 'x' }, 'failed'],
        [{ state: 'failed', reason: 'ended', error: 'x' }, 'failed'],
      ];
      for (const [delivery, status] of states) expect(outbox.update(a.key, delivery)!.status, delivery.state).to.equal(status);
    });

    it('keeps the key, text, time, afterIndex and attempts unless told', () => {
      const a = outbox.add('a', 3, 99);
      outbox.update(a.key, { state: 'retrying', at: 5, reason: 'server', error: 'busy' }, 1);
      const updated = outbox.update(a.key, { state: 'accepted', at: 7 })!;
      expect([updated.key, updated.text, updated.time, updated.afterIndex, updated.attempts]).to.deep.equal([a.key, 'a', 99, 3, 1]);
    });

    it('returns undefined and changes nothing for an unknown key', () => {
      const a = outbox.add('a', 0);
      expect(outbox.update('nope', { state: 'failed', reason: 'server', error: 'x' })).to.equal(undefined);
      expect(outbox.items).to.deep.equal([a]);
    });

    it('returns undefined once the message was matched with its echo', () => {
      const a = out('a', 0);
      expect(outbox.matchEcho(entry(1, 'a'))).to.equal(a);
      expect(outbox.update(a.key, { state: 'failed', reason: 'transport', error: 'late failure' })).to.equal(undefined);
      expect(outbox.items).to.deep.equal([]);
    });
  });

  describe('matchEcho()', () => {
    it('takes the message the customer\'s own Text after afterIndex echoes', () => {
      const item = out('Hello there', 4);
      expect(outbox.matchEcho(entry(5, 'Hello there'))).to.equal(item);
      expect(outbox.items).to.deep.equal([]);
    });

    it('matches once: a second identical echo finds nothing', () => {
      out('Hello', 0);
      expect(outbox.matchEcho(entry(1, 'Hello'))).to.not.equal(null);
      expect(outbox.matchEcho(entry(2, 'Hello'))).to.equal(null);
    });

    it('compares whitespace-insensitively (the server may trim or collapse)', () => {
      const a = out('  Hello   there \n', 0);
      const b = out('tab\tand\nnewline', 0);
      expect(outbox.matchEcho(entry(1, 'Hello there'))).to.equal(a);
      expect(outbox.matchEcho(entry(2, 'tab and newline '))).to.equal(b);
    });

    it('does not match different words, or a different case', () => {
      out('Hello there', 0);
      expect(outbox.matchEcho(entry(1, 'Hello the re'))).to.equal(null);
      expect(outbox.matchEcho(entry(2, 'hello there'))).to.equal(null);
      expect(outbox.matchEcho(entry(3, 'Hello there!'))).to.equal(null);
      expect(outbox.items).to.have.length(1);
    });

    it('does not match an agent\'s message with the same words', () => {
      out('ok', 0);
      expect(outbox.matchEcho(entry(1, 'ok', { own: false, from: AGENT }))).to.equal(null);
      expect(outbox.items).to.have.length(1);
    });

    it('does not match an own entry that is not a Text', () => {
      out('PersonP', 0);
      for (const type of ['ParticipantJoined', 'Notice', 'CustomNotice', 'NicknameUpdated', 'PushUrl'] as LogMessageType[]) {
        expect(outbox.matchEcho(entry(1, 'PersonP', { type })), type).to.equal(null);
      }
      expect(outbox.items).to.have.length(1);
    });

    it('does not match a history entry (index < afterIndex), but matches the echo after it', () => {
      const item = out('Same again', 10);
      expect(outbox.matchEcho(entry(3, 'Same again'))).to.equal(null);
      expect(outbox.matchEcho(entry(9, 'Same again'))).to.equal(null);
      expect(outbox.items).to.have.length(1);
      expect(outbox.matchEcho(entry(11, 'Same again'))).to.equal(item);
    });

    it('matches an echo that reuses the index the log had when it was sent (as the spec example does)', () => {
      const item = out('Are you still there?', 3);
      expect(outbox.matchEcho(entry(3, 'Are you still there?'))).to.equal(item);
      expect(outbox.items).to.deep.equal([]);
    });

    it('matches a message sent before any log entry (afterIndex -1) with index 0', () => {
      const item = out('first', -1);
      expect(outbox.matchEcho(entry(0, 'first'))).to.equal(item);
    });

    it('matches two identical pending texts one per echo, oldest first', () => {
      const first = out('yes', 2);
      const second = out('yes', 2);
      expect(outbox.matchEcho(entry(3, 'yes'))).to.equal(first);
      expect(outbox.items).to.deep.equal([second]);
      expect(outbox.matchEcho(entry(4, 'yes'))).to.equal(second);
      expect(outbox.items).to.deep.equal([]);
      expect(outbox.matchEcho(entry(5, 'yes'))).to.equal(null);
    });

    it('picks the message with the right text among several, leaving the others', () => {
      const a = out('a', 0);
      const b = out('b', 0);
      const c = out('c', 0);
      expect(outbox.matchEcho(entry(1, 'b'))).to.equal(b);
      expect(outbox.items).to.deep.equal([a, c]);
    });

    it('skips an older message the echo cannot be for (its afterIndex is not lower)', () => {
      // Sent later, after entry 5 existed: an echo at 5 can only be the older message's.
      const older = out('again', 1);
      const newer = out('again', 5);
      outbox.update(older.key, { state: 'accepted', at: 1 });
      const echo = outbox.matchEcho(entry(5, 'again'));
      expect(echo?.key).to.equal(older.key);
      expect(outbox.items).to.deep.equal([newer]);
    });

    it('does not match a newer message with an echo that is not after its afterIndex', () => {
      const newer = out('hi', 8);
      expect(outbox.matchEcho(entry(6, 'hi'))).to.equal(null);
      expect(outbox.items).to.deep.equal([newer]);
    });

    it('prefers a message that has not failed over an older failed one', () => {
      const failed = out('retry me', 0);
      outbox.update(failed.key, { state: 'failed', reason: 'transport', error: 'network' });
      const sending = out('retry me', 0);
      expect(outbox.matchEcho(entry(1, 'retry me'))?.key).to.equal(sending.key);
      expect(outbox.items.map((i) => i.key)).to.deep.equal([failed.key]);
    });

    it('still matches a failed message when no other fits (the server got it after all)', () => {
      const failed = out('lost?', 0);
      outbox.update(failed.key, { state: 'retrying', at: 9, reason: 'transport', error: 'timeout' });
      const matched = outbox.matchEcho(entry(1, 'lost?'));
      expect(matched?.key).to.equal(failed.key);
      expect(matched?.delivery.state).to.equal('retrying');
      expect(outbox.items).to.deep.equal([]);
    });

    it('does not let a failed message take a history entry either', () => {
      const failed = out('old words', 4);
      outbox.update(failed.key, { state: 'failed', reason: 'server', error: 'x' });
      expect(outbox.matchEcho(entry(3, 'old words'))).to.equal(null);
      expect(outbox.items).to.have.length(1);
    });

    it('returns null on an empty outbox', () => {
      expect(outbox.matchEcho(entry(1, 'anything'))).to.equal(null);
    });
  });

  describe('clear()', () => {
    it('forgets every message', () => {
      const a = outbox.add('a', 0);
      outbox.add('b', 0);
      outbox.clear();
      expect(outbox.items).to.deep.equal([]);
      expect(outbox.get(a.key)).to.equal(undefined);
      expect(outbox.matchEcho(entry(1, 'a'))).to.equal(null);
    });

    it('still gives fresh keys afterwards', () => {
      const a = outbox.add('a', 0);
      outbox.clear();
      expect(outbox.add('a', 0).key).to.not.equal(a.key);
    });
  });

  describe('next()', () => {
    it('hands out queued messages one at a time, in order', () => {
      const a = outbox.add('a', 0);
      const b = outbox.add('b', 0);
      expect(outbox.next()).to.equal(a);
      outbox.update(a.key, SENDING);
      expect(outbox.next(), 'nothing while one is on its way').to.equal(null);
      outbox.update(a.key, { state: 'accepted', at: 1 });
      expect(outbox.next()?.key).to.equal(b.key);
    });

    it('holds the queue behind a message waiting for its automatic retry or of unknown outcome, not behind one failed for good', () => {
      const a = outbox.add('a', 0);
      const b = outbox.add('b', 0);
      outbox.update(a.key, { state: 'retrying', at: 5000, reason: 'server', error: 'busy' });
      expect(outbox.next()).to.equal(null);
      outbox.update(a.key, { state: 'unconfirmed', since: 1, deadline: null });
      expect(outbox.next()).to.equal(null);
      outbox.update(a.key, { state: 'failed', reason: 'server', error: 'busy' });
      expect(outbox.next()?.key).to.equal(b.key);
    });
  });

  describe('toStored() / restore()', () => {
    it('keeps text, acceptance, afterIndex and time; accepted ones await their echo, others are queued', () => {
      const a = outbox.add('a', 2, 10);
      outbox.add('b', 3, 11);
      outbox.update(a.key, { state: 'accepted', at: 12 });
      const stored = outbox.toStored();
      expect(stored).to.deep.equal([
        { id: a.key, text: 'a', accepted: true, afterIndex: 2, time: 10, attempted: false },
        { id: stored[1]!.id, text: 'b', accepted: false, afterIndex: 3, time: 11, attempted: false },
      ]);
      const other = new Outbox();
      other.restore(stored);
      expect(other.items.map((i) => [i.text, i.status, i.delivery])).to.deep.equal([
        ['a', 'sending', { state: 'accepted', at: 10 }],
        ['b', 'waiting', { state: 'queued' }],
      ]);
      expect(other.next()?.text).to.equal('b');
    });

    it('does not send again, before a catch-up, a message whose request was out at the reload', () => {
      const a = outbox.add('in flight', 5, 10);
      outbox.add('after it', 5, 11);
      outbox.update(a.key, SENDING);
      const stored = outbox.toStored();
      expect(stored.map((s) => s.attempted)).to.deep.equal([true, false]);
      const other = new Outbox();
      other.restore(stored, 15);
      expect(other.items.map((i) => i.delivery.state)).to.deep.equal(['unconfirmed', 'queued']);
      expect(other.next(), 'held until the log is known').to.equal(null);
      expect(other.settleAfterCatchUp(10), 'a catch-up that started before it was known unconfirmed proves nothing').to.equal(false);
      expect(other.next()).to.equal(null);
      // The catch-up did not contain it (and its deadline had passed): it is queued again, ahead of the next.
      expect(other.settleAfterCatchUp(20_000)).to.equal(true);
      expect(other.next()?.text).to.equal('in flight');
    });

    it('keeps the deadline of a request out across a reload, and sends it again only after a catch-up that began after it (defect 4)', () => {
      const a = outbox.add('in the server\'s hands', 5, 10);
      outbox.update(a.key, { state: 'sending', deadline: 15_010 });
      const stored = outbox.toStored();
      expect(stored[0]).to.include({ attempted: true, deadline: 15_010 });
      const other = new Outbox();
      other.restore(stored, 1_000);
      expect(other.items[0]!.delivery).to.deep.equal({ state: 'unconfirmed', since: 1_000, deadline: 15_010 });
      expect(other.deadlineAfter(1_000)).to.equal(15_010);
      // The server may still log it: a catch-up that began before its deadline settles nothing.
      expect(other.settleAfterCatchUp(1_200)).to.equal(false);
      expect(other.settleAfterCatchUp(15_009)).to.equal(false);
      expect(other.next()).to.equal(null);
      // One that began after it: the server had its whole chance, and the log lacks it.
      expect(other.settleAfterCatchUp(15_010)).to.equal(true);
      expect(other.next()?.text).to.equal('in the server\'s hands');
      expect(other.deadlineAfter(15_010)).to.equal(null);
    });

    it('stores no deadline for a message that never went out, and reads a stored one defensively', () => {
      outbox.add('queued', 1, 10);
      expect(outbox.toStored()[0]).to.not.have.property('deadline');
      const restored = (deadline: unknown) => {
        const other = new Outbox();
        other.restore([{ id: 'x', text: 't', accepted: false, afterIndex: 0, time: 10, attempted: true, deadline: deadline as number }], 1_000);
        const { delivery } = other.items[0]!;
        return delivery.state === 'unconfirmed' ? delivery.deadline : delivery.state;
      };
      expect(restored(undefined), 'stored before deadlines were').to.equal(null);
      expect(restored('soon'), 'not a number').to.equal(null);
      expect(restored(Infinity)).to.equal(null);
      expect(restored(9e15), 'never further ahead than a request could run').to.equal(1_000 + 5 * 60_000);
    });

    it('after a catch-up, drops an accepted message the log holds under other words, and keeps a newer one', () => {
      const old = outbox.add('  hello   world ', 1, 10);
      const fresh = outbox.add('just sent', 1, 11);
      outbox.update(old.key, { state: 'accepted', at: 100 });
      outbox.update(fresh.key, { state: 'accepted', at: 300 });
      expect(outbox.settleAfterCatchUp(200)).to.equal(true);
      expect(outbox.items.map((i) => i.text)).to.deep.equal(['just sent']);
      expect(outbox.settleAfterCatchUp(200)).to.equal(false);
    });
  });

  describe('messages that never went out', () => {
    it('are not taken for the echo of the same words sent by someone else (another tab or element)', () => {
      const mine = outbox.add('ok', 0);
      expect(outbox.matchEcho(entry(1, 'ok')), 'still waiting its turn').to.equal(null);
      outbox.update(mine.key, SENDING);
      expect(outbox.matchEcho(entry(2, 'ok'))?.key).to.equal(mine.key);
    });

    it('keep a refusal across a reload: failed, with its reason, sent again only by hand', () => {
      const refused = outbox.add('refused', 0, 10);
      outbox.add('queued', 0, 11);
      outbox.update(refused.key, { state: 'failed', reason: 'server', error: 'Agent unavailable' }, 1);
      const stored = outbox.toStored();
      expect(stored[0]).to.include({ refused: 'Agent unavailable' });
      expect(stored[1]).to.not.have.property('refused');
      const other = new Outbox();
      other.restore(stored);
      expect(other.items.map((i) => [i.text, i.status, i.delivery, i.attempts])).to.deep.equal([
        ['refused', 'failed', { state: 'failed', reason: 'server', error: 'Agent unavailable' }, 1], ['queued', 'waiting', { state: 'queued' }, 0],
      ]);
      expect(other.next()?.text).to.equal('queued');
    });
  });
});
