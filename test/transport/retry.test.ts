import { expect } from '@open-wc/testing';
import { MAX_DELAY, reconnectDelay } from '../../src/transport/backoff.js';
import { DEFAULT_TIMEOUT, DeadlineExceeded, Retry, RetryCanceled, type RetryOptions } from '../../src/transport/retry.js';
import { FakeScheduler } from '../support/fake-scheduler.js';

// Pure tests: every timer runs on a fake clock; promise callbacks run when `flush()` lets
// the microtask queue drain (no real time passes).

/** Lets pending promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** One attempt's call, settled by the test. */
interface Call {
  readonly attempt: number;
  readonly signal: AbortSignal;
  resolve(value: string): void;
  reject(error: unknown): void;
}

/** A Retry whose attempts the test answers by hand, on a fake clock. */
function harness(options: Omit<RetryOptions, 'scheduler' | 'now'> = {}) {
  const scheduler = new FakeScheduler();
  const calls: Call[] = [];
  const waits: Array<[number | null, number, unknown]> = [];
  const retry = new Retry<string>((signal, attempt) => new Promise<string>((resolve, reject) => {
    calls.push({ attempt, signal, resolve, reject });
  }), {
    random: () => 0.5,
    onWait: (retryAt, attempt, error) => waits.push([retryAt, attempt, error]),
    ...options,
    scheduler,
    now: () => scheduler.now,
  });
  const outcome: { value?: string; error?: unknown } = {};
  retry.promise.then((v) => { outcome.value = v; }, (e: unknown) => { outcome.error = e; });
  return { scheduler, calls, waits, retry, outcome };
}

const boom = (n = 1) => new Error(`failure ${n}`);

