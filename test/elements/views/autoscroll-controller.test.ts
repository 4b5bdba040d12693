import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { AutoscrollController } from '../../../src/elements/autoscroll-controller.js';

/** A throwaway host: a 100 px scrolling log of `lines` 20 px lines. */
class ScrollHost extends LitElement {
  static override styles = css`
    .log { height: 100px; overflow-y: auto; }
    .line { height: 20px; }
  `;
  static override properties = { lines: { type: Number }, above: { type: Number } };
  declare lines: number;
  /** Older lines, shown above the others (an older part of a long history). */
  declare above: number;
  readonly autoscroll: AutoscrollController;
  /** Frames asked for and not delivered yet (delivered by hand, see `frame`). */
  readonly frames = new Set<() => void>();

  constructor() {
    super();
    this.lines = 10;
    this.above = 0;
    this.autoscroll = new AutoscrollController(this, {
      container: () => this.log,
      content: () => this.renderRoot.querySelector('.content'),
      locate: (keys) => {
        const first = Math.min(...[...keys].map(Number));
        return this.renderRoot.querySelectorAll<HTMLElement>('.line')[first] ?? null;
      },
      frame: (callback) => {
        this.frames.add(callback);
        return () => this.frames.delete(callback);
      },
    });
  }

  get log(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.log')!;
  }

  protected override render() {
    return html`<div class="log"><div class="content">${Array.from({ length: this.above }, (_, i) => html`<div class="line older">${i - this.above}</div>`)}${Array.from({ length: this.lines }, (_, i) => html`<div class="line">${i}</div>`)}</div></div>`;
  }
}
customElements.define('test-scroll-host', ScrollHost);

/**
 * Resize observations, scroll events and animation frames are delivered in the page's
 * rendering steps, which a test page in a background tab never gets: the tests deliver
 * them by hand, in the order the browser would.
 */
class HandResizeObserver {
  static readonly all = new Set<HandResizeObserver>();
  readonly targets = new Set<Element>();
  constructor(private readonly callback: ResizeObserverCallback) {
    HandResizeObserver.all.add(this);
  }
  observe(target: Element): void {
    this.targets.add(target);
  }
  unobserve(target: Element): void {
    this.targets.delete(target);
  }
  disconnect(): void {
    this.targets.clear();
  }
  /** Reports that `target` changed size to the observers that observe it; returns how many did. */
  static resized(target: Element): number {
    let count = 0;
    for (const o of HandResizeObserver.all) {
      if (!o.targets.has(target)) continue;
      count++;
      o.callback([], o as unknown as ResizeObserver);
    }
    return count;
  }
}

const realResizeObserver = globalThis.ResizeObserver;
beforeEach(() => {
  HandResizeObserver.all.clear();
  globalThis.ResizeObserver = HandResizeObserver as unknown as typeof ResizeObserver;
});
afterEach(() => {
  globalThis.ResizeObserver = realResizeObserver;
  fixtureCleanup();
});

/** The browser's scroll event for the last scroll position change. */
const scrollEvent = (el: ScrollHost) => el.log.dispatchEvent(new Event('scroll'));

/** The content grew after rendering: its last line is 300 px high now. */
function growLate(el: ScrollHost): void {
  el.renderRoot.querySelector<HTMLElement>('.line:last-child')!.style.height = '300px';
}

const content = (el: ScrollHost) => el.renderRoot.querySelector('.content')!;

const bottom = (log: HTMLElement) => log.scrollHeight - log.clientHeight;
const atBottom = (el: ScrollHost) => Math.abs(el.log.scrollTop - bottom(el.log)) <= 1;

/** The browser's next frame (and the renders it asks for, with their frames). */
async function frame(el: ScrollHost): Promise<void> {
  for (let i = 0; el.frames.size > 0; i++) {
    expect(i, 'frames end').to.be.below(10);
    const due = [...el.frames];
    el.frames.clear();
    for (const callback of due) callback();
    await el.updateComplete;
  }
}

