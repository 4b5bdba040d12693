// The time helpers the tests rely on to say "nothing else happens": each can fail, and
// fails as soon as the thing happens rather than at the end of its window.
import { expect } from '@open-wc/testing';
import { holdsFor, neverWithin, within } from './time.js';

const failure = (p: Promise<unknown>) => p.then(() => null, (e: Error) => e.message);

describe('holdsFor', () => {
  it('resolves after the window when the invariant holds throughout, having looked more than once', async () => {
    let looks = 0;
    const began = performance.now();
    await holdsFor(200, () => ++looks > 0, 'never fails');
    expect(performance.now() - began).to.be.at.least(195);
    expect(looks).to.be.greaterThan(2);
  });

  it('fails as soon as the invariant breaks, with its message, long before the window ends', async () => {
    let broken = false;
    setTimeout(() => { broken = true; }, 100);
    const began = performance.now();
    const message = await failure(holdsFor(5000, () => !broken, () => 'it broke'));
    expect(message).to.match(/it broke$/);
    expect(performance.now() - began).to.be.below(1000);
  });

  it('fails at once when the invariant is false from the start', async () => {
    expect(await failure(holdsFor(5000, () => false, 'false'))).to.match(/^after 0 ms: false$/);
  });

  it('with settle, waits for the invariant to become true first, then holds it', async () => {
    let ready = false;
    setTimeout(() => { ready = true; }, 100);
    await holdsFor(100, () => ready, 'not ready', { settle: 2000 });
    expect(await failure(holdsFor(100, () => false, 'never ready', { settle: 100 }))).to.match(/never ready$/);
  });

  it('takes asynchronous checks', async () => {
    expect(await failure(holdsFor(1000, async () => false, 'async false'))).to.match(/async false$/);
  });
});

describe('neverWithin', () => {
  it('resolves when the thing does not happen in the window', async () => {
    await neverWithin(100, () => false, 'happened');
  });

  it('fails as soon as the thing happens', async () => {
    let happened = false;
    setTimeout(() => { happened = true; }, 50);
    const began = performance.now();
    expect(await failure(neverWithin(5000, () => happened, 'it happened'))).to.match(/it happened$/);
    expect(performance.now() - began).to.be.below(1000);
  });
});

describe('within', () => {
  it('answers what the promise gives when it settles in time', async () => {
    expect(await within(1000, Promise.resolve(7), 'seven')).to.equal(7);
  });

  it('fails naming what did not settle in time', async () => {
    expect(await failure(within(50, new Promise(() => {}), 'the answer'))).to.equal('not settled within 50 ms: the answer');
  });
});
