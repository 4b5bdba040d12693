import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CHUNK_SIZE, HistoryWindow } from '../../../src/elements/history-window.js';
import { FakeScheduler } from '../../support/fake-scheduler.js';

/** Entries rendered first when a long history arrives (history-window.ts). */
const FIRST_PAINT = 150;

/** A throwaway host with `count` entries: records the window's start at each render. */
class HistoryHost extends LitElement {
  static override properties = { count: { type: Number } };
  declare count: number;
  readonly scheduler = new FakeScheduler();
  readonly window: HistoryWindow;
  /** `from` at each render. */
  readonly froms: number[] = [];
  /** Whether the reader is at the newest entries. */
  atNewest = true;

  constructor() {
    super();
    this.count = 0;
    this.window = new HistoryWindow(this, { count: () => this.count, scheduler: this.scheduler, atNewest: () => this.atNewest });
  }

  protected override render() {
    this.froms.push(this.window.from);
    return html`${this.count - this.window.from} of ${this.count}`;
  }
}
customElements.define('test-history-host', HistoryHost);

afterEach(() => fixtureCleanup());

/** Runs the growth steps one task at a time until none is left; returns `from` after each. */
async function growAll(el: HistoryHost): Promise<number[]> {
  const seen: number[] = [];
  for (let step = 0; el.scheduler.pending > 0; step++) {
    expect(step, 'growth ends').to.be.below(100);
    el.scheduler.advance(0);
    await el.updateComplete;
    seen.push(el.window.from);
  }
  return seen;
}

describe('HistoryWindow', () => {
  it('upgrades its throwaway host with nothing windowed', async () => {
    const el = await fixture<HistoryHost>(html`<test-history-host></test-history-host>`);
    expect(el).to.be.instanceOf(HistoryHost);
    expect(el.froms).to.deep.equal([0]);
    expect(el.scheduler.pending).to.equal(0);
  });

  it('a burst while the reader is scrolled up keeps every rendered entry (the reader\'s place stays in the DOM)', async () => {
    const el = await fixture<HistoryHost>(html`<test-history-host></test-history-host>`);
    el.count = 40;
    await el.updateComplete;
    el.atNewest = false;
    el.count = 10_040;
    await el.updateComplete;
    expect(el.window.from).to.equal(0);
    el.atNewest = true;
    el.count = 20_040;
    await el.updateComplete;
    expect(el.window.from, 'at the newest: windowed again').to.be.above(0);
  });

  it('renders the newest entries of a big jump first, then older ones a task at a time down to 0', async () => {
    const el = await fixture<HistoryHost>(html`<test-history-host></test-history-host>`);
    el.count = 1000;
    await el.updateComplete;
    const first = el.window.from;
    expect(first % CHUNK_SIZE, 'a chunk boundary').to.equal(0);
    expect(el.count - first, 'entries in the first paint').to.be.within(FIRST_PAINT, FIRST_PAINT + CHUNK_SIZE - 1);
    // Nothing more is rendered in the same task: the rest waits for a timer, one at a time
    // whatever else updates the host meanwhile.
    expect(el.scheduler.pending).to.equal(1);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.scheduler.pending, 'timers after another render').to.equal(1);
    expect(el.scheduler.delays).to.deep.equal([0]);
    const steps = await growAll(el);
    expect(steps[steps.length - 1]).to.equal(0);
    const all = [first, ...steps];
    for (let i = 1; i < all.length; i++) {
      expect(all[i]! % CHUNK_SIZE).to.equal(0);
      expect(all[i], `step ${i} adds entries`).to.be.below(all[i - 1]!);
      expect(all[i - 1]! - all[i]!, `step ${i} is bounded`).to.be.at.most(300);
    }
    expect(el.froms, 'one render per step').to.deep.equal([0, first, ...all]);
  });

  it('renders a small arrival or an append at once', async () => {
    const el = await fixture<HistoryHost>(html`<test-history-host></test-history-host>`);
    el.count = FIRST_PAINT;
    await el.updateComplete;
    expect(el.window.from).to.equal(0);
    el.count = 1000;
    await el.updateComplete;
    await growAll(el);
    el.count = 1000 + FIRST_PAINT;
    await el.updateComplete;
    expect(el.window.from).to.equal(0);
    expect(el.scheduler.pending).to.equal(0);
  });

  it('never starts past the end when the log shrinks while growing', async () => {
    const el = await fixture<HistoryHost>(html`<test-history-host></test-history-host>`);
    el.count = 1000;
    await el.updateComplete;
    expect(el.window.from).to.be.above(100);
    el.count = 120;
    await el.updateComplete;
    expect(el.window.from).to.be.at.most(120);
    expect((await growAll(el)).pop()).to.equal(0);
  });

  it('stops growing when the host is removed, and finishes when it is put back', async () => {
    const el = await fixture<HistoryHost>(html`<test-history-host></test-history-host>`);
    el.count = 1000;
    await el.updateComplete;
    const from = el.window.from;
    const parent = el.parentElement!;
    el.remove();
    expect(el.scheduler.pending, 'no timer left').to.equal(0);
    el.scheduler.advance(1000);
    expect(el.window.from).to.equal(from);
    parent.append(el);
    await el.updateComplete;
    expect((await growAll(el)).pop()).to.equal(0);
  });
});
