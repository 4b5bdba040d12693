// One chat across the customer's tabs over one connection: several pages of the site (in
// frames of this test page: one browser context, so they share Web Locks, BroadcastChannel
// and localStorage, as tabs do) against the real CometD server. Only this file uses /gws7.
import { expect } from '@open-wc/testing';
import { closeTab, leaders, serverView as serverViewOf, shown, Tabs, type OpenedTab } from '../support/frames.js';
import { outage, recover, restOn, serverStats, waitFor } from '../support/gws.js';

const BASE = '/gws7/api/v2';
const URL7 = `${BASE}/notifications`;
const rest7 = <T = unknown>(method: string, ...args: unknown[]) => restOn<T>(BASE, method, ...args);
const agent7 = (id: string, action: string, o: Record<string, unknown> = {}) => rest7('agent', id, action, o);

type Opened = OpenedTab;
const tabsOpen = new Tabs(URL7);
/** Opens a tab of the site with a session that follows whatever chat is remembered (or `interactionId`). */
const openTab = (options: Record<string, unknown> = {}) => tabsOpen.open(options);
const reloadTab = (t: Opened, options: Record<string, unknown> = {}) => tabsOpen.reload(t, options);
const serverView = (id: string) => serverViewOf(BASE, id);

async function allShowServerLog(tabs: Opened[], id: string, timeout = 20_000): Promise<void> {
  // Nothing of the customer's on its way any more: the server's log is final.
  await waitFor(() => tabs.every((t) => t.session.pendingMessages.length === 0), 'messages still on their way', { timeout });
  const want = await serverView(id);
  for (const [i, t] of tabs.entries()) {
    await waitFor(() => shown(t.session).length >= want.length && t.session.pendingMessages.length === 0,
      `tab ${i + 1} shows ${shown(t.session).length} of ${want.length} (${t.session.connectionState})`, { timeout });
    expect(shown(t.session), `tab ${i + 1}`).to.deep.equal(want);
  }
}

const sent = async (id: string) => (await rest7<{ operationName: string; body: Record<string, unknown> }[]>('received', id))
  .filter((r) => r.operationName === 'SendMessage').map((r) => r.body['text']);
const connectedTabs = (tabs: Opened[]) => waitFor(() => tabs.every((t) => t.session.connectionState === 'connected'),
  `not all connected (${tabs.map((t) => t.session.connectionState).join(', ')})`, { timeout: 15_000 });

/** Three tabs of one chat the first one started, all connected and chatting. */
async function threeTabs(): Promise<{ tabs: Opened[]; id: string }> {
  const first = await openTab();
  const id = await first.session.startChat({ nickname: 'PersonP' });
  await agent7(id, 'join');
  await waitFor(() => first.session.state === 'Chatting');
  await new Promise((r) => setTimeout(r, 400)); // the transcript is stored within 300 ms
  const tabs = [first, await openTab(), await openTab()];
  await connectedTabs(tabs);
  return { tabs, id };
}

afterEach(async function () {
  // The wait below takes up to 20 s: the hook may take longer than a test's 10 s.
  this.timeout(30_000);
  tabsOpen.closeAll();
  await recover(BASE);
  localStorage.clear();
  sessionStorage.clear();
  // Every tab gone: the server drops their session.
  await waitFor(async () => (await serverStats(BASE)).sessions === 0, 'sessions left', { timeout: 20_000 });
});

