import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How close to the bottom (px) still counts as "reading the latest messages". */
const STICKY_DISTANCE = 32;

/**
 * Keeps a scrolling container pinned to its newest content while the reader is at the
 * bottom, and leaves it alone while they read older messages.
 */
export class AutoscrollController implements ReactiveController {
  #pinned = true;

  constructor(
    host: ReactiveControllerHost,
    private readonly container: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const el = this.container();
    if (el) this.#pinned = el.scrollHeight - el.scrollTop - el.clientHeight <= STICKY_DISTANCE;
  }

  hostUpdated(): void {
    const el = this.container();
    if (el && this.#pinned) el.scrollTop = el.scrollHeight;
  }
}
