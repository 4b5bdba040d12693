import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { globalScheduler, type Scheduler } from '../model/typing.js';

/** Log entries per rendering chunk; a chunk re-renders only when one of its entries changed. */
export const CHUNK_SIZE = 50;
/** Entries rendered at once when a long history arrives: enough to fill any screen. */
const FIRST_PAINT = 150;
/** Older entries added per step after that, so no step becomes a long task. */
const PER_STEP = 300;

/** What the window renders. */
export interface HistoryWindowOptions {
  /** How many entries the log holds. */
  readonly count: () => number;
  /**
   * Whether the reader is at the newest entries (default: yes). A reader scrolled up keeps
   * every entry rendered: a burst is then rendered whole rather than taking their place away.
   */
  readonly atNewest?: () => boolean;
  /** Timers (tests pass a fake clock). */
  readonly scheduler?: Scheduler;
}

/**
 * Renders a long history newest-first: when many entries arrive at once, only the last
 * `FIRST_PAINT` are rendered at once and older ones are added above, a few hundred per
 * task (the browser may paint between tasks), until everything is in the DOM. Tasks, not
 * animation frames: a page in the background gets its whole log too.
 */
export class HistoryWindow implements ReactiveController {
  /** Entries before this position are not rendered yet (a multiple of `CHUNK_SIZE`). */
  from = 0;
  #known = 0;
  #timer: unknown;

  readonly #count: () => number;
  readonly #atNewest: () => boolean;
  readonly #scheduler: Scheduler;

  constructor(private readonly host: ReactiveControllerHost, options: HistoryWindowOptions) {
    this.#count = options.count;
    this.#atNewest = options.atNewest ?? (() => true);
    this.#scheduler = options.scheduler ?? globalScheduler;
    host.addController(this);
  }

  hostUpdate(): void {
    const total = this.#count();
    if (total - this.#known > FIRST_PAINT && (this.#known === 0 || this.#atNewest())) {
      this.from = Math.max(this.from, align(total - FIRST_PAINT));
    } else if (total < this.#known) {
      this.from = Math.min(this.from, align(total));
    }
    this.#known = total;
    if (this.from > 0 && this.#timer === undefined) this.#timer = this.#scheduler.setTimeout(() => this.#grow(), 0);
  }

  hostConnected(): void {
    if (this.from > 0) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    if (this.#timer !== undefined) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #grow(): void {
    this.#timer = undefined;
    this.from = Math.max(0, align(this.from - PER_STEP));
    this.host.requestUpdate();
  }
}

function align(position: number): number {
  return Math.max(0, Math.floor(position / CHUNK_SIZE) * CHUNK_SIZE);
}
