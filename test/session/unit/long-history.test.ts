import { expect, waitUntil } from '@open-wc/testing';
import { ChatSession } from '../../../src/session/chat-session.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';
import { FakeSender, FakeSource } from '../../support/fake-source.js';
import { AGENT, CUSTOMER, chatLog, chatState, wireMessage } from '../../support/gws.js';

// Pure tests of the engine with a long history in one notification (issue 16): it is parsed
// and applied in parts, a timer task each, newest part first. No server, no element: the
// test pushes notifications by hand and moves a fake clock.

async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

const URL = 'https://gws.example.com/api/v2/notifications';
const ALL = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'];
let ids = 0;
const newChatId = () => `LONG${Date.now().toString(36)}${++ids}`.toUpperCase();
const texts = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => wireMessage(from + i, 'Text', AGENT, { text: `m${from + i}` }));

const sessions: ChatSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.disconnect();
  localStorage.clear(); sessionStorage.clear();
});

/** A session following a chat, connected, its first catch-up answered with `log`. */
async function following(log: unknown[] = []) {
  const id = newChatId();
  const source = new FakeSource();
  const sender = new FakeSender();
  const scheduler = new FakeScheduler();
  const session = new ChatSession({ url: URL, interactionId: id, source: () => source, sender: sender.factory, scheduler, random: () => 0.5 });
  sessions.push(session);
  session.connect();
  source.state('connected');
  source.push(chatState(id, { state: 'Chatting', capabilities: ALL, participants: [CUSTOMER, AGENT] }));
  sender.gets[0]!.answer({ messages: log });
  await flush();
  /** The indices told by `gws-message`, in the order told, and by task (one list per task). */
  const told: number[][] = [];
  let task: number[] = [];
  session.addEventListener('gws-message', (e) => task.push(e.detail.message.index));
  /** Ends the current task of events, and runs the next timer task (one part). */
  const nextTask = async () => {
    if (task.length) told.push(task);
    task = [];
    scheduler.advance(16);
    await flush();
  };
  return { id, source, sender, scheduler, session, told, nextTask, taskSoFar: () => task };
}

const indices = (session: ChatSession) => session.messages.map((m) => m.index);
const ascending = (list: readonly number[]) => list.every((n, i) => i === 0 || n > list[i - 1]!);

describe('ChatSession: a long history in one notification', () => {
  it('is applied newest part first, then older parts a task each, every message told once and in log order within its part', async () => {
    const h = await following();
    h.source.push(chatLog(h.id, texts(1, 10_000)));
    // The task of the notification itself: only the newest messages.
    const first = indices(h.session);
    expect(first.length, 'entries after the first task').to.be.within(1, 1000);
    expect(first[first.length - 1]).to.equal(10_000);
    expect(first[0]).to.be.above(1);
    expect(h.session.transcript.filling, 'filling after the first task').to.equal(true);
    let tasks = 1;
    while (h.session.messages.length < 10_000) {
      expect(tasks, 'parts end').to.be.below(200);
      await h.nextTask();
      tasks++;
      expect(ascending(indices(h.session)), `order after task ${tasks}`).to.equal(true);
    }
    await h.nextTask();
    expect(tasks, 'tasks').to.be.above(5);
    expect(h.session.transcript.filling, 'filling at the end').to.equal(false);
    expect(indices(h.session)).to.deep.equal(texts(1, 10_000).map((m) => m['index']));
    // Events: every message once; within a task in log order; tasks newest part first.
    const all = h.told.flat();
    expect(all.length).to.equal(10_000);
    expect(new Set(all).size).to.equal(10_000);
    for (const part of h.told) expect(ascending(part), 'a part in log order').to.equal(true);
    for (let i = 1; i < h.told.length; i++) expect(h.told[i]![0], `part ${i} older than the one before`).to.be.below(h.told[i - 1]![0]!);
  });

  it('fills in whole in a hidden page without waiting for timers (a background tab slows them to one a minute)', async () => {
    const h = await following();
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')!;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      h.source.push(chatLog(h.id, texts(1, 3_000)));
      // The fake clock never moves: only tasks that are not timers let the parts in.
      await waitUntil(() => h.session.messages.length === 3_000 && !h.session.transcript.filling,
        `filled ${h.session.messages.length} of 3,000 in a hidden page`, { timeout: 3000 });
      expect(ascending(indices(h.session))).to.equal(true);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState')).to.deep.equal(visibility);
    }
  });

  it('says the filling ended with a change, even when the last part adds nothing visible', async () => {
    const h = await following();
    const hidden = texts(1, 1000).map((m) => ({ ...m, visibility: 'Agent' }));
    h.source.push(chatLog(h.id, [...hidden, ...texts(1001, 1300)]));
    expect(h.session.transcript.filling).to.equal(true);
    // What a view sees at the last change it is told of.
    let seen = true;
    h.session.addEventListener('change', () => { seen = h.session.transcript.filling; });
    for (let i = 0; i < 10; i++) await h.nextTask();
    expect(h.session.transcript.filling).to.equal(false);
    expect(seen, 'filling, at the last change').to.equal(false);
    expect(h.session.messages.length).to.equal(300);
  });

  it('drops the older parts when another chat is followed meanwhile', async () => {
    const h = await following();
    h.source.push(chatLog(h.id, texts(1, 5000)));
    const other = newChatId();
    h.session.configure({ interactionId: other });
    expect(h.session.transcript.filling).to.equal(false);
    for (let i = 0; i < 20; i++) await h.nextTask();
    expect(h.session.messages.length, 'messages of the old chat in the new one').to.equal(0);
  });

  it('finds no gap when an older part holds the next index, and one when none does', async () => {
    const h = await following(texts(1, 100));
    const reads = h.sender.gets.length;
    h.source.push(chatLog(h.id, texts(101, 5000)));
    expect(h.sender.gets.length, 'no catch-up: nothing is missing').to.equal(reads);
    for (let i = 0; i < 20; i++) await h.nextTask();
    expect(h.session.messages.length).to.equal(5000);

    const g = await following(texts(1, 100));
    const before = g.sender.gets.length;
    g.source.push(chatLog(g.id, texts(150, 5000)));
    expect(g.sender.gets.length, 'a catch-up for what is missing').to.equal(before + 1);
    expect(g.sender.gets[before]!.url).to.match(/[?&]fromIndex=100\b|\/messages\b/);
  });

  it('rejects a malformed message of an older part alone, naming its place, and keeps the rest', async () => {
    const h = await following();
    const problems: string[] = [];
    h.session.addEventListener('gws-error', (e) => problems.push(e.detail.message));
    const log: unknown[] = texts(1, 3000);
    log[1500] = { index: 1501, type: 'Text', visibility: 'All' };
    h.source.push(chatLog(h.id, log));
    for (let i = 0; i < 20; i++) await h.nextTask();
    expect(h.session.messages.length).to.equal(2999);
    expect(problems.length).to.equal(1);
    expect(problems[0]).to.contain('data.messages[1500]');
  });
});