/** A throwaway host as the browser shows it: rendered, and its first frame delivered. */
async function shown(): Promise<ScrollHost> {
  const el = await fixture<ScrollHost>(html`<test-scroll-host></test-scroll-host>`);
  await frame(el);
  return el;
}

/** Lines added, rendered, and shown in a frame. */
async function add(el: ScrollHost, lines: number): Promise<void> {
  el.lines += lines;
  await el.updateComplete;
  await frame(el);
}

describe('AutoscrollController', () => {
  it('upgrades its throwaway host, pinned to the newest content', async () => {
    const el = await shown();
    expect(el).to.be.instanceOf(ScrollHost);
    expect(bottom(el.log)).to.equal(100);
    expect(el.autoscroll.pinned).to.equal(true);
    expect(atBottom(el)).to.equal(true);
  });

  it('follows new content while pinned', async () => {
    const el = await shown();
    for (let i = 0; i < 3; i++) {
      await add(el, 5);
      expect(atBottom(el), `after append ${i}`).to.equal(true);
    }
    expect(el.log.scrollTop).to.equal(bottom(el.log));
  });

  it('stays where the reader scrolled up to, even before the scroll event arrives', async () => {
    const el = await shown();
    el.log.scrollTop = 20;
    // No waiting for the scroll event (none fires in a hidden page): the next render measures.
    await add(el, 5);
    expect(el.log.scrollTop).to.equal(20);
    expect(el.autoscroll.pinned).to.equal(false);
    await add(el, 5);
    expect(el.log.scrollTop).to.equal(20);
  });

  it('notices scrolling up from the scroll event alone', async () => {
    const el = await shown();
    el.log.scrollTop = 0;
    scrollEvent(el);
    expect(el.autoscroll.pinned).to.equal(false);
  });

  it('pins again when the reader comes back to the bottom', async () => {
    const el = await shown();
    el.log.scrollTop = 0;
    await add(el, 5);
    expect(el.log.scrollTop).to.equal(0);
    el.log.scrollTop = bottom(el.log) - 3;
    await add(el, 5);
    expect(atBottom(el)).to.equal(true);
    expect(el.autoscroll.pinned).to.equal(true);
  });

  it('keeps the pin when the content grows after rendering (late layout)', async () => {
    const el = await shown();
    growLate(el);
    // The scroll event of the first follow may arrive after the growth: it is no reader
    // scrolling up.
    scrollEvent(el);
    expect(el.autoscroll.pinned).to.equal(true);
    expect(HandResizeObserver.resized(content(el)), 'observers of the content').to.equal(1);
    expect(atBottom(el)).to.equal(true);
    expect(el.log.scrollTop).to.be.above(300);
  });

  it('leaves a reader who scrolled up alone when the content grows after rendering', async () => {
    const el = await shown();
    el.log.scrollTop = 0;
    scrollEvent(el);
    growLate(el);
    HandResizeObserver.resized(content(el));
    expect(el.log.scrollHeight).to.be.above(400);
    expect(el.log.scrollTop).to.equal(0);
  });

  it('stops following when removed, and follows again when put back', async () => {
    const el = await shown();
    const parent = el.parentElement!;
    el.remove();
    expect(HandResizeObserver.resized(content(el)), 'observers while removed').to.equal(0);
    parent.append(el);
    // A moved element's log starts at the top again: it is back at the newest content at
    // its next frame, without waiting for new content.
    await el.updateComplete;
    await frame(el);
    expect(atBottom(el), 'at the bottom right after the move').to.equal(true);
    await add(el, 5);
    expect(atBottom(el)).to.equal(true);
    growLate(el);
    expect(HandResizeObserver.resized(content(el)), 'observers after the move').to.equal(1);
    expect(atBottom(el)).to.equal(true);
  });
});

