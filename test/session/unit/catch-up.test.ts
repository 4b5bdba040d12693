import { expect } from '@open-wc/testing';
import { CATCH_UP_TIMEOUT, CatchUp, type CatchUpStatus } from '../../../src/session/catch-up.js';
import { reconnectDelay } from '../../../src/transport/backoff.js';
import { OperationError } from '../../../src/transport/rest.js';
import { DeadlineExceeded } from '../../../src/transport/retry.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';

// Pure tests of the catch-up engine: its GETs are answered by hand, its timers run on a
// fake clock, and `flush()` lets promise callbacks run (no real time passes).

async function flush(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

interface Fetch {
  readonly from: number;
  readonly signal: AbortSignal;
  readonly at: number;
  resolve(answer: unknown): void;
  reject(error: unknown): void;
}

/** The wait after failure n with the fixed random below. */
const RANDOM = 0.5;
const wait = (n: number) => reconnectDelay(n, RANDOM);

const networkDown = () => new OperationError('Could not reach the server.', 'network');
const http = (status: number, retryAfter: number | null = null) =>
  new OperationError(`The server answered ${status}.`, 'http', status, null, retryAfter);

function harness() {
  const scheduler = new FakeScheduler();
  scheduler.now = 1_000_000;
  const fetches: Fetch[] = [];
  const merged: Array<{ answer: unknown; startedAt: number }> = [];
  const statuses: CatchUpStatus[] = [];
  const failures: string[] = [];
  const catchUp = new CatchUp({
    fetch: (from, signal) => new Promise((resolve, reject) => {
      fetches.push({ from, signal, at: scheduler.now, resolve, reject });
    }),
    merge: (answer, startedAt) => {
      merged.push({ answer, startedAt });
    },
  }, { scheduler, random: () => RANDOM, now: () => scheduler.now });
  catchUp.addEventListener('change', (e) => statuses.push(e.detail));
  catchUp.addEventListener('failed', (e) => failures.push(e.detail.message));
  const last = () => fetches.at(-1)!;
  /** Fails the request out, then lets the wait before the next one pass. */
  const failAndWait = async (n: number, error: unknown = networkDown()) => {
    last().reject(error);
    await flush();
    scheduler.advance(wait(n));
    await flush();
  };
  return { scheduler, fetches, merged, statuses, failures, catchUp, last, failAndWait };
}

describe('CatchUp', () => {
  describe('fetching', () => {
    it('fetches nothing until resumed, then fetches from the index asked for', async () => {
      const { catchUp, fetches } = harness();
      catchUp.request(4);
      await flush();
      expect(fetches).to.have.length(0);
      expect(catchUp.status).to.deep.equal({ kind: 'idle' });
      expect(catchUp.missingFrom).to.equal(4);
      catchUp.resume();
      expect(fetches.map((f) => f.from)).to.deep.equal([4]);
      expect(catchUp.status).to.deep.equal({ kind: 'fetching', from: 4, attempt: 1 });
    });

    it('merges the answer with the time its request was sent, then is idle with nothing missing', async () => {
      const { catchUp, fetches, merged, scheduler } = harness();
      catchUp.resume();
      catchUp.request(2);
      const sentAt = scheduler.now;
      scheduler.advance(300);
      fetches[0]!.resolve({ messages: ['a'] });
      await flush();
      expect(merged).to.deep.equal([{ answer: { messages: ['a'] }, startedAt: sentAt }]);
      expect(catchUp.status).to.deep.equal({ kind: 'idle' });
      expect(catchUp.missingFrom).to.equal(null);
      scheduler.advance(10 * CATCH_UP_TIMEOUT);
      await flush();
      expect(fetches).to.have.length(1);
    });

    it('asks from the lowest of the indices requested before it could start', async () => {
      const { catchUp, fetches } = harness();
      catchUp.request(9);
      catchUp.request(3);
      catchUp.request(7);
      catchUp.request(-2.5);
      catchUp.resume();
      expect(fetches.map((f) => f.from)).to.deep.equal([0]);
    });

    it('passes on the startedAt of the attempt that succeeded, not of the first one', async () => {
      const { catchUp, last, merged, scheduler, failAndWait } = harness();
      catchUp.resume();
      catchUp.request(1);
      await failAndWait(1);
      const secondSentAt = scheduler.now;
      scheduler.advance(50);
      last().resolve({});
      await flush();
      expect(merged).to.deep.equal([{ answer: {}, startedAt: secondSentAt }]);
    });
  });

  describe('the lowest missing index is remembered until a fetch from it succeeded', () => {
    // The defect this prevents: a catch-up that gives up (the GET failed several times)
    // while a live message with a higher index arrives loses the missing range for good:
    // the next catch-up starts after the live message.
    it('after failures and a disconnection, a request from a higher index still fetches from the lowest', async () => {
      const { catchUp, fetches, failAndWait, last } = harness();
      catchUp.resume();
      catchUp.request(5);
      await failAndWait(1);
      await failAndWait(2);
      last().reject(networkDown());
      await flush();
      // Given up: the connection dropped too.
      catchUp.pause();
      expect(catchUp.status).to.deep.equal({ kind: 'idle' });
      expect(catchUp.missingFrom).to.equal(5);
      // Back; a live message at 9 shows a gap above 8.
      catchUp.resume();
      catchUp.request(8);
      expect(fetches.map((f) => f.from)).to.deep.equal([5, 5, 5, 5]);
      expect(catchUp.missingFrom).to.equal(5);
    });

    it('a request from a higher index while retrying does not move the fetch past the missing range', async () => {
      const { catchUp, fetches, failAndWait, last, scheduler } = harness();
      catchUp.resume();
      catchUp.request(5);
      last().reject(networkDown());
      await flush();
      catchUp.request(12); // during the wait
      scheduler.advance(wait(1));
      await flush();
      await failAndWait(2);
      catchUp.request(20); // during a fetch
      last().resolve({ messages: [] });
      await flush();
      // The range from 5 came in; what was asked for meanwhile is fetched next.
      expect(fetches.map((f) => f.from)).to.deep.equal([5, 5, 5, 12]);
      expect(catchUp.missingFrom).to.equal(12);
    });

    it('a request while paused is merged with what is still missing, not put in its place', async () => {
      const { catchUp, fetches, last } = harness();
      catchUp.resume();
      catchUp.request(5);
      last().reject(networkDown());
      await flush();
      catchUp.pause();
      catchUp.request(9);
      catchUp.resume();
      expect(fetches.map((f) => f.from)).to.deep.equal([5, 5]);
    });

    it('a lower request made during a fetch is fetched after it', async () => {
      const { catchUp, fetches, last } = harness();
      catchUp.resume();
      catchUp.request(5);
      catchUp.request(2);
      expect(fetches.map((f) => f.from)).to.deep.equal([5]);
      last().resolve({});
      await flush();
      expect(fetches.map((f) => f.from)).to.deep.equal([5, 2]);
    });
  });

  describe('a request made while a fetch is out', () => {
    it('is fetched after it (the answer may predate what it was asked for)', async () => {
      const { catchUp, fetches, merged, last, scheduler } = harness();
      catchUp.resume();
      catchUp.request(3);
      scheduler.advance(100);
      catchUp.request(3); // the same index, asked again while the first is out
      expect(fetches).to.have.length(1);
      last().resolve('first');
      await flush();
      expect(fetches.map((f) => f.from)).to.deep.equal([3, 3]);
      expect(catchUp.status).to.deep.equal({ kind: 'fetching', from: 3, attempt: 1 });
      last().resolve('second');
      await flush();
      expect(merged.map((m) => m.answer)).to.deep.equal(['first', 'second']);
      expect(catchUp.status).to.deep.equal({ kind: 'idle' });
      expect(fetches).to.have.length(2);
    });

    it('survives a pause: it is fetched after resuming', async () => {
      const { catchUp, fetches } = harness();
      catchUp.resume();
      catchUp.request(10);
      catchUp.request(4);
      catchUp.pause();
      expect(catchUp.missingFrom).to.equal(4);
      catchUp.resume();
      expect(fetches.map((f) => f.from)).to.deep.equal([10, 4]);
    });
  });

  describe('pause() and resume()', () => {
    it('pause() drops the fetch out (its late answer is not merged); resume() fetches from the same index again', async () => {
      const { catchUp, fetches, merged } = harness();
      catchUp.resume();
      catchUp.request(6);
      const dropped = fetches[0]!;
      catchUp.pause();
      expect(dropped.signal.aborted).to.equal(true);
      expect(catchUp.status).to.deep.equal({ kind: 'idle' });
      dropped.resolve('stale');
      await flush();
      expect(merged).to.deep.equal([]);
      catchUp.resume();
      expect(fetches.map((f) => f.from)).to.deep.equal([6, 6]);
      fetches[1]!.resolve('fresh');
      await flush();
      expect(merged.map((m) => m.answer)).to.deep.equal(['fresh']);
    });

    it('pause() during a wait cancels the retry: nothing is fetched until resume()', async () => {
      const { catchUp, fetches, last, scheduler } = harness();
      catchUp.resume();
      catchUp.request(6);
      last().reject(networkDown());
      await flush();
      expect(catchUp.status.kind).to.equal('waiting');
      catchUp.pause();
      scheduler.advance(10 * CATCH_UP_TIMEOUT);
      await flush();
      expect(fetches).to.have.length(1);
      expect(scheduler.pending).to.equal(0);
      catchUp.resume();
      expect(fetches.map((f) => f.from)).to.deep.equal([6, 6]);
    });

    it('reset() forgets what was missing', async () => {
      const { catchUp, fetches } = harness();
      catchUp.request(6);
      catchUp.reset();
      catchUp.resume();
      expect(fetches).to.have.length(0);
      expect(catchUp.missingFrom).to.equal(null);
    });
  });

  describe('failures', () => {
    it('shows the wait (attempt, retryAt) and retries on the schedule', async () => {
      const { catchUp, fetches, last, scheduler } = harness();
      catchUp.resume();
      catchUp.request(1);
      last().reject(networkDown());
      await flush();
      expect(catchUp.status).to.deep.equal({ kind: 'waiting', from: 1, attempt: 2, retryAt: scheduler.now + wait(1) });
      scheduler.advance(wait(1) - 1);
      await flush();
      expect(fetches).to.have.length(1);
      scheduler.advance(1);
      await flush();
      expect(fetches).to.have.length(2);
      expect(catchUp.status).to.deep.equal({ kind: 'fetching', from: 1, attempt: 2 });
    });

    it('waits as long as the server asked (Retry-After)', async () => {
      const { catchUp, fetches, last, scheduler } = harness();
      catchUp.resume();
      catchUp.request(1);
      last().reject(http(503, 20_000));
      await flush();
      expect(catchUp.status).to.deep.equal({ kind: 'waiting', from: 1, attempt: 2, retryAt: scheduler.now + 20_000 });
      scheduler.advance(19_999);
      await flush();
      expect(fetches).to.have.length(1);
      scheduler.advance(1);
      await flush();
      expect(fetches).to.have.length(2);
    });

    it('now() runs the waiting request at once', async () => {
      const { catchUp, fetches, last } = harness();
      catchUp.resume();
      catchUp.request(1);
      last().reject(networkDown());
      await flush();
      catchUp.now();
      await flush();
      expect(fetches).to.have.length(2);
    });

    it('times out a GET that never answers (its signal aborts at the deadline) and tries again', async () => {
      const { catchUp, fetches, scheduler } = harness();
      catchUp.resume();
      catchUp.request(7);
      scheduler.advance(CATCH_UP_TIMEOUT - 1);
      await flush();
      expect(fetches[0]!.signal.aborted).to.equal(false);
      scheduler.advance(1);
      await flush();
      expect(fetches[0]!.signal.reason).to.be.instanceOf(DeadlineExceeded);
      expect(catchUp.status.kind).to.equal('waiting');
      scheduler.advance(wait(1));
      await flush();
      expect(fetches.map((f) => f.from)).to.deep.equal([7, 7]);
    });

    for (const status of [404, 410]) {
      it(`on ${status}: fails for good, tells failed() exactly once and fetches no more`, async () => {
        const { catchUp, fetches, failures, last, scheduler, statuses } = harness();
        catchUp.resume();
        catchUp.request(1);
        last().reject(http(status));
        await flush();
        expect(catchUp.status.kind).to.equal('failed');
        expect(failures).to.have.length(1);
        expect(failures[0]).to.contain(String(status));
        expect(statuses.at(-1)).to.deep.equal(catchUp.status);
        catchUp.request(0);
        catchUp.pause();
        catchUp.resume();
        catchUp.now();
        scheduler.advance(10 * CATCH_UP_TIMEOUT);
        await flush();
        expect(fetches).to.have.length(1);
        expect(failures).to.have.length(1);
        expect(catchUp.status.kind, 'pause() keeps the failure').to.equal('failed');
      });
    }

    it('after reset(), a failed catch-up fetches again for the next interaction', async () => {
      const { catchUp, fetches, last } = harness();
      catchUp.resume();
      catchUp.request(1);
      last().reject(http(404));
      await flush();
      catchUp.reset();
      expect(catchUp.status).to.deep.equal({ kind: 'idle' });
      catchUp.request(0);
      expect(fetches.map((f) => f.from)).to.deep.equal([1, 0]);
    });

    it('keeps retrying other failures (no answer, 5xx) and keeps the missing index', async () => {
      const { catchUp, fetches, failures, failAndWait } = harness();
      catchUp.resume();
      catchUp.request(2);
      await failAndWait(1, http(500));
      await failAndWait(2, http(502));
      await failAndWait(3, networkDown());
      await failAndWait(4, new OperationError('no answer', 'timeout'));
      expect(fetches.map((f) => f.from)).to.deep.equal([2, 2, 2, 2, 2]);
      expect(failures).to.deep.equal([]);
      expect(catchUp.missingFrom).to.equal(2);
    });
  });
});
