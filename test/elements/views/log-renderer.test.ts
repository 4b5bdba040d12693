import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CHUNK_SIZE, LogRenderer, REFRESH_SLICE } from '../../../src/elements/log-renderer.js';
import { DEFAULT_STRINGS } from '../../../src/i18n/languages.js';
import { Transcript } from '../../../src/model/transcript.js';
import { chatStyles } from '../../../src/styles/chat-styles.js';
import type { WireMessage } from '../../../src/protocol/types.js';

/** A throwaway host: a real transcript, its log kept by a `LogRenderer`. */
class LogHost extends LitElement {
  static override styles = chatStyles;
  readonly transcript = new Transcript();
  strings = DEFAULT_STRINGS;
  locale = 'en-US';
  readonly log = new LogRenderer(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.entries'),
    transcript: () => this.transcript,
    strings: () => this.strings,
    locale: () => this.locale,
  });

  protected override render() {
    return html`<div class="entries"></div>`;
  }
}
customElements.define('test-log-host', LogHost);

afterEach(() => fixtureCleanup());

const agent = { participantId: 'A1', nickname: 'Marat', type: 'Agent' };
const wire = (index: number, text = `m${index}`): WireMessage => ({
  index, type: 'Text', from: agent, text, url: '', visibility: 'All', time: Date.UTC(2024, 0, 1, 12, 34),
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => wire(from + i));

async function add(el: LogHost, messages: WireMessage[]): Promise<void> {
  el.transcript.add(messages);
  el.requestUpdate();
  await el.updateComplete;
}

const bodies = (el: LogHost) => [...el.renderRoot.querySelectorAll('.body')].map((b) => b.textContent);
const chunkSizes = (el: LogHost) => [...el.renderRoot.querySelectorAll('.chunk')].map((c) => c.children.length);
/** The texts the transcript holds, in its order. */
const texts = (el: LogHost) => el.transcript.entries.map((m) => m.text);

/** The texts of the entries among `nodes` (entries, or boxes of entries). */
const entryTexts = (nodes: Node[]) => nodes
  .flatMap((n) => (n instanceof Element ? (n.matches('.message') ? [n] : [...n.querySelectorAll('.message')]) : []))
  .map((m) => m.querySelector('.body')?.textContent ?? '');

/** Records the entries added to and removed from the log from now on. */
function watch(el: LogHost): { added: () => string[]; removed: () => string[] } {
  const records: MutationRecord[] = [];
  const mo = new MutationObserver((list) => records.push(...list));
  mo.observe(el.renderRoot, { childList: true, subtree: true });
  const take = () => records.push(...mo.takeRecords());
  return {
    added: () => (take(), entryTexts(records.flatMap((r) => [...r.addedNodes]))),
    removed: () => (take(), entryTexts(records.flatMap((r) => [...r.removedNodes]))),
  };
}

describe('LogRenderer', () => {
  it('upgrades its throwaway host with an empty log', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    expect(el).to.be.instanceOf(LogHost);
    expect(bodies(el)).to.deep.equal([]);
  });

  it('renders every entry in order, in chunks of at most CHUNK_SIZE', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, range(1, 120));
    expect(bodies(el)).to.deep.equal(texts(el));
    expect(chunkSizes(el)).to.deep.equal([CHUNK_SIZE, CHUNK_SIZE, 20]);
    expect(el.log.element(61)?.querySelector('.body')?.textContent).to.equal('m62');
  });

  it('an append adds its entry only: nothing shown before is touched', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, range(1, 500));
    const first = el.renderRoot.querySelector('.message');
    const changes = watch(el);
    await add(el, [wire(501, 'new')]);
    expect(changes.added()).to.deep.equal(['new']);
    expect(changes.removed()).to.deep.equal([]);
    expect(el.renderRoot.querySelector('.message')).to.equal(first);
    expect(bodies(el).slice(-2)).to.deep.equal(['m500', 'new']);
  });

  it('an older part of a history goes above what is shown, which stays as it is', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, range(9801, 10_000));
    const newest = el.log.element(199);
    const changes = watch(el);
    for (let end = 9800; end > 0; end -= 700) await add(el, range(Math.max(1, end - 699), end));
    expect(changes.removed(), 'nothing shown was taken away').to.deep.equal([]);
    expect(changes.added().length).to.equal(9800);
    expect(el.log.element(9999), 'the newest entry is the same node').to.equal(newest);
    expect(bodies(el)).to.deep.equal(texts(el));
    expect(Math.max(...chunkSizes(el))).to.be.at.most(2 * CHUNK_SIZE);
  });

  it('a long part between entries splits their chunk; a late one goes where it belongs', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, [...range(1, 20), ...range(1001, 1020)]);
    await add(el, range(21, 1000));
    await add(el, [wire(500, 'late')]);
    expect(bodies(el)).to.deep.equal(texts(el));
    expect(bodies(el).indexOf('late')).to.equal(500);
    expect(Math.max(...chunkSizes(el))).to.be.at.most(2 * CHUNK_SIZE);
  });

  it('a late entry goes where it belongs inside a chunk', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, Array.from({ length: 120 }, (_, i) => wire(2 * (i + 1))));
    await add(el, [wire(51, 'late')]);
    expect(bodies(el).indexOf('late')).to.equal(25);
    expect(bodies(el)).to.deep.equal(texts(el));
  });

  it('entries removed and inserted at once (a catch-up proving the log wrong) come out right', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, range(1, 300));
    const log = range(1, 300).filter((m) => m.index % 7 !== 0);
    const arrivals = el.transcript.arrivals;
    el.transcript.add([wire(150, 'late'), wire(301, 'newer')]);
    el.transcript.retainOnly([...log, wire(150, 'late'), wire(301, 'newer')], arrivals);
    el.requestUpdate();
    await el.updateComplete;
    expect(bodies(el)).to.deep.equal(texts(el));
    expect(bodies(el)).to.not.include('m7');
    expect(bodies(el)).to.include('late');
  });

  it('new texts or a new locale rebuild the log', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, [{ ...wire(1), from: { participantId: 'C1', nickname: 'Pat', type: 'Customer' } }]);
    const sender = () => el.renderRoot.querySelector('.sender')!.textContent;
    expect(sender()).to.equal(DEFAULT_STRINGS.you);
    el.strings = { ...DEFAULT_STRINGS, you: 'Sie' };
    el.requestUpdate();
    await el.updateComplete;
    expect(sender()).to.equal('Sie');
    const time = () => el.renderRoot.querySelector('time')!.textContent;
    const before = time();
    el.locale = 'de-DE';
    el.requestUpdate();
    await el.updateComplete;
    expect(time()).to.not.equal(before);
    expect(time()).to.equal(new Intl.DateTimeFormat('de-DE', { hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2024, 0, 1, 12, 34)));
  });

  it('new texts for a long log: the newest entries at once, the older ones in later tasks, nothing lost', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    const customer = { participantId: 'C1', nickname: 'Pat', type: 'Customer' };
    await add(el, range(1, 3000).map((m) => ({ ...m, from: customer })));
    const senders = () => [...el.renderRoot.querySelectorAll('.sender')].map((e) => e.textContent);
    const saying = (word: string) => senders().filter((t) => t === word).length;
    const newest = el.log.element(2999);
    el.strings = { ...DEFAULT_STRINGS, you: 'Sie' };
    el.requestUpdate();
    await el.updateComplete;
    // In the render that brought them: the newest entries, not the whole log (one long task).
    expect(senders().at(-1)).to.equal('Sie');
    expect(saying('Sie')).to.be.within(REFRESH_SLICE, REFRESH_SLICE + CHUNK_SIZE);
    expect(senders()[0]).to.equal(DEFAULT_STRINGS.you);
    expect(el.log.element(2999), 'the newest entry was built again').to.not.equal(newest);
    // Meanwhile the log lives on: an append, and texts changed again.
    await add(el, [{ ...wire(3001, 'new'), from: customer }]);
    el.strings = { ...DEFAULT_STRINGS, you: 'Ich' };
    el.requestUpdate();
    await el.updateComplete;
    expect(saying('Ich')).to.be.below(3001);
    await waitUntil(() => saying('Ich') === 3001, 'every entry built with the newest texts', { timeout: 5000 });
    expect(bodies(el)).to.deep.equal(texts(el));
    expect(el.log.element(1500)?.querySelector('.body')?.textContent).to.equal('m1501');
    expect(chunkSizes(el).reduce((a, b) => a + b)).to.equal(3001);
  });

  it('a log taken off the page while its new texts are built finishes them when it is back', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    await add(el, range(1, 2000));
    const time = () => [...el.renderRoot.querySelectorAll('time')].map((t) => t.textContent);
    const german = new Intl.DateTimeFormat('de-DE', { hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2024, 0, 1, 12, 34));
    el.locale = 'de-DE';
    el.requestUpdate();
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    expect(time().filter((t) => t === german).length, 'not built while off the page').to.be.below(2000);
    parent.append(el);
    await el.updateComplete;
    await waitUntil(() => time().every((t) => t === german), 'every time in the new locale', { timeout: 5000 });
    expect(bodies(el)).to.deep.equal(texts(el));
  });

  it('entries of a chunk split while new texts are built get them too', async () => {
    const el = await fixture<LogHost>(html`<test-log-host></test-log-host>`);
    const customer = { participantId: 'C1', nickname: 'Pat', type: 'Customer' };
    const from = (list: WireMessage[]) => list.map((m) => ({ ...m, from: customer }));
    await add(el, from([...range(1, 20), ...range(1001, 3000)]));
    el.strings = { ...DEFAULT_STRINGS, you: 'Sie' };
    el.requestUpdate();
    await el.updateComplete;
    // A long part between the oldest entries (a late page of the history): their chunk,
    // not built with the new texts yet, is split around it.
    await add(el, from(range(21, 1000)));
    const senders = () => [...el.renderRoot.querySelectorAll('.sender')].map((e) => e.textContent);
    await waitUntil(() => senders().every((t) => t === 'Sie'), 'every entry built with the new texts', { timeout: 5000 });
    expect(bodies(el)).to.deep.equal(texts(el));
  });
});
