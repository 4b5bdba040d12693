import { expect } from '@open-wc/testing';
import { Outbox, type StoredOutgoing } from '../../../src/model/outbox.js';
import { forgetOutbox, OutboxStore, PAGE_ID } from '../../../src/session/outbox-store.js';
import { newId, outboxKey } from '../../../src/session/storage.js';

// The stored outbox as sessions, pages and tabs share it, in this page's real storage and
// Web Locks. Another tab's page ("another page") is simulated by a key owned by another
// page id, written in the format store.ts writes, and by holding that page's Web Lock
// here while it is meant to be alive. Without Web Locks (BroadcastChannel stubbed away),
// everything lives in sessionStorage and only the closed-pages marker tells pages apart.

const CLOSED_KEY = 'gws-chat:closed-pages';
const URL = 'https://gws.example.com/genesys/2/chat/customer-support';
/** Older than the 3 s a page may take to hold its lock. */
const LONG_AGO = () => Date.now() - 10_000;

/** A message as a session hands it to `write()`. */
function message(id: string, time: number, extra: Partial<StoredOutgoing> = {}): StoredOutgoing {
  return { id, text: `text of ${id}`, time, afterIndex: 0, accepted: false, attempted: false, ...extra };
}

/** Lets queued microtasks (a leaving session's handover) and pending lock grants run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Where the store keeps things now: localStorage where tabs share a chat. */
const area = (): Storage =>
  typeof globalThis.BroadcastChannel === 'function' ? localStorage : sessionStorage;

/** What is stored in one owner's key, as raw JSON (or `null`). */
function raw(key: string): Record<string, unknown> | null {
  const text = area().getItem(key);
  return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
}

/** The ids stored as items in one owner's key. */
const itemIds = (key: string): string[] =>
  ((raw(key)?.['items'] as StoredOutgoing[] | undefined) ?? []).map((i) => i.id);

/** The outbox keys of an interaction, without the interaction's prefix (i.e. the owners). */
function owners(key: string): string[] {
  const found: string[] = [];
  const s = area();
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(`${key}|`)) found.push(k.slice(key.length + 1));
  }
  return found.sort();
}

const closedPages = (): unknown => JSON.parse(sessionStorage.getItem(CLOSED_KEY) ?? '[]');

/** Runs `fn` as in a browser without Web Locks / BroadcastChannel (each tab alone). */
async function withoutTabSharing<T>(fn: () => T | Promise<T>): Promise<T> {
  const saved = globalThis.BroadcastChannel;
  (globalThis as { BroadcastChannel: unknown }).BroadcastChannel = undefined;
  try {
    return await fn();
  } finally {
    globalThis.BroadcastChannel = saved;
  }
}