describe('Retry', () => {
  describe('a successful attempt', () => {
    it('resolves with its value after one attempt, which gets attempt number 1 and a live signal', async () => {
      const { calls, retry, outcome, scheduler, waits } = harness();
      expect(calls.map((c) => c.attempt)).to.deep.equal([1]);
      expect(calls[0]!.signal.aborted).to.equal(false);
      calls[0]!.resolve('ok');
      await flush();
      expect(outcome).to.deep.equal({ value: 'ok' });
      expect(retry.attempt).to.equal(1);
      expect(waits).to.deep.equal([]);
      expect(scheduler.pending, 'the deadline timer is cleared').to.equal(0);
    });
  });

  describe('the deadline of an attempt', () => {
    it('aborts an attempt that never settles with DeadlineExceeded, at the default 15 s', async () => {
      const { calls, outcome, scheduler } = harness({ attempts: 1 });
      scheduler.advance(DEFAULT_TIMEOUT - 1);
      await flush();
      expect(calls[0]!.signal.aborted).to.equal(false);
      expect(outcome).to.deep.equal({});
      scheduler.advance(1);
      await flush();
      expect(calls[0]!.signal.aborted).to.equal(true);
      expect(calls[0]!.signal.reason).to.be.instanceOf(DeadlineExceeded);
      expect((calls[0]!.signal.reason as DeadlineExceeded).timeout).to.equal(DEFAULT_TIMEOUT);
      expect(outcome.error, 'the retry rejects with the deadline').to.equal(calls[0]!.signal.reason);
    });

    it('honours the timeout option and tries again after a deadline, with a fresh signal', async () => {
      const { calls, scheduler } = harness({ timeout: 2_000 });
      scheduler.advance(2_000);
      await flush();
      expect(calls[0]!.signal.reason).to.be.instanceOf(DeadlineExceeded);
      scheduler.advance(reconnectDelay(1, 0.5));
      await flush();
      expect(calls.map((c) => c.attempt)).to.deep.equal([1, 2]);
      expect(calls[1]!.signal.aborted).to.equal(false);
    });

    it('does not abort an attempt that settled in time', async () => {
      const { calls, scheduler, outcome } = harness({ timeout: 1_000 });
      scheduler.advance(999);
      calls[0]!.resolve('just in time');
      await flush();
      scheduler.advance(10_000);
      expect(calls[0]!.signal.aborted).to.equal(false);
      expect(outcome).to.deep.equal({ value: 'just in time' });
    });
  });

  describe('waits between attempts', () => {
    it('waits reconnectDelay(n, random) after failure n, then runs attempt n + 1', async () => {
      const { calls, scheduler, retry } = harness({ random: () => 0.5 });
      for (let n = 1; n <= 7; n++) {
        calls[n - 1]!.reject(boom(n));
        await flush();
        const wait = reconnectDelay(n, 0.5);
        expect(retry.retryAt, `retryAt after failure ${n}`).to.equal(scheduler.now + wait);
        scheduler.advance(wait - 1);
        await flush();
        expect(calls.length, `no attempt ${n + 1} before its time`).to.equal(n);
        scheduler.advance(1);
        await flush();
        expect(calls.length, `attempt ${n + 1} at its time`).to.equal(n + 1);
        expect(retry.retryAt).to.equal(null);
      }
    });

    it('stays within the bounds of the schedule: 250 ms at least, the full ceiling at most, 30 s cap', async () => {
      for (const [random, expected] of [[0, [250, 250, 250]], [0.999_999, [1_000, 2_000, 4_000]]] as const) {
        const { calls, scheduler } = harness({ random: () => random });
        for (let n = 1; n <= 3; n++) {
          calls[n - 1]!.reject(boom(n));
          await flush();
          const before = scheduler.now;
          scheduler.advance(expected[n - 1]!);
          await flush();
          expect(calls.length, `random ${random}, attempt ${n + 1}`).to.equal(n + 1);
          expect(scheduler.now - before).to.equal(expected[n - 1]);
        }
      }
      const { calls, retry, scheduler } = harness({ random: () => 0.999_999 });
      for (let n = 1; n <= 10; n++) {
        calls[n - 1]!.reject(boom(n));
        await flush();
        expect(retry.retryAt! - scheduler.now).to.be.at.most(MAX_DELAY);
        retry.now();
        await flush();
      }
      calls[10]!.reject(boom(11));
      await flush();
      expect(retry.retryAt! - scheduler.now, 'late attempts wait the cap').to.equal(MAX_DELAY);
    });

    it('waits as long as the judge says (Retry-After) instead of the schedule', async () => {
      const { calls, scheduler, retry, waits } = harness({ judge: () => ({ retry: true, after: 42_000 }) });
      calls[0]!.reject(boom());
      await flush();
      expect(retry.retryAt).to.equal(42_000);
      expect(waits[0]![0]).to.equal(42_000);
      scheduler.advance(41_999);
      await flush();
      expect(calls.length).to.equal(1);
      scheduler.advance(1);
      await flush();
      expect(calls.length).to.equal(2);
    });

    it('falls back to the schedule when the judge gives no wait (after: null)', async () => {
      const { calls, retry } = harness({ judge: () => ({ retry: true, after: null }) });
      calls[0]!.reject(boom());
      await flush();
      expect(retry.retryAt).to.equal(reconnectDelay(1, 0.5));
    });

    it('tries again at once when the judge says after: 0', async () => {
      const { calls, scheduler } = harness({ judge: () => ({ retry: true, after: 0 }) });
      calls[0]!.reject(boom());
      await flush();
      scheduler.advance(0);
      await flush();
      expect(calls.length).to.equal(2);
    });

    it('tells onWait when a wait starts (retryAt, next attempt, error) and when it ends (null)', async () => {
      const { calls, scheduler, waits } = harness();
      const error = boom();
      calls[0]!.reject(error);
      await flush();
      const retryAt = reconnectDelay(1, 0.5);
      expect(waits).to.deep.equal([[retryAt, 2, error]]);
      scheduler.advance(retryAt);
      await flush();
      expect(waits).to.deep.equal([[retryAt, 2, error], [null, 2, error]]);
      expect(calls.length).to.equal(2);
    });
  });

  describe('giving up', () => {
    it('makes at most `attempts` attempts and rejects with the last failure', async () => {
      const { calls, scheduler, outcome } = harness({ attempts: 3 });
      for (let n = 1; n <= 3; n++) {
        calls[n - 1]!.reject(boom(n));
        await flush();
        scheduler.advance(MAX_DELAY);
        await flush();
      }
      scheduler.advance(10 * MAX_DELAY);
      await flush();
      expect(calls.length).to.equal(3);
      expect((outcome.error as Error).message).to.equal('failure 3');
      expect(scheduler.pending).to.equal(0);
    });

    it('rethrows at once when the judge says retry: false, and asks it with the failure and attempt number', async () => {
      const judged: Array<[unknown, number]> = [];
      const { calls, scheduler, outcome, waits, retry } = harness({
        judge: (e, n) => {
          judged.push([e, n]);
          return n < 2 ? { retry: true, after: 10 } : { retry: false };
        },
      });
      const first = boom(1);
      const second = boom(2);
      calls[0]!.reject(first);
      await flush();
      scheduler.advance(10);
      await flush();
      calls[1]!.reject(second);
      await flush();
      expect(judged).to.deep.equal([[first, 1], [second, 2]]);
      expect(outcome.error).to.equal(second);
      expect(waits.filter(([at]) => at !== null).length, 'no wait after the final verdict').to.equal(1);
      expect(retry.retryAt).to.equal(null);
      scheduler.advance(10 * MAX_DELAY);
      await flush();
      expect(calls.length).to.equal(2);
    });

    it('counts an attempt that throws synchronously as a failed attempt', async () => {
      const scheduler = new FakeScheduler();
      let runs = 0;
      const retry = new Retry<string>(() => {
        if (++runs === 1) throw boom();
        return Promise.resolve('second time');
      }, { scheduler, now: () => scheduler.now, random: () => 0 });
      await flush();
      scheduler.advance(250);
      expect(await retry.promise).to.equal('second time');
      expect(runs).to.equal(2);
    });
  });

  describe('now()', () => {
    it('skips the wait: the next attempt runs at once', async () => {
      const { calls, retry, scheduler, waits } = harness();
      calls[0]!.reject(boom());
      await flush();
      expect(retry.now()).to.equal(true);
      await flush();
      expect(calls.length).to.equal(2);
      expect(scheduler.now, 'no time passed').to.equal(0);
      expect(retry.retryAt).to.equal(null);
      expect(waits.at(-1)![0]).to.equal(null);
      // The skipped wait's timer does not start another attempt later.
      scheduler.advance(MAX_DELAY);
      await flush();
      expect(calls.length).to.equal(2);
    });

    it('does nothing and returns false while an attempt is out', async () => {
      const { calls, retry } = harness();
      expect(retry.now()).to.equal(false);
      await flush();
      expect(calls.length).to.equal(1);
      expect(calls[0]!.signal.aborted).to.equal(false);
    });
  });

  describe('cancel()', () => {
    it('during an attempt: aborts its signal and rejects with RetryCanceled, running no further attempt', async () => {
      const { calls, retry, outcome, scheduler } = harness();
      retry.cancel('Going away.');
      await flush();
      expect(retry.canceled).to.equal(true);
      expect(calls[0]!.signal.aborted).to.equal(true);
      expect(calls[0]!.signal.reason).to.be.instanceOf(RetryCanceled);
      expect(outcome.error).to.be.instanceOf(RetryCanceled);
      expect((outcome.error as Error).message).to.equal('Going away.');
      // The attempt settling late changes nothing.
      calls[0]!.reject(boom());
      calls[0]!.resolve('late');
      scheduler.advance(10 * MAX_DELAY);
      await flush();
      expect(calls.length).to.equal(1);
      expect(outcome.value).to.equal(undefined);
      expect(scheduler.pending).to.equal(0);
    });

    it('during a wait: ends it and rejects with RetryCanceled, running no further attempt', async () => {
      const { calls, retry, outcome, scheduler } = harness();
      calls[0]!.reject(boom());
      await flush();
      expect(retry.retryAt).to.not.equal(null);
      retry.cancel();
      await flush();
      expect(outcome.error).to.be.instanceOf(RetryCanceled);
      expect(retry.retryAt).to.equal(null);
      scheduler.advance(10 * MAX_DELAY);
      await flush();
      expect(calls.length).to.equal(1);
      expect(scheduler.pending).to.equal(0);
    });

    it('is a no-op after the retry settled', async () => {
      const { calls, retry, outcome } = harness();
      calls[0]!.resolve('done');
      await flush();
      retry.cancel();
      await flush();
      expect(outcome).to.deep.equal({ value: 'done' });
      expect(calls[0]!.signal.aborted).to.equal(false);
    });
  });
});
