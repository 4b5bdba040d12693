// Time in tests. Waiting for something to happen is `waitFor` (test/support/gws.ts): it
// returns as soon as the condition holds. The helpers here are for the other two cases,
// named so that a reader sees the intent rather than a bare sleep:
//
// - a test whose point is that something does NOT happen for a while (`holdsFor`,
//   `neverWithin`): the condition is looked at over and over, and the test fails the moment
//   it goes wrong, naming what was seen, instead of sleeping and looking once at the end;
// - a deadline for a promise (`within`): it must settle in time, and the test says so;
// - pacing (`pace`): a deliberate gap that is part of the scenario itself (a user who
//   types slowly, a page left while a request is in flight), not a synchronisation.

import { waitUntil } from '@open-wc/testing';

type Check = () => unknown | Promise<unknown>;
type Message = string | (() => string);

const text = (message: Message) => (typeof message === 'function' ? message() : message);
const gap = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asserts that `invariant` stays true for `ms` milliseconds: it is checked at once and then
 * every `interval` ms (50 unless given; use more for a check that asks the server), and the
 * returned promise rejects with `message` the first time it is false. With `settle`, the
 * invariant may first take up to that many milliseconds to become true (a write that is
 * still under way), and must then hold for `ms`.
 */
export async function holdsFor(ms: number, invariant: Check, message: Message, { interval = 50, settle = 0 } = {}): Promise<void> {
  if (settle > 0) await waitUntil(invariant, undefined, { timeout: settle, interval }).catch(() => {});
  const end = performance.now() + ms;
  for (;;) {
    if (!(await invariant())) throw new Error(`after ${Math.round(ms - (end - performance.now()))} ms: ${text(message)}`);
    const left = end - performance.now();
    if (left <= 0) return;
    await gap(Math.min(interval, left));
  }
}

/** Asserts that `happened` does not become true within `ms` milliseconds (see `holdsFor`). */
export function neverWithin(ms: number, happened: Check, message: Message, options: { interval?: number } = {}): Promise<void> {
  return holdsFor(ms, async () => !(await happened()), message, options);
}

/** `promise`, or a rejection with `message` if it has not settled within `ms` milliseconds. */
export function within<T>(ms: number, promise: Promise<T>, message: Message): Promise<T> {
  let timer = 0;
  const late = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`not settled within ${ms} ms: ${text(message)}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A deliberate pause that is part of the scenario (how fast a user acts, how long a page
 * stays away), not a way to wait for something: `why` says which, for the reader.
 */
export function pace(ms: number, why: string): Promise<void> {
  void why;
  return gap(ms);
}