describe('one chat across tabs', function () {
  this.timeout(90_000);

  it('shows the chat at once in a second and third tab, over one CometD session', async () => {
    const first = await openTab();
    const id = await first.session.startChat({ nickname: 'PersonP' });
    await agent7(id, 'join');
    await agent7(id, 'say', { text: 'Hello from Marat' });
    await waitFor(() => first.session.messages.length === 3);
    await new Promise((r) => setTimeout(r, 400));
    const second = await openTab();
    // At once, before any network: the same chat, its transcript and state.
    expect(second.session.interactionId).to.equal(id);
    expect(shown(second.session)).to.deep.equal(shown(first.session));
    expect(second.session.state).to.equal('Chatting');
    const third = await openTab();
    const tabs = [first, second, third];
    await connectedTabs(tabs);
    const stats = await serverStats(BASE);
    expect(stats.sessions, 'one CometD session for three tabs').to.equal(1);
    expect(stats.subscribers['/v2/me/chats']).to.equal(1);
    expect(leaders(tabs)).to.have.length(1);
    // Live: what the agent says reaches every tab.
    await agent7(id, 'say', { text: 'Everyone hears this' });
    await allShowServerLog(tabs, id);
  });

  it('sends from each tab in turn, and from two at once: each message once, in every tab', async () => {
    const { tabs, id } = await threeTabs();
    for (const [i, t] of tabs.entries()) await t.session.send(`from tab ${i + 1}`);
    await Promise.all([tabs[1]!.session.send('both at once (2)'), tabs[2]!.session.send('both at once (3)')]);
    await allShowServerLog(tabs, id);
    const texts = await sent(id);
    expect(texts.slice(0, 3)).to.deep.equal(['from tab 1', 'from tab 2', 'from tab 3']);
    expect([...texts.slice(3)].sort()).to.deep.equal(['both at once (2)', 'both at once (3)']);
  });

  it('a tab takes over within about a second when the leader closes, while the agent types and talks', async () => {
    const { tabs, id } = await threeTabs();
    const [leader] = leaders(tabs);
    expect(leader, 'a leader').to.not.equal(undefined);
    const others = tabs.filter((t) => t !== leader);
    await agent7(id, 'typing');
    await waitFor(() => others.every((t) => t.session.typingParticipants.length === 1), 'typing not relayed');
    const closedAt = performance.now();
    closeTab(leader!);
    await agent7(id, 'say', { text: 'said during the handover' });
    await waitFor(() => leaders(others).length === 1, 'no tab took over', { timeout: 10_000 });
    await connectedTabs(others);
    const takeover = performance.now() - closedAt;
    await agent7(id, 'say', { text: 'said after the handover' });
    await allShowServerLog(others, id);
    expect(takeover, 'takeover time (ms)').to.be.below(5000);
    expect((await serverStats(BASE)).subscribers['/v2/me/chats']).to.equal(1);
  });

  it('survives a server restart with three tabs open', async () => {
    const { tabs, id } = await threeTabs();
    await outage(BASE);
    await waitFor(() => tabs.every((t) => t.session.connectionState === 'reconnecting'), 'not all noticed', { timeout: 20_000 });
    await agent7(id, 'say', { text: 'said during the outage', silent: true });
    void tabs[2]!.session.send('typed during the outage').catch(() => {});
    await recover(BASE);
    await connectedTabs(tabs);
    await allShowServerLog(tabs, id, 40_000);
    expect(await sent(id)).to.deep.equal(['typed during the outage']);
    expect((await serverStats(BASE)).sessions).to.equal(1);
  });

  it('ends the chat in every tab when a follower ends it', async () => {
    const { tabs } = await threeTabs();
    const follower = tabs.find((t) => t.tab.openConnectionCount() === 0)!;
    await follower.session.endChat();
    await waitFor(() => tabs.every((t) => t.session.ended), 'not ended everywhere');
    // Forgotten: a new tab follows nothing.
    const later = await openTab();
    expect(later.session.status).to.deep.equal({ kind: 'idle' });
  });

  it('a leader that reloads: another tab leads, the reloaded one follows the chat again', async () => {
    const { tabs, id } = await threeTabs();
    const leader = leaders(tabs)[0]!;
    const reloaded = await reloadTab(leader);
    const now = tabs.map((t) => (t === leader ? reloaded : t));
    expect(reloaded.session.interactionId, 'the chat, at once').to.equal(id);
    await connectedTabs(now);
    await waitFor(() => leaders(now).length === 1, 'not one leader');
    await agent7(id, 'say', { text: 'after the reload' });
    await reloaded.session.send('sent from the reloaded tab');
    await allShowServerLog(now, id);
    expect(await sent(id)).to.deep.equal(['sent from the reloaded tab']);
  });

  it('a leader whose page is left (reload, navigation) says goodbye with a keepalive request, which survives the unload', async () => {
    const { tabs } = await threeTabs();
    const leader = leaders(tabs)[0]!;
    const goodbyes: { url: string; keepalive: boolean; body: string }[] = [];
    const original = leader.tab.fetch.bind(leader.tab);
    leader.tab.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/disconnect')) goodbyes.push({ url, keepalive: init?.keepalive === true, body: String(init?.body ?? '') });
      return original(input, init);
    };
    leader.tab.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(goodbyes.map((g) => g.keepalive), 'a keepalive /meta/disconnect').to.deep.equal([true]);
    expect(goodbyes[0]!.body).to.contain('/meta/disconnect');
    const others = tabs.filter((t) => t !== leader);
    await waitFor(() => leaders(others).length === 1, 'no tab took over', { timeout: 10_000 });
    closeTab(leader);
  });

  it('copies notifications to the other tabs only while another tab follows the chat (a long history alone costs no copy)', async () => {
    const copies: unknown[] = [];
    const channel = new BroadcastChannel(`gws-chat:${new URL(URL7, location.href).href}`);
    channel.onmessage = (e: MessageEvent) => {
      if ((e.data as { t?: string }).t === 'n') copies.push(e.data);
    };
    try {
      const first = await openTab();
      const id = await first.session.startChat({ nickname: 'PersonP' });
      await agent7(id, 'join');
      await agent7(id, 'say', { text: 'to one tab' });
      await waitFor(() => shown(first.session).some((m) => m.endsWith(':to one tab')));
      expect(copies, 'copies while the tab is alone').to.have.length(0);
      const second = await openTab();
      await connectedTabs([first, second]);
      await agent7(id, 'say', { text: 'to two tabs' });
      await waitFor(() => shown(second.session).some((m) => m.endsWith(':to two tabs')), 'the second tab never heard it');
      await waitFor(() => copies.length > 0, 'no copy on the channel');
    } finally {
      channel.close();
    }
  });

  it('a leader that is frozen hands over, says goodbye to the server, and follows again when resumed', async () => {
    const { tabs, id } = await threeTabs();
    const leader = leaders(tabs)[0]!;
    const others = tabs.filter((t) => t !== leader);
    leader.tab.document.dispatchEvent(new Event('freeze'));
    await waitFor(() => leaders(others).length === 1, 'no tab took over', { timeout: 10_000 });
    await connectedTabs(others);
    // Its session ended at once (a keepalive /meta/disconnect), not at the server's timeout.
    await waitFor(async () => (await serverStats(BASE)).sessions === 1, 'the frozen leader\'s session stayed', { timeout: 5000 });
    leader.tab.document.dispatchEvent(new Event('resume'));
    await agent7(id, 'say', { text: 'after the resume' });
    await connectedTabs(tabs);
    expect(leaders(tabs), 'still one leader').to.have.length(1);
    await allShowServerLog(tabs, id);
  });
});

