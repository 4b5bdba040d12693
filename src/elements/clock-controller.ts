import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { globalScheduler, type Scheduler } from '../model/typing.js';

/**
 * Re-renders its host once a second while `active()` is true (a countdown on screen), and
 * not at all otherwise. Leaves no timer behind when the host is removed, and ticks again
 * when it is put back.
 */
export class ClockController implements ReactiveController {
  #timer: unknown;
  /** A tick was due when the host was removed. */
  #interrupted = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
    private readonly scheduler: Scheduler = globalScheduler,
    /** Milliseconds until what is shown changes next (default: the next wall-clock second). */
    private readonly nextChange: () => number = () => 1000 - (Date.now() % 1000),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Put back (moved in the page): nothing else may update the host, and only an update
    // starts the next tick.
    if (this.#interrupted) this.host.requestUpdate();
    this.#interrupted = false;
  }

  hostUpdated(): void {
    if (this.#timer !== undefined || !this.active()) return;
    this.#timer = this.scheduler.setTimeout(() => {
      this.#timer = undefined;
      this.host.requestUpdate();
    }, Math.max(0, this.nextChange()) + 5);
  }

  hostDisconnected(): void {
    this.#interrupted = this.#timer !== undefined;
    if (this.#interrupted) this.scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
