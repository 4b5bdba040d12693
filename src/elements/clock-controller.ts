import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host once a second while `active()` is true (a countdown on screen), and
 * not at all otherwise. Leaves no timer behind when the host is removed.
 */
export class ClockController implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly active: () => boolean,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.#timer !== undefined || !this.active()) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.host.requestUpdate();
    }, 1000 - (Date.now() % 1000) + 5);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