describe('back from the back/forward cache without resume (Firefox and Safari)', function () {
  this.timeout(90_000);

  /** What Firefox and Safari fire around the back/forward cache: no freeze, no resume. */
  const throughTheCache = (t: Opened) => {
    t.tab.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    t.tab.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  };

  it('a single tab connects again (a new CometD session), shows what the agent says and delivers what is sent', async () => {
    const tab = await openTab();
    const id = await tab.session.startChat({ nickname: 'PersonP' });
    await agent7(id, 'join');
    await waitFor(() => tab.session.state === 'Chatting');
    await connectedTabs([tab]);
    const before = await serverStats(BASE);
    throughTheCache(tab);
    const sending = tab.session.send('typed right after coming back');
    await waitFor(async () => (await serverStats(BASE)).handshakes > before.handshakes, 'no new CometD session', { timeout: 10_000 });
    await connectedTabs([tab]);
    await sending;
    for (const text of ['first after the cache', 'second after the cache']) await agent7(id, 'say', { text });
    await allShowServerLog([tab], id);
    expect(await sent(id)).to.deep.equal(['typed right after coming back']);
    expect(shown(tab.session).slice(-2)).to.deep.equal((await serverView(id)).slice(-2));
    expect((await serverStats(BASE)).sessions, 'one CometD session').to.equal(1);
  });

  it('a restored leader whose other tab closes leads again: connects, shows what the agent says, delivers what is sent', async () => {
    const first = await openTab();
    const id = await first.session.startChat({ nickname: 'PersonP' });
    await agent7(id, 'join');
    await waitFor(() => first.session.state === 'Chatting');
    await new Promise((r) => setTimeout(r, 400)); // the transcript is stored within 300 ms
    const tabs = [first, await openTab()];
    await connectedTabs(tabs);
    const restored = leaders(tabs)[0]!;
    const other = tabs.find((t) => t !== restored)!;
    throughTheCache(restored);
    await connectedTabs(tabs);
    closeTab(other);
    await waitFor(() => leaders([restored]).length === 1, `the restored tab never led (${restored.session.connectionState})`,
      { timeout: 10_000 });
    await connectedTabs([restored]);
    await agent7(id, 'say', { text: 'after the other tab closed' });
    await restored.session.send('sent from the restored tab');
    await allShowServerLog([restored], id);
    expect(await sent(id)).to.deep.equal(['sent from the restored tab']);
  });
});
