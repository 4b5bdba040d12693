import { expect } from '@open-wc/testing';
import { newId, OutboxStore, outboxKey, PAGE_ID, type OwnedOutgoing as StoredOutgoing } from '../../../src/session/store.js';

// The stored outbox as sessions and pages share it, in this page's real sessionStorage.
// "Another page" of the tab is simulated by items owned by another page id and by the
// closed-pages marker, written in the format store.ts writes them.

const CLOSED_KEY = 'gws-chat:closed-pages';
const URL = 'https://gws.example.com/genesys/2/chat/customer-support';

/** Messages of ours as a session hands them to `write()`. */
function message(id: string, time: number, extra: Partial<StoredOutgoing> = {}): Omit<StoredOutgoing, 'owner'> {
  return { id, text: `text of ${id}`, time, afterIndex: 0, accepted: false, attempted: false, ...extra };
}

/** What is stored under `key`, as raw items. */
function stored(key: string): StoredOutgoing[] {
  const raw = sessionStorage.getItem(key);
  return raw === null ? [] : (JSON.parse(raw) as { items: StoredOutgoing[] }).items;
}

/** Writes items as another page's session would have left them. */
function storeRaw(key: string, items: StoredOutgoing[]): void {
  sessionStorage.setItem(key, JSON.stringify({ v: 2, items }));
}

const closedPages = (): string[] => JSON.parse(sessionStorage.getItem(CLOSED_KEY) ?? '[]') as string[];