describe('AutoscrollController: unread entries', () => {
  /** Adds lines that are log entries (keyed by position), as the element reports them. */
  async function arrive(el: ScrollHost, lines: number): Promise<void> {
    for (let i = 0; i < lines; i++) el.autoscroll.arrived(String(el.lines + i));
    await add(el, lines);
  }

  it('counts nothing while the reader is at the bottom', async () => {
    const el = await shown();
    await arrive(el, 3);
    expect(el.autoscroll.unread).to.equal(0);
    expect(atBottom(el)).to.equal(true);
  });

  it('counts what arrives while the reader is up, keeps their place, and reads all at the bottom', async () => {
    const el = await shown();
    el.log.scrollTop = 40;
    scrollEvent(el);
    await arrive(el, 2);
    await arrive(el, 3);
    expect(el.autoscroll.unread).to.equal(5);
    expect(el.log.scrollTop).to.equal(40);
    el.log.scrollTop = bottom(el.log);
    scrollEvent(el);
    expect(el.autoscroll.unread).to.equal(0);
    expect(el.autoscroll.pinned).to.equal(true);
  });

  it('counts at once what arrives while the reader is known to be away, before the next frame', async () => {
    const el = await shown();
    el.log.scrollTop = 0;
    scrollEvent(el);
    for (let i = 0; i < 3; i++) {
      // Renders without a frame between them (a burst): the frame asked for after the first is due.
      el.autoscroll.arrived(String(el.lines));
      el.lines += 1;
      await el.updateComplete;
    }
    expect(el.frames.size, 'a frame due').to.equal(1);
    expect(el.autoscroll.unread).to.equal(3);
  });

  it('counts a reader only a few pixels up as away from the bottom', async () => {
    const el = await shown();
    el.log.scrollTop = bottom(el.log) - 10;
    await arrive(el, 1);
    expect(el.autoscroll.pinned).to.equal(false);
    expect(el.autoscroll.unread).to.equal(1);
    expect(el.log.scrollTop).to.equal(bottom(el.log) - 10 - 20);
  });

  it('jumps to the first unread entry: it is at the top of the view, and all count as read', async () => {
    const el = await shown();
    el.log.scrollTop = 0;
    scrollEvent(el);
    await arrive(el, 10);
    expect(el.autoscroll.unread).to.equal(10);
    el.autoscroll.jumpToUnread();
    await el.updateComplete;
    const first = el.renderRoot.querySelectorAll('.line')[10]!;
    expect(first.getBoundingClientRect().top - el.log.getBoundingClientRect().top).to.be.closeTo(0, 1);
    expect(el.autoscroll.unread).to.equal(0);
    expect(el.autoscroll.pinned).to.equal(false);
  });

  it('follows what arrives after the reader scrolled back to the bottom, before that scroll was reported', async () => {
    const el = await shown();
    await add(el, 20);
    el.log.scrollTop = 0;
    scrollEvent(el);
    // A render while away (nothing arrived): its frame is due when the reader scrolls back
    // down, and the scroll event comes with that frame, after the next arrival's render.
    el.requestUpdate();
    await el.updateComplete;
    expect(el.frames.size, 'a frame due').to.equal(1);
    el.log.scrollTop = bottom(el.log);
    el.autoscroll.arrived(String(el.lines));
    el.lines += 1;
    await el.updateComplete;
    await Promise.resolve();
    expect(atBottom(el), 'the new entry is shown').to.equal(true);
    scrollEvent(el);
    await frame(el);
    expect(atBottom(el)).to.equal(true);
    expect(el.autoscroll.pinned).to.equal(true);
    expect(el.autoscroll.unread).to.equal(0);
    await arrive(el, 2);
    expect(atBottom(el), 'and what comes next').to.equal(true);
  });

  it('leaves a reader who scrolled up just before older entries came above where they are', async () => {
    const el = await shown();
    await add(el, 20);
    // An older part was rendered (its frame due) when the reader scrolls up.
    el.requestUpdate();
    await el.updateComplete;
    expect(el.frames.size, 'a frame due').to.equal(1);
    el.log.scrollTop -= 50;
    const topLine = () => [...el.renderRoot.querySelectorAll('.line')].find((l) => l.getBoundingClientRect().bottom > el.log.getBoundingClientRect().top + 1)!.textContent;
    const reading = topLine();
    // Rendered before the scroll event (which comes with the next frame).
    el.above += 30;
    el.autoscroll.insertedAbove();
    await el.updateComplete;
    await Promise.resolve();
    expect(atBottom(el), 'taken back to the newest entries').to.equal(false);
    expect(topLine(), 'the line the reader read').to.equal(reading);
    scrollEvent(el);
    await frame(el);
    expect(el.autoscroll.pinned).to.equal(false);
    expect(topLine()).to.equal(reading);
    await arrive(el, 1);
    expect(el.autoscroll.unread).to.equal(1);
  });

  it('keeps the reader’s place itself where the browser does not (Safari: no scroll anchoring)', async () => {
    const el = await shown();
    el.log.style.overflowAnchor = 'none';
    await add(el, 20);
    el.log.scrollTop -= 50;
    scrollEvent(el);
    const topLine = () => [...el.renderRoot.querySelectorAll('.line')].find((l) => l.getBoundingClientRect().bottom > el.log.getBoundingClientRect().top + 1)!.textContent;
    const reading = topLine();
    el.above += 30;
    el.autoscroll.insertedAbove();
    await el.updateComplete;
    await Promise.resolve();
    expect(topLine(), 'the line the reader read').to.equal(reading);
    expect(el.autoscroll.pinned).to.equal(false);
    el.log.scrollTop = bottom(el.log);
    scrollEvent(el);
    for (let i = 0; i < 2; i++) {
      el.above += 30;
      el.autoscroll.insertedAbove();
      await el.updateComplete;
      await Promise.resolve();
      expect(atBottom(el), `at the newest entries after part ${i}`).to.equal(true);
    }
  });

  it('stays at the newest entries while older ones come above', async () => {
    const el = await shown();
    await add(el, 20);
    for (let i = 0; i < 3; i++) {
      el.above += 30;
      el.autoscroll.insertedAbove();
      await el.updateComplete;
      await Promise.resolve();
      expect(atBottom(el), `after part ${i}`).to.equal(true);
    }
    await frame(el);
    expect(el.autoscroll.pinned).to.equal(true);
  });

  it('toBottom() follows again (the customer sent a message)', async () => {
    const el = await shown();
    el.log.scrollTop = 0;
    await arrive(el, 4);
    el.autoscroll.toBottom();
    await el.updateComplete;
    await frame(el);
    expect(atBottom(el)).to.equal(true);
    expect(el.autoscroll.unread).to.equal(0);
  });

  it('leaves the first layout of an empty log to the frame, not to the task that rendered it', async () => {
    // Reading a scroll position forces the layout there and then: at page load, that made
    // the task that evaluates the bundle and renders the element 5–20 ms longer.
    const reads: string[] = [];
    const spied = ['scrollTop', 'scrollHeight', 'clientHeight'] as const;
    const real = spied.map((name) => Object.getOwnPropertyDescriptor(Element.prototype, name)!);
    spied.forEach((name, i) => {
      Object.defineProperty(Element.prototype, name, {
        ...real[i],
        get(this: Element) {
          reads.push(name);
          return real[i]!.get!.call(this);
        },
      });
    });
    let el: ScrollHost;
    try {
      el = document.createElement('test-scroll-host') as ScrollHost;
      el.lines = 0;
      el.autoscroll.toBottom(); // a new chat is shown from its newest entry
      document.body.append(el);
      await el.updateComplete;
      expect(reads, 'layout read before the frame').to.deep.equal([]);
    } finally {
      spied.forEach((name, i) => Object.defineProperty(Element.prototype, name, real[i]!));
    }
    try {
      await frame(el);
      expect(el.autoscroll.pinned).to.equal(true);
      await add(el, 10);
      expect(atBottom(el)).to.equal(true);
    } finally {
      el.remove();
    }
  });
});
