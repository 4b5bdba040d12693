// The stakeholder demo as a user meets it (issue 17): `npm start`'s server on a free port, the
// shop and the agent console in a second headless Chromium, one conversation both ways. The
// steps run in Node (test/demo/demo-driver.mjs, through the `demo-step` server command); each
// answers what the customer and the agent could see, and the assertions are here.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Seen { [key: string]: unknown }
interface PageError { phase: string; text: string }
interface Geometry { overflow: number; reply?: string; send?: string; start?: string }
const step = async <T = Seen>(name: string, arg?: string): Promise<T> =>
  ((await executeServerCommand('demo-step', { step: name, arg })) as { result: T }).result;
/** Asks a `…Settled` step again until it is done (each answer must come within 20 s); its last answer. */
async function settled<T extends { done: boolean }>(name: string, timeout: number): Promise<T> {
  const end = performance.now() + timeout;
  for (;;) {
    const seen = await step<T>(name);
    if (seen.done) return seen;
    if (performance.now() > end) throw new Error(`${name}: not done within ${timeout} ms: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the stakeholder demo: the shop and the agent console', function () {
  this.timeout(30_000);
  before(async () => {
    const { startupMs } = await step<{ startupMs: number }>('start');
    console.log(`demo server ready after ${startupMs} ms`);
  });
  after(() => step('stop'));

  it('starts a chat through the pre-chat form; the auto-agent greets; the console lists the chat by nickname', async () => {
    const seen = await step('prechat');
    expect(seen['listed']).to.match(/^Ada /);
    expect(seen['autoAgent']).to.include('auto-agent');
    expect(seen['customerShows']).to.include('How may I help you?');
  });

  it('shows typing both ways, and the auto-agent hands over the moment a person sends', async () => {
    const seen = await step('typing');
    expect(seen['customerTyping']).to.equal('Ada is typing…');
    expect(seen['handover']).to.include('took this chat over');
    expect(seen['agentTypingShown']).to.include('Ines is typing');
  });

  it('marks a message to agents only on the console and never shows it to the customer', async () => {
    const seen = await step<{ marked: string[]; customerShows: string; customerHolds: string }>('agentOnly');
    expect(seen.marked.some((t) => t.startsWith('Agents only') && t.includes('refund history'))).to.equal(true);
    // The line sent after it arrived: the note came first, and is not there.
    expect(seen.customerShows).to.include('left our workshop');
    for (const text of [seen.customerShows, seen.customerHolds]) {
      expect(text).to.not.include('refund history');
      expect(text).to.not.include('treat as VIP');
    }
  });

  it('gives the customer a link to a pushed URL', async () => {
    expect((await step('pushUrl'))['href']).to.equal('https://example.com/track/4411');
  });

  it('keeps the chat, open, on the next page of the site', async () => {
    expect(await step('nextPage')).to.deep.equal({ page: 'Wanderfalke touring · Kestrel Cycles', opened: true, sameChat: 1 });
  });

  it('through a dropped connection, a message from each side arrives once', async function () {
    this.timeout(60_000);
    const seen = await step('drop');
    expect(seen['banner']).to.include('dropped');
    expect(seen['customerStatus']).to.include('Reconnecting');
    expect(seen['stateWhenSent']).to.not.equal('connected');
    const after = await settled<{ done: boolean }>('dropSettled', 40_000);
    expect(after).to.include({ agentCopies: 1, customerCopies: 1, customerOwnCopies: 1 });
  });

  it('survives the console’s faults of one chat: an Error notification shown, a replay adding nothing, lines in order', async () => {
    const seen = await step<{ error: string; added: number; inOrder: boolean }>('faults');
    // The element's own words (a server's text is not shown as is).
    expect(seen.error).to.include('The server reported a problem with this chat.');
    // The replay of three entries added nothing; the line sent after it, one.
    expect(seen.added).to.equal(1);
    expect(seen.inOrder).to.equal(true);
  });

  it('through a restart of 8 s, holds the customer’s message and sends it once the server is back', async function () {
    this.timeout(60_000);
    expect((await step('restart'))['heldWhile']).to.deep.equal(['Held while the server restarted']);
    await settled('restartSettled', 45_000);
  });

  it('ends the chat; the transcript downloads with what the customer saw and nothing else', async () => {
    const { file, transcript } = await step<{ file: string; transcript: string }>('end');
    expect(file).to.match(/^chat-\d{4}-\d{2}-\d{2}\.txt$/);
    for (const line of ['You: Where is my order 4411?', 'Ines: Hi Ada', 'Ines: https://example.com/track/4411',
      'Ines: Written while you were offline', 'You: Sent while the line was down']) {
      expect(transcript).to.include(line);
    }
    expect(transcript).to.not.include('refund history');
  });

  it('drives the Facebook page from the console: an unread count, then a reply it shows', async () => {
    const seen = await step('facebook');
    expect(seen).to.deep.equal({ unread: '1 unread', unreadAfter: null });
  });

  it('fits every page at 390 px and at 200 % zoom: no sideways scrolling, the reply box and Send on screen', async () => {
    const pages = {
      ...await step<Record<string, Geometry>>('geometry', 'phone'),
      ...await step<Record<string, Geometry>>('geometry', 'zoom'),
    };
    for (const [page, g] of Object.entries(pages)) {
      expect(g.overflow, `${page} scrolls sideways`).to.equal(0);
      if (page.startsWith('/agent.html')) expect([g.reply, g.send], page).to.deep.equal(['visible', 'visible']);
      if (page.startsWith('/shop.html')) expect(g.start, page).to.equal('visible');
    }
    expect(Object.keys(pages)).to.have.length(18);
  });

  it('shows nothing red in any page’s console in normal use', async () => {
    const errors = await step<Record<string, PageError[]>>('errors');
    const counts = Object.fromEntries(Object.entries(errors).map(([page, list]) => [page, list.filter((e) => e.phase === 'normal use').length]));
    console.log(`console errors in normal use, per page: ${JSON.stringify(counts)}`);
    for (const [page, list] of Object.entries(errors)) {
      expect(list.filter((e) => e.phase === 'normal use').map((e) => e.text), page).to.deep.equal([]);
      // While the connection was down: only the simulator's requests failed.
      for (const e of list) expect(e.text, page).to.match(/^network: .*\/api\/v2\//);
    }
  });
});
