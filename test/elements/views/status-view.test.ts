import { expect } from '@open-wc/testing';
import { bannerOf, type StatusState } from '../../../src/elements/status-view.js';
import type { ConnectionProblem } from '../../../src/transport/cross-origin.js';

/** A connected chat in progress, with an agent: the banner says nothing. */
const QUIET: StatusState = {
  connectionState: 'connected', retryAt: null, problem: null, offline: false, following: true,
  ended: false, starting: false, waitingForAgent: false, justReconnected: false,
};
const problem: ConnectionProblem = {
  kind: 'cross-origin', serverOrigin: 'https://gws.example', pageOrigin: 'https://shop.example', message: 'not allowed',
};

describe('status view: what the banner says', () => {
  it('says nothing while a chat runs normally, and nothing when no chat is followed', () => {
    expect(bannerOf(QUIET)).to.deep.equal({ kind: 'none' });
    expect(bannerOf({ ...QUIET, connectionState: 'disconnected', following: false })).to.deep.equal({ kind: 'none' });
  });

  it('puts a failed connection before the chat\'s own state', () => {
    const ended = { ...QUIET, ended: true, waitingForAgent: true, starting: true, justReconnected: true };
    expect(bannerOf({ ...ended, connectionState: 'reconnecting', retryAt: 5 })).to.deep.equal(
      { kind: 'retrying', text: 'reconnecting', problem: null, retryAt: 5 });
    expect(bannerOf({ ...ended, connectionState: 'connecting' })).to.deep.equal({ kind: 'connecting' });
    expect(bannerOf({ ...ended, connectionState: 'disconnected' })).to.deep.equal({ kind: 'disconnected' });
  });

  it('offers "Reconnect now" while connecting only when the likely cause is known', () => {
    expect(bannerOf({ ...QUIET, connectionState: 'connecting', problem, retryAt: 9 })).to.deep.equal(
      { kind: 'retrying', text: 'connecting', problem, retryAt: 9 });
  });

  it('says offline rather than guessing a cause while the browser is offline', () => {
    expect(bannerOf({ ...QUIET, connectionState: 'reconnecting', offline: true, problem })).to.deep.equal({ kind: 'offline' });
    expect(bannerOf({ ...QUIET, connectionState: 'connecting', offline: true, problem })).to.deep.equal({ kind: 'connecting' });
  });

  it('while connected: ended, then reconnected, then starting, then waiting for an agent', () => {
    expect(bannerOf({ ...QUIET, ended: true, justReconnected: true })).to.deep.equal({ kind: 'ended' });
    expect(bannerOf({ ...QUIET, justReconnected: true, starting: true })).to.deep.equal({ kind: 'reconnected' });
    expect(bannerOf({ ...QUIET, starting: true, waitingForAgent: true })).to.deep.equal({ kind: 'starting' });
    expect(bannerOf({ ...QUIET, waitingForAgent: true })).to.deep.equal({ kind: 'waitingForAgent' });
  });
});
