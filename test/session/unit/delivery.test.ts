import { expect } from '@open-wc/testing';
import { OutboxDelivery, SEND_ATTEMPTS, SEND_TIMEOUT } from '../../../src/session/delivery.js';
import { GwsChatError } from '../../../src/session/gws-chat-error.js';
import type { ChatMessage } from '../../../src/model/transcript.js';
import type { LogMessageType, Participant } from '../../../src/protocol/types.js';
import { reconnectDelay } from '../../../src/transport/backoff.js';
import { OperationError, type OperationFailure } from '../../../src/transport/rest.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';

// Pure tests of the outbox delivery: `SendMessage` requests are answered by hand, timers
// run on a fake clock, and `flush()` lets promise callbacks run (no real time passes).

async function flush(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

const RANDOM = 0.5;
const CUSTOMER: Participant = { participantId: 'C1', nickname: 'PersonP', type: 'Customer' };
const AGENT: Participant = { participantId: 'A1', nickname: 'Marat', type: 'Agent' };

let seq = 0;
/** A log entry as the transcript makes it; by default the customer's own Text. */
function entry(index: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    key: `e${++seq}`, index, type: 'Text' as LogMessageType, from: CUSTOMER, text, url: '', time: null, own: true, ...extra,
  };
}

/** A failed request as the session hands it to delivery: an OperationError wrapped in a GwsChatError. */
function failure(failure: OperationFailure, httpStatus: number | null = null, statusCode: number | null = null, retryAfter: number | null = null) {
  const e = new OperationError(`failed: ${failure} ${httpStatus ?? ''}`.trim(), failure, httpStatus, statusCode, retryAfter);
  const transport = failure === 'network' || failure === 'timeout' || failure === 'aborted';
  return new GwsChatError(e.message, transport ? 'transport' : 'server', e.transient, e);
}
const ok = () => ({ statusCode: 0 });