describe('OutboxStore', () => {
  let key: string;
  let stores: OutboxStore[];

  /** A store for one session of this page; closed after the test. */
  function session(id = newId()): OutboxStore {
    const store = new OutboxStore(key, id);
    stores.push(store);
    return store;
  }

  beforeEach(() => {
    sessionStorage.clear();
    key = outboxKey(URL, `chat-${newId()}`);
    stores = [];
  });

  afterEach(() => {
    for (const store of stores) store.close();
    sessionStorage.clear();
  });

  describe('two sessions on one page', () => {
    it('each owns what it writes, as page/session, and leaves the other one\'s messages alone', () => {
      const a = session('A');
      const b = session('B');
      a.open();
      b.open();
      expect(a.owner).to.equal(`${PAGE_ID}/A`);
      a.write([message('a1', 1), message('a2', 3)]);
      b.write([message('b1', 2)]);
      a.write([message('a2', 3)]); // a1 was delivered
      expect(stored(key).map((i) => [i.id, i.owner])).to.deep.equal([
        ['b1', `${PAGE_ID}/B`],
        ['a2', `${PAGE_ID}/A`],
      ]);
      expect(a.claim().map((i) => i.id)).to.deep.equal(['a2']);
      expect(b.claim().map((i) => i.id)).to.deep.equal(['b1']);
      expect([...a.takenByOthers()]).to.deep.equal(['b1']);
    });

    it('claim() does not take a live session\'s messages', () => {
      const a = session();
      const b = session();
      a.open();
      b.open();
      a.write([message('a1', 1)]);
      expect(b.claim()).to.deep.equal([]);
      expect(stored(key)[0]!.owner).to.equal(a.owner);
    });

    it('claim() takes the messages of a session that closed, keeping their order by time', () => {
      const a = session();
      const b = session();
      a.open();
      b.open();
      b.write([message('b1', 20)]);
      a.write([message('a1', 10), message('a2', 30)]);
      a.close();
      expect(b.claim().map((i) => [i.id, i.owner])).to.deep.equal([
        ['a1', b.owner], ['b1', b.owner], ['a2', b.owner],
      ]);
      expect(stored(key).every((i) => i.owner === b.owner), 'the takeover is stored').to.equal(true);
      // Back again, the first session sees they are taken.
      a.open();
      expect(a.claim()).to.deep.equal([]);
      expect(a.takenByOthers()).to.deep.equal(new Set(['a1', 'a2', 'b1']));
    });

    it('writing an empty outbox removes the key once nobody has anything stored', () => {
      const a = session();
      a.open();
      a.write([message('a1', 1)]);
      a.write([]);
      expect(sessionStorage.getItem(key)).to.equal(null);
    });
  });

  describe('messages of another page of this tab', () => {
    const OTHER = 'otherpage1';
    const theirs = (id: string, time: number): StoredOutgoing => ({ ...message(id, time, { attempted: true }), owner: `${OTHER}/S1` });

    it('are not taken while that page is not known to be closed (a duplicated tab)', () => {
      // A duplicated tab starts with a copy of the original's storage while the original
      // page is still alive: the copy must never send the original's messages.
      storeRaw(key, [theirs('x1', 1)]);
      sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['someotherpage']));
      const mine = session();
      mine.open();
      expect(mine.claim()).to.deep.equal([]);
      expect(stored(key)).to.deep.equal([theirs('x1', 1)]);
      expect([...mine.takenByOthers()]).to.deep.equal(['x1']);
      // Our own writes leave them as they are.
      mine.write([message('m1', 2)]);
      expect(stored(key).find((i) => i.id === 'x1')).to.deep.equal(theirs('x1', 1));
    });

    it('are taken when that page was closed (a reload: its pagehide marked it)', () => {
      storeRaw(key, [theirs('x2', 2), theirs('x1', 1)]);
      sessionStorage.setItem(CLOSED_KEY, JSON.stringify([OTHER]));
      const mine = session();
      mine.open();
      const claimed = mine.claim();
      expect(claimed.map((i) => [i.id, i.owner, i.attempted])).to.deep.equal([
        ['x1', mine.owner, true], ['x2', mine.owner, true],
      ]);
      expect(stored(key).every((i) => i.owner === mine.owner)).to.equal(true);
    });

    it('ignores a malformed closed-pages marker and malformed items', () => {
      sessionStorage.setItem(CLOSED_KEY, '{"not": "a list"');
      storeRaw(key, [theirs('x1', 1), { id: 7 } as unknown as StoredOutgoing]);
      const mine = session();
      mine.open();
      expect(mine.claim()).to.deep.equal([]);
      sessionStorage.setItem(CLOSED_KEY, JSON.stringify([42, OTHER]));
      expect(mine.claim().map((i) => i.id)).to.deep.equal(['x1']);
    });
  });

  describe('leaving and coming back to this page', () => {
    it('pagehide records this page as closed (once, after the ones before)', () => {
      session();
      sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['earlier', PAGE_ID]));
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(closedPages()).to.deep.equal(['earlier', PAGE_ID]);
      sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['earlier']));
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(closedPages()).to.deep.equal(['earlier', PAGE_ID]);
    });

    it('remembers the last 20 closed pages', () => {
      session();
      const many = Array.from({ length: 25 }, (_, i) => `page${i}`);
      sessionStorage.setItem(CLOSED_KEY, JSON.stringify(many));
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(closedPages()).to.deep.equal([...many.slice(-19), PAGE_ID]);
    });

    it('pageshow from the back/forward cache unmarks this page and tells onHandover listeners', () => {
      const store = session();
      let revived = 0;
      const stop = store.onHandover(() => revived++);
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      expect(closedPages()).to.include(PAGE_ID);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      expect(revived, 'an ordinary pageshow is not a revival').to.equal(0);
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(closedPages()).to.not.include(PAGE_ID);
      expect(revived).to.equal(1);
      stop();
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(revived).to.equal(1);
    });

    it('a session of this page that leaves tells the others, a microtask later, that its messages may be taken', async () => {
      await new Promise((resolve) => setTimeout(resolve, 0)); // earlier tests' leaves are told by now
      const a = session();
      const b = session();
      a.open();
      b.open();
      let told = 0;
      const stop = b.onHandover(() => told++);
      a.close();
      expect(told, 'not synchronously: an element only moved comes back at once').to.equal(0);
      await null;
      expect(told).to.equal(1);
      a.close();
      await null;
      expect(told, 'once per leave').to.equal(1);
      stop();
    });

    it('this page\'s own sessions are judged by liveness, not by the closed-pages marker', () => {
      const a = session();
      const b = session();
      a.open();
      b.open();
      a.write([message('a1', 1)]);
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(b.claim(), 'a is still live on this page').to.deep.equal([]);
    });
  });
});
