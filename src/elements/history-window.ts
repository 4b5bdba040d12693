import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Log entries per rendering chunk; a chunk re-renders only when one of its entries changed. */
export const CHUNK_SIZE = 50;
/** Entries rendered at once when a long history arrives: enough to fill any screen. */
const FIRST_PAINT = 150;
/** Older entries added per animation frame after that, so no frame becomes a long task. */
const PER_FRAME = 300;

/**
 * Renders a long history newest-first: when many entries arrive at once, only the last
 * `FIRST_PAINT` are rendered in the first frame and older ones are added above, a few
 * hundred per frame, until everything is in the DOM.
 */
export class HistoryWindow implements ReactiveController {
  /** Entries before this position are not rendered yet (a multiple of `CHUNK_SIZE`). */
  from = 0;
  #known = 0;
  #frame = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly count: () => number,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const total = this.count();
    if (total - this.#known > FIRST_PAINT) {
      this.from = Math.max(this.from, align(total - FIRST_PAINT));
    } else if (total < this.#known) {
      this.from = Math.min(this.from, align(total));
    }
    this.#known = total;
    if (this.from > 0 && !this.#frame) this.#frame = requestAnimationFrame(() => this.#grow());
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.from = 0;
  }

  #grow(): void {
    this.#frame = 0;
    this.from = Math.max(0, align(this.from - PER_FRAME));
    this.host.requestUpdate();
  }
}

function align(position: number): number {
  return Math.max(0, Math.floor(position / CHUNK_SIZE) * CHUNK_SIZE);
}