interface Send {
  readonly text: string;
  readonly signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function harness({ canCatchUp = true } = {}) {
  const scheduler = new FakeScheduler();
  scheduler.now = 5_000_000;
  const sends: Send[] = [];
  const accepted: string[] = [];
  const reported: string[] = [];
  const state = { canSend: true, canCatchUp, ended: false, unknownOutcomes: 0, changes: 0 };
  const delivery = new OutboxDelivery({
    canSend: () => state.canSend,
    deliver: (text, signal) => new Promise((resolve, reject) => sends.push({ text, signal, resolve, reject })),
    canCatchUp: () => state.canCatchUp,
    ended: () => state.ended,
  }, { scheduler, random: () => RANDOM, now: () => scheduler.now });
  delivery.addEventListener('accepted', (e) => accepted.push(e.detail));
  delivery.addEventListener('change', () => state.changes++);
  delivery.addEventListener('unknown-outcome', () => state.unknownOutcomes++);
  delivery.addEventListener('failed', (e) => reported.push(e.detail.message));
  const outcomes = new Map<string, 'accepted' | GwsChatError>();
  /** Enqueues a message and records how its promise settles. */
  const send = (text: string, afterIndex = 0) => {
    const promise = delivery.enqueue(text, afterIndex);
    promise.then(() => outcomes.set(text, 'accepted'), (e: GwsChatError) => outcomes.set(text, e));
    return promise;
  };
  const item = (text: string) => delivery.outbox.items.find((i) => i.text === text);
  const texts = () => sends.map((s) => s.text);
  /** Every delivery state each message went through, as the `change` events showed it (`gone`: out of the outbox). */
  const trails = new Map<string, string[]>();
  delivery.addEventListener('change', () => {
    for (const text of new Set([...trails.keys(), ...delivery.outbox.items.map((i) => i.text)])) {
      const trail = trails.get(text) ?? [];
      const now = item(text)?.delivery.state ?? 'gone';
      if (trail.at(-1) !== now) trails.set(text, [...trail, now]);
    }
  });
  const trail = (text: string) => trails.get(text) ?? [];
  return { scheduler, sends, accepted, reported, state, delivery, outcomes, send, item, texts, trail, last: () => sends.at(-1)! };
}

describe('OutboxDelivery', () => {
  describe('one message through its delivery states', () => {
    it('queued (offline) → sending → accepted → echoed (out of the outbox)', async () => {
      const { send, delivery, state, item, last, trail, scheduler, accepted } = harness();
      state.canSend = false;
      send('hello', 4);
      expect(item('hello')).to.deep.include({ delivery: { state: 'queued' }, status: 'waiting' });
      state.canSend = true;
      delivery.pump();
      expect(item('hello')).to.deep.include({ delivery: { state: 'sending', deadline: scheduler.now + SEND_TIMEOUT }, status: 'sending' });
      scheduler.advance(300);
      last().resolve(ok());
      await flush();
      expect(item('hello')).to.deep.include({ delivery: { state: 'accepted', at: scheduler.now }, status: 'sending' });
      delivery.onEntry(entry(5, 'hello'));
      expect(item('hello')).to.equal(undefined);
      expect(trail('hello')).to.deep.equal(['queued', 'sending', 'accepted', 'gone']);
      expect(accepted, 'accepted is told once').to.deep.equal(['hello']);
    });

    it('sending → unconfirmed (no answer) → a catch-up after its deadline without its echo → sending again', async () => {
      const { send, delivery, item, last, trail, scheduler, texts } = harness();
      send('lost?');
      const deadline = scheduler.now + SEND_TIMEOUT;
      scheduler.advance(1_000);
      last().reject(failure('network'));
      await flush();
      expect(item('lost?')).to.deep.include({ delivery: { state: 'unconfirmed', since: scheduler.now, deadline }, status: 'waiting' });
      delivery.caughtUp(deadline + 1);
      await flush();
      expect(item('lost?')!.delivery).to.deep.equal({ state: 'sending', deadline: scheduler.now + SEND_TIMEOUT });
      expect(texts()).to.deep.equal(['lost?', 'lost?']);
      last().resolve(ok());
      await flush();
      expect(trail('lost?')).to.deep.equal(['queued', 'sending', 'unconfirmed', 'queued', 'sending', 'accepted']);
    });

    it('a transport failure where the log cannot be read → retrying{at} (reason transport) → sending at that time', async () => {
      const { send, item, last, trail, scheduler, texts } = harness({ canCatchUp: false });
      send('again');
      last().reject(failure('network'));
      await flush();
      const at = scheduler.now + reconnectDelay(1, RANDOM);
      expect(item('again')).to.deep.include({
        delivery: { state: 'retrying', at, reason: 'transport', error: 'failed: network' }, status: 'failed', attempts: 1,
      });
      scheduler.advance(at - scheduler.now - 1);
      await flush();
      expect(item('again')!.delivery.state).to.equal('retrying');
      scheduler.advance(1);
      await flush();
      expect(item('again')).to.deep.include({ delivery: { state: 'sending', deadline: scheduler.now + SEND_TIMEOUT }, attempts: 1 });
      expect(texts()).to.deep.equal(['again', 'again']);
      expect(trail('again')).to.deep.equal(['queued', 'sending', 'retrying', 'sending']);
    });

    it('refused by the server → failed{server}; retry(key) → sending', async () => {
      const { send, delivery, item, last, trail } = harness();
      send('no');
      last().reject(failure('status', 200, 3));
      await flush();
      expect(item('no')).to.deep.include({
        delivery: { state: 'failed', reason: 'server', error: 'failed: status 200' }, status: 'failed', attempts: 1,
      });
      void delivery.retry(item('no')!.key);
      expect(item('no')).to.deep.include({ attempts: 0 });
      expect(trail('no')).to.deep.equal(['queued', 'sending', 'failed', 'queued', 'sending']);
    });

    it('the chat ended before it went out → failed{ended}', async () => {
      const { send, delivery, item, state, trail, outcomes } = harness();
      state.canSend = false;
      send('too late');
      state.ended = true;
      delivery.giveUpQueued();
      await flush();
      expect(item('too late')).to.deep.include({
        delivery: { state: 'failed', reason: 'ended', error: 'This chat has ended.' }, status: 'failed',
      });
      expect((outcomes.get('too late') as GwsChatError).reason).to.equal('not-allowed');
      expect(trail('too late')).to.deep.equal(['queued', 'failed']);
    });
  });

  describe('sending in order', () => {
    it('sends one message at a time, in order, each after the previous was accepted', async () => {
      const { send, texts, last, accepted, outcomes, delivery, item } = harness();
      send('one');
      send('two');
      send('three');
      expect(texts()).to.deep.equal(['one']);
      expect(item('one')!.delivery).to.deep.equal({ state: 'sending', deadline: 5_000_000 + SEND_TIMEOUT });
      expect(item('two')!.delivery).to.deep.equal({ state: 'queued' });
      last().resolve(ok());
      await flush();
      expect(texts()).to.deep.equal(['one', 'two']);
      expect(item('one')).to.deep.include({ delivery: { state: 'accepted', at: 5_000_000 }, status: 'sending' });
      last().resolve(ok());
      await flush();
      last().resolve(ok());
      await flush();
      expect(texts()).to.deep.equal(['one', 'two', 'three']);
      expect(accepted).to.deep.equal(['one', 'two', 'three']);
      expect([...outcomes.values()]).to.deep.equal(['accepted', 'accepted', 'accepted']);
      expect(delivery.outbox.items.every((i) => i.delivery.state === 'accepted')).to.equal(true);
    });

    it('queues while it may not send and sends when pumped afterwards', async () => {
      const { send, texts, state, delivery, item } = harness();
      state.canSend = false;
      send('offline');
      expect(texts()).to.deep.equal([]);
      expect(item('offline')!.delivery.state).to.equal('queued');
      state.canSend = true;
      delivery.pump();
      expect(texts()).to.deep.equal(['offline']);
    });
  });

  describe('messages handed over', () => {
    it('a stale stored copy of a message already delivered here is not taken again, nor reported twice', async () => {
      const { delivery, accepted, sends } = harness();
      const stored = [{ id: 'other-1', text: 'handed over', accepted: false, afterIndex: 0, time: 1, attempted: false }];
      delivery.adopt(stored, []);
      delivery.pump();
      expect(sends.map((x) => x.text)).to.deep.equal(['handed over']);
      // Its echo comes first: delivered, told once.
      delivery.onEntry(entry(1, 'handed over'));
      await flush();
      expect(accepted).to.deep.equal(['handed over']);
      // The store still had the old copy, and hands it over again: nothing happens.
      const changed = delivery.adopt(stored, [entry(1, 'handed over')]);
      expect(changed).to.equal(false);
      expect(delivery.outbox.items).to.deep.equal([]);
      expect(accepted).to.deep.equal(['handed over']);
    });
  });

  describe('a request whose outcome is unknown', () => {
    it('asks for a catch-up once its request\'s deadline has passed, and only then sends it again (defect 4)', async () => {
      const { send, texts, last, item, state, delivery, scheduler } = harness();
      send('maybe');
      const sentAt = scheduler.now;
      scheduler.advance(500);
      last().reject(failure('network'));
      await flush();
      expect(state.unknownOutcomes).to.equal(1);
      // The catch-up asked for begins before the deadline and lacks the echo: held, "Sending…".
      delivery.caughtUp(scheduler.now);
      await flush();
      expect(texts()).to.deep.equal(['maybe']);
      expect(item('maybe')!.delivery).to.deep.include({ state: 'unconfirmed', deadline: sentAt + SEND_TIMEOUT });
      // At the deadline, another catch-up is asked for; it settles the message.
      scheduler.advance(SEND_TIMEOUT - 500 - 1);
      expect(state.unknownOutcomes).to.equal(1);
      scheduler.advance(2);
      expect(state.unknownOutcomes).to.equal(2);
      delivery.caughtUp(scheduler.now);
      await flush();
      expect(texts()).to.deep.equal(['maybe', 'maybe']);
    });

    it('takes over a previous page\'s message with its deadline: no resend before it (defect 4)', async () => {
      const { texts, delivery, state, scheduler } = harness();
      const deadline = scheduler.now + 3_000;
      delivery.adopt([{ id: 'p1', text: 'from the last page', accepted: false, afterIndex: 0, time: scheduler.now - 500, attempted: true, deadline }], []);
      expect(state.unknownOutcomes).to.equal(1);
      delivery.caughtUp(scheduler.now + 10);
      await flush();
      expect(texts(), 'the server may still log it').to.deep.equal([]);
      // Its echo arrives before the deadline (a slow server): delivered, never sent again.
      delivery.onEntry(entry(1, 'from the last page'));
      await flush();
      scheduler.advance(10_000);
      delivery.caughtUp(scheduler.now);
      await flush();
      expect(texts()).to.deep.equal([]);
      expect(delivery.outbox.items).to.deep.equal([]);
    });

    const cases: Array<[string, () => GwsChatError]> = [
      ['no answer (network)', () => failure('network')],
      ['no answer in time (timeout)', () => failure('timeout')],
      ['the request was aborted', () => failure('aborted')],
      ['a gateway error (HTTP 502)', () => failure('http', 502)],
      ['HTTP 500', () => failure('http', 500)],
      ['HTTP 504', () => failure('http', 504)],
    ];
    for (const [name, error] of cases) {
      it(`${name}: is not sent again until a catch-up that started after the failure`, async () => {
        const { send, texts, last, item, state, delivery, scheduler, outcomes } = harness();
        send('maybe');
        send('after');
        const beforeFailure = scheduler.now;
        scheduler.advance(1_000);
        last().reject(error());
        await flush();
        const failedAt = scheduler.now;
        const deadline = name.includes('timeout') ? failedAt : beforeFailure + SEND_TIMEOUT;
        expect(item('maybe')).to.deep.include({ status: 'waiting', delivery: { state: 'unconfirmed', since: failedAt, deadline } });
        expect(state.unknownOutcomes).to.equal(1);
        expect(outcomes.has('maybe'), 'its promise is still open').to.equal(false);
        // Time passing, pumping, and a catch-up that started before the failure: no resend,
        // and the message after it is held (order).
        scheduler.advance(10 * SEND_TIMEOUT);
        delivery.pump();
        delivery.caughtUp(beforeFailure);
        await flush();
        expect(texts()).to.deep.equal(['maybe']);
        expect(item('maybe')!.delivery.state).to.equal('unconfirmed');
        // A catch-up that started after the failure, but before the request's own deadline
        // had passed (the server may still log it): no resend either, unless the failure was
        // that deadline.
        if (deadline > failedAt) {
          delivery.caughtUp(failedAt + 1);
          await flush();
          expect(texts()).to.deep.equal(['maybe']);
        }
        // One that started after both did not show its echo: send it again.
        delivery.caughtUp(deadline + 1);
        await flush();
        expect(texts()).to.deep.equal(['maybe', 'maybe']);
        expect(item('maybe')!.delivery).to.deep.equal({ state: 'sending', deadline: scheduler.now + SEND_TIMEOUT });
        last().resolve(ok());
        await flush();
        expect(texts()).to.deep.equal(['maybe', 'maybe', 'after']);
        expect(outcomes.get('maybe')).to.equal('accepted');
      });
    }

    it('is settled by its echo without being sent again; the next message goes out', async () => {
      const { send, texts, last, item, accepted, outcomes, delivery, scheduler } = harness();
      send('  hello   there ', 3);
      send('next', 3);
      last().reject(failure('network'));
      await flush();
      // An echo of someone else, of other words, or from before it was sent is not its echo.
      delivery.onEntry(entry(4, 'hello there', { own: false, from: AGENT }));
      delivery.onEntry(entry(4, 'hello', {}));
      delivery.onEntry(entry(2, 'hello there'));
      await flush();
      expect(item('  hello   there ')!.delivery.state).to.equal('unconfirmed');
      delivery.onEntry(entry(4, 'hello there'));
      await flush();
      expect(item('  hello   there ')).to.equal(undefined);
      expect(outcomes.get('  hello   there ')).to.equal('accepted');
      expect(accepted).to.deep.equal(['  hello   there ']);
      expect(texts()).to.deep.equal(['  hello   there ', 'next']);
      // A later catch-up does not bring it back.
      delivery.caughtUp(scheduler.now + 1);
      await flush();
      expect(texts()).to.deep.equal(['  hello   there ', 'next']);
    });

    it('when the log cannot be read back, is retried on the schedule instead (at least once)', async () => {
      const { send, texts, last, item, scheduler, state } = harness({ canCatchUp: false });
      send('facebook');
      last().reject(failure('network'));
      await flush();
      expect(state.unknownOutcomes).to.equal(0);
      expect(item('facebook')!.delivery).to.deep.include({ state: 'retrying', at: scheduler.now + reconnectDelay(1, RANDOM), reason: 'transport' });
      scheduler.advance(reconnectDelay(1, RANDOM));
      await flush();
      expect(texts()).to.deep.equal(['facebook', 'facebook']);
    });

    it('a request that never answers is cut at the deadline and waits, unconfirmed, for a catch-up', async () => {
      const { send, texts, sends, item, scheduler, state, outcomes } = harness();
      send('silence');
      scheduler.advance(SEND_TIMEOUT - 1);
      await flush();
      expect(sends[0]!.signal.aborted).to.equal(false);
      scheduler.advance(1);
      await flush();
      expect(sends[0]!.signal.aborted).to.equal(true);
      expect(item('silence')!.delivery).to.deep.include({ state: 'unconfirmed', since: scheduler.now, deadline: scheduler.now });
      expect(state.unknownOutcomes).to.equal(1);
      expect(outcomes.has('silence')).to.equal(false);
      scheduler.advance(10 * SEND_TIMEOUT);
      await flush();
      expect(texts()).to.deep.equal(['silence']);
    });
    it('a request cut at the deadline is retried on the schedule when the log cannot be read back', async () => {
      const { send, texts, item, scheduler, state } = harness({ canCatchUp: false });
      send('silence');
      scheduler.advance(SEND_TIMEOUT);
      await flush();
      expect(state.unknownOutcomes).to.equal(0);
      expect(item('silence')!.delivery).to.deep.include({ state: 'retrying', at: scheduler.now + reconnectDelay(1, RANDOM), reason: 'transport' });
      scheduler.advance(reconnectDelay(1, RANDOM));
      await flush();
      expect(texts()).to.deep.equal(['silence', 'silence']);
    });
  });

  describe('a request the server did not take', () => {
    it('429 with Retry-After: waits that long (retryAt shown), then sends again', async () => {
      const { send, texts, last, item, scheduler, outcomes, accepted } = harness();
      send('busy');
      send('behind');
      last().reject(failure('http', 429, null, 12_000));
      await flush();
      expect(item('busy')).to.deep.include({
        status: 'failed', attempts: 1, delivery: { state: 'retrying', at: scheduler.now + 12_000, reason: 'server', error: 'failed: http 429' },
      });
      scheduler.advance(11_999);
      await flush();
      expect(texts(), 'nothing before retryAt, and nothing overtakes it').to.deep.equal(['busy']);
      scheduler.advance(1);
      await flush();
      expect(texts()).to.deep.equal(['busy', 'busy']);
      expect(item('busy')).to.deep.include({ status: 'sending', delivery: { state: 'sending', deadline: scheduler.now + SEND_TIMEOUT } });
      last().resolve(ok());
      await flush();
      expect(outcomes.get('busy')).to.equal('accepted');
      expect(accepted).to.deep.equal(['busy']);
      expect(texts()).to.deep.equal(['busy', 'busy', 'behind']);
    });

    it('503 without Retry-After: waits on the backoff schedule', async () => {
      const { send, texts, last, item, scheduler } = harness();
      send('unavailable');
      last().reject(failure('http', 503));
      await flush();
      expect(item('unavailable')!.delivery).to.deep.include({ state: 'retrying', at: scheduler.now + reconnectDelay(1, RANDOM) });
      scheduler.advance(reconnectDelay(1, RANDOM));
      await flush();
      expect(texts()).to.deep.equal(['unavailable', 'unavailable']);
    });

    it(`gives up after ${SEND_ATTEMPTS} attempts: failed, its promise rejected, the next message sent`, async () => {
      const { send, texts, last, item, scheduler, outcomes } = harness();
      send('never');
      send('next');
      for (let n = 1; n <= SEND_ATTEMPTS; n++) {
        last().reject(failure('http', 503, null, 1_000));
        await flush();
        scheduler.advance(1_000);
        await flush();
      }
      expect(texts().filter((t) => t === 'never')).to.have.length(SEND_ATTEMPTS);
      expect(item('never')!.delivery).to.deep.equal({ state: 'failed', reason: 'server', error: 'failed: http 503' });
      expect(outcomes.get('never')).to.be.instanceOf(GwsChatError);
      expect(texts().at(-1)).to.equal('next');
    });
  });

  describe('a permanent failure', () => {
    it('leaves the message failed (promise rejected) without holding up later messages', async () => {
      const { send, texts, last, item, outcomes, scheduler, state } = harness();
      send('refused');
      send('fine');
      last().reject(failure('status', 200, 3));
      await flush();
      expect(item('refused')).to.deep.include({ attempts: 1, delivery: { state: 'failed', reason: 'server', error: 'failed: status 200' } });
      const error = outcomes.get('refused') as GwsChatError;
      expect(error).to.be.instanceOf(GwsChatError);
      expect(error.reason).to.equal('server');
      expect(state.unknownOutcomes).to.equal(0);
      expect(texts()).to.deep.equal(['refused', 'fine']);
      scheduler.advance(10 * SEND_TIMEOUT);
      await flush();
      expect(texts().filter((t) => t === 'refused'), 'not retried by itself').to.have.length(1);
    });

    it('retry(key) sends it again and resolves when accepted', async () => {
      const { send, texts, last, item, delivery } = harness();
      send('again');
      last().reject(failure('http', 400));
      await flush();
      const retried = delivery.retry(item('again')!.key);
      expect(texts()).to.deep.equal(['again', 'again']);
      last().resolve(ok());
      await retried;
      expect(item('again')!.delivery.state).to.equal('accepted');
    });
  });

  describe('echoes', () => {
    it('an echo while the message waits for its automatic retry settles it and cancels the retry', async () => {
      const { send, texts, last, delivery, scheduler, outcomes, accepted } = harness();
      send('echoed', 5);
      send('then', 5);
      last().reject(failure('http', 429, null, 30_000));
      await flush();
      delivery.onEntry(entry(6, 'echoed'));
      await flush();
      expect(outcomes.get('echoed')).to.equal('accepted');
      expect(accepted).to.deep.equal(['echoed']);
      expect(texts()).to.deep.equal(['echoed', 'then']);
      scheduler.advance(60_000);
      await flush();
      expect(texts()).to.deep.equal(['echoed', 'then']);
    });

    it('an echo before the answer: the answer does not announce it a second time', async () => {
      const { send, last, delivery, accepted, texts } = harness();
      send('quick', 1);
      send('second', 1);
      delivery.onEntry(entry(1, 'quick'));
      await flush();
      expect(accepted).to.deep.equal(['quick']);
      expect(texts(), 'the request out is left to finish first').to.deep.equal(['quick']);
      last().resolve(ok());
      await flush();
      expect(accepted).to.deep.equal(['quick']);
      expect(texts()).to.deep.equal(['quick', 'second']);
    });
  });

  describe('suspend()', () => {
    it('a request out when the session stops is unconfirmed, with that request\'s deadline: no resend before it (defect 4)', async () => {
      const { send, texts, sends, item, delivery, scheduler } = harness();
      send('in the server\'s hands');
      const deadline = scheduler.now + SEND_TIMEOUT;
      scheduler.advance(2_000);
      delivery.suspend();
      expect(sends[0]!.signal.aborted, 'the request is let go').to.equal(true);
      expect(item('in the server\'s hands')!.delivery).to.deep.equal({ state: 'unconfirmed', since: scheduler.now, deadline });
      // Back: a catch-up before the deadline lacks its echo, yet the server may still log it.
      delivery.caughtUp(scheduler.now + 1);
      await flush();
      expect(texts()).to.deep.equal(['in the server\'s hands']);
      delivery.caughtUp(deadline);
      await flush();
      expect(texts()).to.deep.equal(['in the server\'s hands', 'in the server\'s hands']);
    });

    it('where the log cannot be read, a request out is simply queued again, and a pending automatic retry too', async () => {
      const { send, item, delivery } = harness({ canCatchUp: false });
      send('out');
      delivery.suspend();
      expect(item('out')!.delivery).to.deep.equal({ state: 'queued' });
      const second = harness();
      second.send('throttled');
      second.last().reject(failure('http', 429, null, 5_000));
      await flush();
      expect(second.item('throttled')!.delivery.state).to.equal('retrying');
      second.delivery.suspend();
      expect(second.item('throttled')!.delivery).to.deep.equal({ state: 'queued' });
    });
  });

  describe('pause()', () => {
    it('a message waiting for its automatic retry waits for the connection instead', async () => {
      const { send, texts, last, item, delivery, scheduler, state } = harness();
      send('later');
      last().reject(failure('http', 503));
      await flush();
      state.canSend = false;
      delivery.pause();
      expect(item('later')!.delivery).to.deep.equal({ state: 'queued' });
      scheduler.advance(10 * SEND_TIMEOUT);
      await flush();
      expect(texts()).to.deep.equal(['later']);
      state.canSend = true;
      delivery.pump();
      expect(texts()).to.deep.equal(['later', 'later']);
    });
  });

  describe('giveUpQueued()', () => {
    it('rejects the waiting messages and a pending automatic retry, and leaves the request out to finish', async () => {
      const { send, texts, last, item, delivery, outcomes } = harness();
      send('out');
      send('queued 1');
      send('queued 2');
      delivery.giveUpQueued();
      await flush();
      for (const text of ['queued 1', 'queued 2']) {
        expect(item(text)!.delivery).to.deep.equal({ state: 'failed', reason: 'ended', error: 'This chat has ended.' });
        expect((outcomes.get(text) as GwsChatError).reason).to.equal('not-allowed');
      }
      expect(item('out')!.delivery.state).to.equal('sending');
      last().resolve(ok());
      await flush();
      expect(outcomes.get('out')).to.equal('accepted');
      expect(texts()).to.deep.equal(['out']);

      const second = harness();
      second.send('throttled');
      second.last().reject(failure('http', 429, null, 5_000));
      await flush();
      second.delivery.giveUpQueued();
      await flush();
      expect((second.outcomes.get('throttled') as GwsChatError).reason).to.equal('not-allowed');
      second.scheduler.advance(60_000);
      await flush();
      expect(second.texts()).to.deep.equal(['throttled']);
    });

    it('gives up an unconfirmed message too (its echo still settles it later)', async () => {
      const { send, last, item, delivery, outcomes } = harness();
      send('unsure');
      last().reject(failure('network'));
      await flush();
      delivery.giveUpQueued();
      await flush();
      expect(item('unsure')!.delivery).to.deep.include({ state: 'failed', reason: 'ended' });
      expect((outcomes.get('unsure') as GwsChatError).reason).to.equal('not-allowed');
      delivery.onEntry(entry(0, 'unsure'));
      expect(item('unsure')).to.equal(undefined);
    });
  });

  describe('when nothing can settle a message any more', () => {
    it('a request with no answer, in a chat that ended meanwhile, fails visibly and settles its promise', async () => {
      const h = harness();
      h.send('in flight');
      h.send('queued');
      h.state.ended = true;
      h.delivery.giveUpQueued(); // the chat ended: the queued one fails at once
      await flush();
      expect(h.item('queued')!.delivery.state).to.equal('failed');
      expect(h.item('in flight')!.delivery.state).to.equal('sending');
      h.last().reject(failure('timeout'));
      await flush();
      expect(h.item('in flight')!.delivery).to.deep.equal({ state: 'failed', reason: 'ended', error: 'This chat has ended.' });
      expect((h.outcomes.get('in flight') as GwsChatError).reason).to.equal('not-allowed');
      expect(h.state.unknownOutcomes, 'no catch-up asked for an ended chat').to.equal(0);
    });

    it('a catch-up that cannot read the log (404) fails the unconfirmed message and lets the next go', async () => {
      const h = harness();
      h.send('unsure');
      h.send('next');
      h.last().reject(failure('network'));
      await flush();
      expect(h.texts()).to.deep.equal(['unsure']);
      h.delivery.catchUpFailed('The server does not know this chat (404).');
      await flush();
      expect(h.item('unsure')!.delivery).to.deep.equal({ state: 'failed', reason: 'unconfirmed', error: 'The server does not know this chat (404).' });
      expect((h.outcomes.get('unsure') as GwsChatError).reason).to.equal('server');
      expect(h.texts(), 'the next one is not held up').to.deep.equal(['unsure', 'next']);
    });
  });
});
