import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { keepInView } from './view-place.js';

/**
 * How close to the bottom (px) still counts as "reading the latest messages": only enough
 * for rounding (zoom, fractional scroll positions). A reader who scrolled up at all is left
 * where they are.
 */
export const STICKY_DISTANCE = 4;

/** Whether the browser keeps the reader's place when content is added above it (not Safari). */
const ANCHORING = globalThis.CSS?.supports?.('overflow-anchor', 'auto') ?? true;

/** A page that shows no frames (hidden) follows after this many ms instead. */
const NO_FRAME_DELAY = 100;

/** What the controller scrolls. */
export interface AutoscrollOptions {
  /** The scrolling log. */
  readonly container: () => HTMLElement | null | undefined;
  /** Its content, observed for size changes. */
  readonly content: () => Element | null | undefined;
  /** The rendered entry of the first of `keys` in the log (to jump to), if rendered. */
  readonly locate?: (keys: ReadonlySet<string>) => HTMLElement | null;
  /**
   * Runs `callback` at the next frame; returns what cancels it (default: an animation
   * frame, or a timer in a page that shows no frames; tests deliver frames by hand).
   */
  readonly frame?: (callback: () => void) => () => void;
}

/** The next animation frame, or soon in a page that shows none (hidden: it needs no layout). */
function nextFrame(callback: () => void): () => void {
  let due = true;
  const run = () => {
    if (due) callback();
    due = false;
  };
  requestAnimationFrame(run);
  setTimeout(run, NO_FRAME_DELAY);
  return () => {
    due = false;
  };
}

/**
 * Keeps a scrolling container pinned to its newest content while the reader is at the
 * bottom, and leaves it alone while they read older messages. Content that changes size
 * after rendering (late layout, images, older history added above) keeps the pin too.
 *
 * Layout is read and written in the next animation frame (where the browser lays out
 * anyway), not after each render: an append costs no forced layout.
 *
 * Entries that arrive while the reader is away from the bottom are unread (`unread`): the
 * element offers a button that jumps to the first of them (`jumpToUnread()`); they count
 * as read once the reader is back at the bottom.
 */
export class AutoscrollController implements ReactiveController {
  #pinned = true;
  /** Keys of entries that arrived since the last render, not yet judged read or unread. */
  #arrived: string[] = [];
  /** Keys of entries that arrived while the reader was away from the bottom. */
  #unread = new Set<string>();
  /** The container's scroll position when last measured or set. */
  #top = 0;
  /** Its content's height then, and the content's last child and its top in the view then. */
  #height = 0;
  #last: Element | null = null;
  #lastTop = 0;
  #observed: Element | null = null;
  #resize: ResizeObserver | null = null;
  #scrollTarget: HTMLElement | null = null;
  /** Cancels the next frame, which measures, judges what arrived, and follows (`null`: none due). */
  #frame: (() => void) | null = null;
  /** Whether the view is to be settled right after the current render (see `hostUpdated`). */
  #settle = false;
  readonly #onScroll = () => {
    if (this.#measure()) this.host.requestUpdate();
  };

  private readonly container: () => HTMLElement | null | undefined;
  private readonly content: () => Element | null | undefined;
  private readonly locate: (keys: ReadonlySet<string>) => HTMLElement | null;
  private readonly frame: (callback: () => void) => () => void;

  constructor(private readonly host: ReactiveControllerHost, options: AutoscrollOptions) {
    this.container = options.container;
    this.content = options.content;
    this.locate = options.locate ?? (() => null);
    this.frame = options.frame ?? nextFrame;
    host.addController(this);
  }

  /** Whether the view follows new content. */
  get pinned(): boolean {
    return this.#pinned;
  }

  /** How many entries arrived while the reader was away from the bottom. */
  get unread(): number {
    return this.#unread.size;
  }

  /**
   * An entry was added to the log (by key). Judged at the next render: unread if the reader
   * is not at the bottom then.
   */
  arrived(key: string): void {
    this.#arrived.push(key);
    this.#settle = true;
  }