describe('OutboxStore', () => {
  let key: string;
  let stores: OutboxStore[];
  let releases: (() => Promise<void>)[];

  /** A store for one session of this page (a fresh session id); closed after the test. */
  function session(id = newId()): OutboxStore {
    const store = new OutboxStore(key, id);
    stores.push(store);
    return store;
  }

  /** Holds a Web Lock here (as another tab would) until the returned function is called. */
  async function hold(name: string): Promise<() => Promise<void>> {
    let release!: () => void;
    let granted!: () => void;
    const ready = new Promise<void>((resolve) => (granted = resolve));
    const done = navigator.locks.request(name, () => {
      granted();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await ready;
    let released = false;
    const stop = async () => {
      if (released) return;
      released = true;
      release();
      await done;
      // The lock manager learns of the release a little later: wait until it shows.
      for (let i = 0; i < 100; i++) {
        const { held = [] } = await navigator.locks.query();
        if (!held.some((l) => l.name === name)) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    releases.push(stop);
    return stop;
  }

  /** Another page that is alive: it holds its page lock. */
  async function livePage(page: string): Promise<() => Promise<void>> {
    return hold(`gws-chat:page:${page}`);
  }

  /** Stores messages as a session of another page would have left them. */
  function storeOf(owner: string, items: unknown[], at = LONG_AGO()): string {
    const k = `${key}|${owner}`;
    area().setItem(k, JSON.stringify({ v: 3, at, items }));
    return k;
  }

  const ids = (claimed: readonly { id: string }[]) => claimed.map((i) => i.id);

  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    key = outboxKey(URL, `chat-${newId()}`);
    stores = [];
    releases = [];
  });

  afterEach(async () => {
    for (const store of stores) store.close();
    for (const release of releases) await release();
    await settle(); // the closes' handovers are told before the next test counts its own
    localStorage.clear();
    sessionStorage.clear();
  });

  describe('where it is kept', () => {
    it('is localStorage, shared by the tabs, when they can share a chat', () => {
      const a = session();
      a.open();
      a.write([message('a1', 1)]);
      expect(localStorage.getItem(`${key}|${a.owner}`)).to.not.equal(null);
      expect(sessionStorage.getItem(`${key}|${a.owner}`)).to.equal(null);
    });

    it('is sessionStorage, the tab\'s own, without Web Locks or BroadcastChannel', async () => {
      const a = session();
      a.open();
      await withoutTabSharing(() => a.write([message('a1', 1)]));
      expect(sessionStorage.getItem(`${key}|${a.owner}`)).to.not.equal(null);
      expect(localStorage.getItem(`${key}|${a.owner}`)).to.equal(null);
    });
  });

  describe('two sessions on one page', () => {
    it('each writes only its own key (page/session), never the other one\'s', () => {
      const a = session('A');
      const b = session('B');
      a.open();
      b.open();
      expect(a.owner).to.equal(`${PAGE_ID}/A`);
      const before = Date.now();
      a.write([message('a1', 1), message('a2', 3)]);
      b.write([message('b1', 2)]);
      a.write([message('a2', 3)]); // a1 was delivered
      expect(owners(key)).to.deep.equal([a.owner, b.owner].sort());
      expect(raw(`${key}|${a.owner}`)).to.deep.include({ v: 3, items: [message('a2', 3)] });
      expect(raw(`${key}|${a.owner}`)!['at']).to.be.within(before, Date.now());
      expect(raw(`${key}|${b.owner}`)).to.deep.include({ v: 3, items: [message('b1', 2)] });
      // Nothing left to deliver: only our key goes.
      a.write([]);
      expect(owners(key)).to.deep.equal([b.owner]);
      expect(itemIds(`${key}|${b.owner}`)).to.deep.equal(['b1']);
    });

    it('claim() resolves with our own messages, oldest first, and leaves a live session\'s alone', async () => {
      const a = session();
      const b = session();
      a.open();
      b.open();
      a.write([message('a1', 10)]);
      b.write([message('b2', 30), message('b1', 20)]);
      const claimed = await b.claim();
      expect(claimed.map((i) => [i.id, i.owner])).to.deep.equal([['b1', b.owner], ['b2', b.owner]]);
      expect(itemIds(`${key}|${a.owner}`)).to.deep.equal(['a1']);
      expect([...a.takenByOthers()]).to.deep.equal([]);
      expect(ids(await a.claim())).to.deep.equal(['a1']);
    });

    it('claim() takes a closed session\'s messages, leaving a tombstone its owner reads', async () => {
      const a = session();
      const b = session();
      a.open();
      b.open();
      b.write([message('b1', 20)]);
      a.write([message('a1', 10, { attempted: true }), message('a2', 30)]);
      a.close();
      const claimed = await b.claim();
      expect(claimed.map((i) => [i.id, i.owner, i.attempted])).to.deep.equal([
        ['a1', b.owner, true], ['b1', b.owner, false], ['a2', b.owner, false],
      ]);
      expect(itemIds(`${key}|${b.owner}`), 'the takeover is stored in our key').to.deep.equal(['a1', 'b1', 'a2']);
      const tombstone = raw(`${key}|${a.owner}`)!;
      expect(tombstone).to.deep.include({ v: 3, takenBy: b.owner, ids: ['a1', 'a2'] });
      expect(tombstone['items']).to.equal(undefined);
      // Back again, the first session learns they are another's to deliver now.
      a.open();
      expect(a.takenByOthers()).to.deep.equal(new Set(['a1', 'a2']));
      expect(await a.claim()).to.deep.equal([]);
      expect(owners(key), 'its claim removes the tombstone it read').to.deep.equal([b.owner]);
    });

    it('a message both keys hold is delivered once, by the one that claims', async () => {
      const a = session();
      const b = session();
      a.open();
      b.open();
      a.write([message('m1', 1)]);
      b.write([message('m1', 1), message('b1', 2)]);
      a.close();
      expect(ids(await b.claim())).to.deep.equal(['m1', 'b1']);
    });
  });

  describe('messages of another page (another tab)', () => {
    it('are not taken while that page holds its lock, however old its record', async () => {
      const other = `other${newId()}`;
      const release = await livePage(other);
      const theirs = storeOf(`${other}/S1`, [message('x1', 1)]);
      const mine = session();
      mine.open();
      expect(await mine.claim()).to.deep.equal([]);
      expect(itemIds(theirs)).to.deep.equal(['x1']);
      expect(mine.takenByOthers()).to.deep.equal(new Set());
      // Once the page is gone (its lock free), they are ours.
      await release();
      expect(ids(await mine.claim())).to.deep.equal(['x1']);
      // Between tabs the page's lock, now held here, says whose they are: no tombstone.
      expect(raw(theirs)).to.equal(null);
    });

    it('are taken when that page is gone (lock free) and its record is older than 3 s', async () => {
      const other = `other${newId()}`;
      const theirs = storeOf(`${other}/S1`, [message('x2', 2, { accepted: true }), message('x1', 1)]);
      const mine = session();
      mine.open();
      mine.write([message('m1', 1.5)]);
      const claimed = await mine.claim();
      expect(claimed.map((i) => [i.id, i.owner, i.accepted])).to.deep.equal([
        ['x1', mine.owner, false], ['m1', mine.owner, false], ['x2', mine.owner, true],
      ]);
      expect(itemIds(`${key}|${mine.owner}`)).to.deep.equal(['x1', 'm1', 'x2']);
      expect(raw(theirs)).to.equal(null);
    });

    it('are not taken within 3 s of their last write, even with the lock free (a page not holding it yet)', async () => {
      const other = `other${newId()}`;
      const theirs = storeOf(`${other}/S1`, [message('x1', 1)], Date.now());
      const mine = session();
      mine.open();
      expect(await mine.claim()).to.deep.equal([]);
      expect(itemIds(theirs)).to.deep.equal(['x1']);
      // The same record, written long ago: taken.
      storeOf(`${other}/S1`, [message('x1', 1)]);
      expect(ids(await mine.claim())).to.deep.equal(['x1']);
    });

    it('the page that comes back learns that its messages were taken', async () => {
      // As the other page sees it: its key holds a tombstone naming our ids.
      const other = session();
      other.open();
      const theirKey = `${key}|${other.owner}`;
      area().setItem(theirKey, JSON.stringify({ v: 3, at: Date.now(), takenBy: 'page2/S', ids: ['o1', 'o2'] }));
      expect(other.takenByOthers()).to.deep.equal(new Set(['o1', 'o2']));
    });
  });

  describe('claims at the same time', () => {
    it('two sessions never both get the same message of a closed session', async () => {
      const a = session();
      const b = session();
      const c = session();
      a.open();
      b.open();
      c.open();
      a.write([message('a1', 1), message('a2', 2)]);
      a.close();
      const [byB, byC] = await Promise.all([b.claim(), c.claim()]);
      const all = [...ids(byB), ...ids(byC)].sort();
      expect(all).to.deep.equal(['a1', 'a2']);
      expect(ids(byB).length === 0 || ids(byC).length === 0, 'one takes them all').to.equal(true);
    });

    it('two sessions never both get the same message of a gone page', async () => {
      storeOf(`gone${newId()}/S1`, [message('x1', 1)]);
      storeOf(`gone${newId()}/S2`, [message('y1', 2)]);
      const b = session();
      const c = session();
      b.open();
      c.open();
      const results = await Promise.all([b.claim(), c.claim(), b.claim(), c.claim()]);
      const all = results.flatMap(ids);
      // b's second claim returns b's own messages again: count per session.
      const byB = new Set([...ids(results[0]!), ...ids(results[2]!)]);
      const byC = new Set([...ids(results[1]!), ...ids(results[3]!)]);
      expect([...byB].filter((id) => byC.has(id)), 'delivered by both').to.deep.equal([]);
      expect(new Set(all)).to.deep.equal(new Set(['x1', 'y1']));
    });

    it('waits for another tab\'s claim (the claim lock) and sees what it took', async () => {
      // Another tab is claiming: it holds the claim lock while it moves a gone page's messages.
      const gone = storeOf(`gone${newId()}/S1`, [message('x1', 1)]);
      const tab2 = `tab${newId()}`;
      await livePage(tab2);
      const releaseClaim = await hold(`gws-chat:claim:${key}`);
      const mine = session();
      mine.open();
      let resolved = false;
      const claiming = mine.claim().then((claimed) => {
        resolved = true;
        return claimed;
      });
      await settle();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(resolved, 'claim() waits for the lock').to.equal(false);
      // What the other tab's claim writes before it lets go.
      area().setItem(gone, JSON.stringify({ v: 3, at: Date.now(), takenBy: `${tab2}/T`, ids: ['x1'] }));
      storeOf(`${tab2}/T`, [message('x1', 1)]);
      await releaseClaim();
      expect(await claiming, 'taken by the other tab already').to.deep.equal([]);
      expect(itemIds(`${key}|${tab2}/T`)).to.deep.equal(['x1']);
    });
  });

  describe('tombstones', () => {
    it('of a gone page are removed; of a live page, or a recent one, kept', async () => {
      const live = `live${newId()}`;
      await livePage(live);
      const tomb = (at: number) => ({ v: 3, at, takenBy: 'x/y', ids: ['t1'] });
      const gone = `${key}|gone${newId()}/S`;
      const recent = `${key}|recent${newId()}/S`;
      const alive = `${key}|${live}/S`;
      area().setItem(gone, JSON.stringify(tomb(LONG_AGO())));
      area().setItem(recent, JSON.stringify(tomb(Date.now())));
      area().setItem(alive, JSON.stringify(tomb(LONG_AGO())));
      const mine = session();
      mine.open();
      expect(await mine.claim()).to.deep.equal([]);
      expect(area().getItem(gone)).to.equal(null);
      expect(area().getItem(recent)).to.not.equal(null);
      expect(area().getItem(alive)).to.not.equal(null);
    });

    it('the one we read in our own key is replaced by our next write', async () => {
      const a = session();
      a.open();
      area().setItem(`${key}|${a.owner}`, JSON.stringify({ v: 3, at: Date.now(), takenBy: 'p/s', ids: ['a1'] }));
      expect([...a.takenByOthers()]).to.deep.equal(['a1']);
      a.write([message('a2', 2)]);
      expect([...a.takenByOthers()]).to.deep.equal([]);
      expect(ids(await a.claim())).to.deep.equal(['a2']);
    });

    // A closed session's tombstone stays while it may come back: else it would deliver the
    // messages it still holds in memory, which the taker delivers too.
    it('a closed session that comes back still learns its messages were taken, after further claims', async () => {
      const a = session();
      const b = session();
      const c = session();
      a.open();
      b.open();
      c.open();
      a.write([message('a1', 1)]);
      a.close();
      // Both other sessions are told of the handover and claim.
      const [byB, byC] = await Promise.all([b.claim(), c.claim()]);
      expect([...ids(byB), ...ids(byC)]).to.deep.equal(['a1']);
      a.open();
      expect([...a.takenByOthers()]).to.deep.equal(['a1']);
    });
  });

  describe('the stored form, across versions', () => {
    /**
     * One message in each delivery state, as the version before the delivery union wrote
     * them (its `Outbox.toStored()`, verbatim): queued, sending, accepted, unconfirmed,
     * waiting for its automatic retry, refused.
     */
    const WRITTEN_BEFORE = '[{"id":"old1","text":"queued words","accepted":false,"afterIndex":3,"time":1000,"attempted":false},'
      + '{"id":"old2","text":"sending words","accepted":false,"afterIndex":3,"time":1001,"attempted":true,"deadline":16001},'
      + '{"id":"old3","text":"accepted words","accepted":true,"afterIndex":3,"time":1002,"attempted":false},'
      + '{"id":"old4","text":"unconfirmed words","accepted":false,"afterIndex":3,"time":1003,"attempted":true,"deadline":16003},'
      + '{"id":"old5","text":"retrying words","accepted":false,"afterIndex":3,"time":1004,"attempted":false},'
      + '{"id":"old6","text":"refused words","accepted":false,"afterIndex":3,"time":1005,"attempted":false,'
      + '"refused":"The server answered 400: Bad request."}]';

    it('a record the previous version wrote loads: each message in the state it stood for', async () => {
      const mine = session();
      mine.open();
      area().setItem(`${key}|${mine.owner}`, `{"v":3,"at":${Date.now()},"locked":true,"items":${WRITTEN_BEFORE}}`);
      const outbox = new Outbox();
      outbox.restore(await mine.claim(), 20_000);
      expect(outbox.items.map((i) => [i.key, i.status, i.delivery, i.attempts])).to.deep.equal([
        ['old1', 'waiting', { state: 'queued' }, 0],
        // Its request was out: the server may have it; settled by a catch-up after its deadline.
        ['old2', 'waiting', { state: 'unconfirmed', since: 20_000, deadline: 16_001 }, 0],
        ['old3', 'sending', { state: 'accepted', at: 1_002 }, 0],
        ['old4', 'waiting', { state: 'unconfirmed', since: 20_000, deadline: 16_003 }, 0],
        // Turned away for now: queued again (at least once) on the next page.
        ['old5', 'waiting', { state: 'queued' }, 0],
        ['old6', 'failed', { state: 'failed', reason: 'server', error: 'The server answered 400: Bad request.' }, 1],
      ]);
    });

    it('this version writes the same form for the same states (a page of either version reads the other\'s)', async () => {
      const outbox = new Outbox('old');
      const put = (text: string, time: number) => outbox.add(text, 3, time).key;
      put('queued words', 1_000);
      outbox.update(put('sending words', 1_001), { state: 'sending', deadline: 16_001 });
      outbox.update(put('accepted words', 1_002), { state: 'accepted', at: 1_500 });
      outbox.update(put('unconfirmed words', 1_003), { state: 'unconfirmed', since: 2_000, deadline: 16_003 });
      outbox.update(put('retrying words', 1_004), { state: 'retrying', at: 9_000, reason: 'server', error: 'The server answered 503: Busy.' }, 1);
      outbox.update(put('refused words', 1_005), { state: 'failed', reason: 'server', error: 'The server answered 400: Bad request.' }, 1);
      const mine = session();
      mine.open();
      mine.write(outbox.toStored());
      expect(JSON.stringify(raw(`${key}|${mine.owner}`)!['items'])).to.equal(WRITTEN_BEFORE);
    });
  });

  describe('forgetOutbox', () => {
    it('removes every owner\'s key of the interaction, tombstones included, and nothing else', () => {
      const a = session();
      a.open();
      a.write([message('a1', 1)]);
      storeOf(`other${newId()}/S`, [message('x1', 1)]);
      area().setItem(`${key}|p/s`, JSON.stringify({ v: 3, at: 1, takenBy: 'q/r', ids: ['z'] }));
      const otherChat = outboxKey(URL, `chat-${newId()}`);
      area().setItem(`${otherChat}|p/s`, JSON.stringify({ v: 3, at: 1, items: [message('o1', 1)] }));
      area().setItem(key, 'an unrelated value under the bare prefix');
      forgetOutbox(key);
      expect(owners(key)).to.deep.equal([]);
      expect(area().getItem(`${otherChat}|p/s`)).to.not.equal(null);
      expect(area().getItem(key)).to.not.equal(null);
    });
  });

  describe('malformed storage', () => {
    it('is ignored: records that are not JSON or not objects, items that are not messages', async () => {
      const good = message('x1', 1);
      storeOf(`gone${newId()}/S1`, [
        good,
        { id: 7, text: 't', time: 1, afterIndex: 0, accepted: false, attempted: false },
        { ...message('bad1', 2), time: 'soon' },
        { ...message('bad2', 3), refused: 42 },
        null,
        'x',
      ]);
      area().setItem(`${key}|gone${newId()}/S2`, '{not json');
      area().setItem(`${key}|gone${newId()}/S3`, '42');
      area().setItem(`${key}|gone${newId()}/S4`, JSON.stringify({ v: 3, at: LONG_AGO(), items: 'no list' }));
      const mine = session();
      mine.open();
      const claimed = await mine.claim();
      expect(claimed).to.deep.equal([{ ...good, owner: mine.owner }]);
      expect(itemIds(`${key}|${mine.owner}`)).to.deep.equal(['x1']);
    });

    it('is ignored in our own key: a malformed tombstone or record', async () => {
      const a = session();
      a.open();
      const own = `${key}|${a.owner}`;
      area().setItem(own, JSON.stringify({ v: 3, at: 1, takenBy: 'p/s', ids: [1, 'a1', null] }));
      expect([...a.takenByOthers()]).to.deep.equal(['a1']);
      area().setItem(own, '{broken');
      expect([...a.takenByOthers()]).to.deep.equal([]);
      expect(await a.claim()).to.deep.equal([]);
      area().setItem(own, JSON.stringify({ v: 3, at: 1, items: [message('a1', 1), { id: 'a2' }] }));
      expect(ids(await a.claim())).to.deep.equal(['a1']);
    });
  });

  describe('handover', () => {
    it('a session of this page that leaves tells the others, a microtask later, once', async () => {
      await settle();
      const a = session();
      const b = session();
      a.open();
      b.open();
      let told = 0;
      const stop = b.onHandover(() => told++);
      a.close();
      expect(told, 'not synchronously: an element only moved comes back at once').to.equal(0);
      await settle();
      expect(told).to.equal(1);
      a.close();
      await settle();
      expect(told, 'once per leave').to.equal(1);
      stop();
      b.close();
      await settle();
      expect(told, 'not after stopping').to.equal(1);
    });
  });

  describe('without Web Locks (each tab alone)', () => {
    it('takes another page\'s messages only when that page of this tab was closed', async () => {
      await withoutTabSharing(async () => {
        const other = `other${newId()}`;
        // Old and unlocked (taken with Web Locks): here only the closed-pages marker decides.
        const theirs = storeOf(`${other}/S1`, [message('x1', 1)], LONG_AGO());
        sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['someotherpage']));
        const mine = session();
        mine.open();
        // A duplicated tab starts with a copy of the original's storage while the original
        // page lives: the copy must never send the original's messages.
        expect(await mine.claim()).to.deep.equal([]);
        expect(itemIds(theirs)).to.deep.equal(['x1']);
        sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['someotherpage', other]));
        expect(ids(await mine.claim())).to.deep.equal(['x1']);
        expect(raw(theirs)).to.equal(null);
        expect(localStorage.length, 'nothing in localStorage').to.equal(0);
      });
    });

    it('ignores a malformed closed-pages marker', async () => {
      await withoutTabSharing(async () => {
        const other = `other${newId()}`;
        storeOf(`${other}/S1`, [message('x1', 1)]);
        sessionStorage.setItem(CLOSED_KEY, `{"not": "a list"`);
        const mine = session();
        mine.open();
        expect(await mine.claim()).to.deep.equal([]);
        sessionStorage.setItem(CLOSED_KEY, JSON.stringify([42, other]));
        expect(ids(await mine.claim())).to.deep.equal(['x1']);
      });
    });

    it('pagehide records this page as closed (once, after the ones before; the last 20)', async () => {
      await withoutTabSharing(() => {
        session();
        sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['earlier', PAGE_ID]));
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
        expect(closedPages()).to.deep.equal(['earlier', PAGE_ID]);
        sessionStorage.setItem(CLOSED_KEY, JSON.stringify(['earlier']));
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
        expect(closedPages()).to.deep.equal(['earlier', PAGE_ID]);
        const many = Array.from({ length: 25 }, (_, i) => `page${i}`);
        sessionStorage.setItem(CLOSED_KEY, JSON.stringify(many));
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
        expect(closedPages()).to.deep.equal([...many.slice(-19), PAGE_ID]);
      });
    });

    it('pageshow from the back/forward cache unmarks this page and tells onHandover listeners', async () => {
      await settle();
      await withoutTabSharing(() => {
        const store = session();
        let revived = 0;
        const stop = store.onHandover(() => revived++);
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
        expect(closedPages()).to.include(PAGE_ID);
        window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
        expect(revived, 'an ordinary pageshow is not a revival').to.equal(0);
        expect(closedPages()).to.include(PAGE_ID);
        window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
        expect(closedPages()).to.not.include(PAGE_ID);
        expect(revived).to.equal(1);
        stop();
        window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
        expect(revived).to.equal(1);
      });
    });

    it('this page\'s own sessions are judged by liveness, not by the closed-pages marker', async () => {
      await withoutTabSharing(async () => {
        const a = session();
        const b = session();
        a.open();
        b.open();
        a.write([message('a1', 1)]);
        window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
        expect(await b.claim(), 'a is still live on this page').to.deep.equal([]);
        a.close();
        expect(ids(await b.claim())).to.deep.equal(['a1']);
      });
    });
  });
});
