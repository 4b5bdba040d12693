import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the bottom (px) still counts as "reading the latest messages". */
const STICKY_DISTANCE = 32;

/**
 * Keeps a scrolling container pinned to its newest content while the reader is at the
 * bottom, and leaves it alone while they read older messages. Content that changes size
 * after rendering (late layout, images, older history added above) keeps the pin too.
 */
export class AutoscrollController implements ReactiveController {
  #pinned = true;
  /** The container's scroll position when last measured or set. */
  #top = 0;
  #observed: Element | null = null;
  #resize: ResizeObserver | null = null;
  #scrollTarget: HTMLElement | null = null;
  readonly #onScroll = () => this.#measure();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly container: () => HTMLElement | null | undefined,
    private readonly content: () => Element | null | undefined,
  ) {
    host.addController(this);
  }

  /** Whether the view follows new content. */
  get pinned(): boolean {
    return this.#pinned;
  }

  hostConnected(): void {
    // Put back (moved in the page): the browser has reset the scroll position and the
    // listeners are gone. The next update restores both (the first one is pending anyway).
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    // Scroll events do not fire in a hidden page: measure before every render too.
    this.#measure();
  }

  hostUpdated(): void {
    const el = this.container() ?? null;
    if (el !== this.#scrollTarget) {
      this.#scrollTarget?.removeEventListener('scroll', this.#onScroll);
      el?.addEventListener('scroll', this.#onScroll, { passive: true });
      this.#scrollTarget = el;
    }
    const content = this.content() ?? null;
    if (content !== this.#observed) {
      this.#resize ??= new ResizeObserver(() => this.#follow());
      if (this.#observed) this.#resize.unobserve(this.#observed);
      if (content) this.#resize.observe(content);
      this.#observed = content;
    }
    this.#follow();
  }

  hostDisconnected(): void {
    this.#scrollTarget?.removeEventListener('scroll', this.#onScroll);
    this.#scrollTarget = null;
    this.#resize?.disconnect();
    this.#resize = null;
    this.#observed = null;
  }

  #measure(): void {
    const el = this.#scrollTarget;
    if (!el) return;
    const top = el.scrollTop;
    // Only the reader scrolling up leaves the bottom. Content that grew under a pinned view
    // does not, although the scroll event of the last follow may arrive after the growth.
    this.#pinned = el.scrollHeight - top - el.clientHeight <= STICKY_DISTANCE || (this.#pinned && top >= this.#top);
    this.#top = top;
  }

  #follow(): void {
    const el = this.#scrollTarget;
    if (!el || !this.#pinned) return;
    el.scrollTop = el.scrollHeight;
    this.#top = el.scrollTop;
  }
}