  /**
   * Entries were added above what is shown (an older part of a long history): the view is
   * measured right after the render, so that the browser's scroll anchoring is not taken
   * for the reader scrolling, nor the reader scrolling then for anchoring.
   */
  insertedAbove(): void {
    this.#settle = true;
  }

  /**
   * Runs `change`, which builds entries again in place (new texts: their heights change),
   * keeping what the reader sees where it is: the entry at the top of the view is found
   * again at the same place in the content (its chunk's, then its own position) and put
   * back at the same height, whatever the browser's scroll anchoring did (the entry it
   * anchored on is gone). At the bottom, the view follows the newest entries anyway.
   */
  keepPlace(change: () => void): void {
    const el = this.#scrollTarget;
    const content = this.#observed;
    if (!el?.isConnected || !content?.isConnected || this.#pinned) return change();
    keepInView(el, content, change);
    this.#record(el);
  }

  /** Back to the newest content, following it again (the customer sent a message). */
  toBottom(): void {
    this.#pinned = true;
    this.#arrived = [];
    this.#unread.clear();
    // Now (a scroll up not measured yet would undo the pin), and after the render.
    this.#follow();
    this.#settle = true;
    this.host.requestUpdate();
  }

  /**
   * Scrolls the first unread entry to the top of the view (the newest content when it is
   * not rendered) and counts them all as read.
   */
  jumpToUnread(): void {
    const el = this.#scrollTarget;
    const target = this.#unread.size > 0 ? this.locate(this.#unread) : null;
    this.#unread.clear();
    this.host.requestUpdate();
    if (!el) return;
    if (!target) {
      this.toBottom();
      return;
    }
    const gap = parseFloat(getComputedStyle(el).paddingTop) || 0;
    el.scrollTop += target.getBoundingClientRect().top - el.getBoundingClientRect().top - gap;
    this.#measure();
  }

  hostConnected(): void {
    // Put back (moved in the page): the browser has reset the scroll position and the
    // listeners are gone. The next update restores both (the first one is pending anyway).
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    // Scroll events do not fire in a hidden page: measure before a render too, unless the
    // DOM changed since the last frame (the layout would be forced): then what arrived is
    // judged now if the reader is known to be away, else by the next frame, which measures.
    if (!this.#frame) this.#measure();
    if (!this.#frame || !this.#pinned) this.#judge();
  }

  hostUpdated(): void {
    // The same elements while they are on the page (no query per render).
    const el = this.#scrollTarget?.isConnected ? this.#scrollTarget : this.container() ?? null;
    if (el !== this.#scrollTarget) {
      this.#scrollTarget?.removeEventListener('scroll', this.#onScroll);
      el?.addEventListener('scroll', this.#onScroll, { passive: true });
      this.#scrollTarget = el;
      // A new (or moved) log starts at the top: no reader scrolled it there.
      this.#top = 0;
      this.#last = null;
    }
    const content = this.#observed?.isConnected ? this.#observed : this.content() ?? null;
    if (content !== this.#observed) {
      // Measured first: a reader who scrolled just before is not taken back.
      this.#resize ??= new ResizeObserver(() => {
        if (this.#measure()) this.host.requestUpdate();
        this.#follow();
      });
      if (this.#observed) this.#resize.unobserve(this.#observed);
      if (content) this.#resize.observe(content);
      this.#observed = content;
    }
    // When entries arrived in the log (or the customer sent one), the view is settled right
    // after this render, before the page hears `updateComplete` and before any paint: a
    // reader who scrolled up meanwhile is seen (what arrived is unread), and otherwise the
    // newest entry is on screen. One layout, which the next frame would have done anyway.
    // An empty log (the first render of a new chat, or the customer's first message, shown
    // below it) is settled by the next frame, before the paint: its first layout is not
    // forced in the task that rendered it (at page load, the one that evaluated the bundle).
    if (this.#settle) {
      this.#settle = false;
      if (content?.firstElementChild) queueMicrotask(() => this.#measureAndFollow());
    }
    this.#nextFrame();
  }

  hostDisconnected(): void {
    this.#cancelFrame();
    this.#scrollTarget?.removeEventListener('scroll', this.#onScroll);
    this.#scrollTarget = null;
    this.#resize?.disconnect();
    this.#resize = null;
    this.#observed = null;
  }

  /** Measures, judges what arrived, and follows in the next frame. */
  #nextFrame(): void {
    this.#frame ??= this.frame(() => {
      this.#frame = null;
      this.#measureAndFollow();
    });
  }

  #measureAndFollow(): void {
    const read = this.#measure();
    if (this.#judge() || read) this.host.requestUpdate();
    this.#follow();
  }

  #cancelFrame(): void {
    this.#frame?.();
    this.#frame = null;
  }

  /** What arrived is unread if the reader is away from the bottom now (`true`: some was). */
  #judge(): boolean {
    const unread = !this.#pinned && this.#arrived.length > 0;
    if (unread) for (const key of this.#arrived) this.#unread.add(key);
    this.#arrived = [];
    return unread;
  }

  /**
   * Whether the reader is at the bottom; being back there reads everything (`true`: it
   * changed). Only the reader scrolling leaves the bottom, and their scrolling is told apart
   * from the content changing by where the content's last child (the newest entries) is in
   * the view, against where it was when last measured: content added or grown above it
   * (an older part of a long history, with or without the browser's scroll anchoring), below
   * it (new entries), or a view resized do not move the reader; the reader scrolling does.
   * So the judgement does not depend on when the scroll event comes: a reader who scrolled
   * back down to the bottom just before new entries came follows them, and one who scrolled
   * up while older ones came above stays where they are.
   */
  #measure(): boolean {
    const el = this.#scrollTarget;
    if (!el) return false;
    let top = el.scrollTop;
    const view = el.clientHeight;
    let pinned = el.scrollHeight - top - view <= STICKY_DISTANCE;
    const last = this.#last;
    if (last?.isConnected) {
      // How far the last child moved down in the view, and how much the content above it grew.
      let moved = last.getBoundingClientRect().top - el.getBoundingClientRect().top - this.#lastTop;
      const above = moved + top - this.#top;
      if (Math.abs(above) > 1 && !(ANCHORING && getComputedStyle(el).overflowAnchor !== 'none')) {
        // A browser without scroll anchoring (Safari), or a log without it, leaves the view
        // where it was in the content, showing older entries: keep the reader's place.
        el.scrollTop = top + above;
        moved -= el.scrollTop - top;
        top = el.scrollTop;
        pinned = el.scrollHeight - top - view <= STICKY_DISTANCE;
      }
      // At the bottom of the content as it was (what came since is below), or not scrolled.
      pinned ||= top + view >= this.#height + above - STICKY_DISTANCE || (this.#pinned && Math.abs(moved) <= 1);
    } else {
      // Content that grew under a pinned view does not leave the bottom, although the
      // scroll event of the last follow may arrive after the growth.
      pinned ||= this.#pinned && top >= this.#top;
    }
    this.#pinned = pinned;
    this.#record(el);
    if (!this.#pinned || this.#unread.size === 0) return false;
    this.#unread.clear();
    return true;
  }

  /** Notes where the view and the content's last child are, to tell the reader's scrolling later. */
  #record(el: HTMLElement): void {
    this.#top = el.scrollTop;
    this.#height = el.scrollHeight;
    const last = this.content()?.lastElementChild ?? null;
    this.#last = last;
    if (last) this.#lastTop = last.getBoundingClientRect().top - el.getBoundingClientRect().top;
  }

  #follow(): void {
    const el = this.#scrollTarget;
    if (!el || !this.#pinned) return;
    el.scrollTop = el.scrollHeight;
    this.#record(el);
  }
}
