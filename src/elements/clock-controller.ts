import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { globalScheduler, type Scheduler } from '../model/typing.js';

/** What a clock ticks for. */
export interface ClockOptions {
  /** Whether anything on screen changes with time now. */
  readonly active: () => boolean;
  /** Milliseconds until what is shown changes next (default: the next wall-clock second). */
  readonly nextChange?: () => number;
  /** Timers (tests pass a fake clock). */
  readonly scheduler?: Scheduler;
}

/** What changes with time on a chat's screen. */
export interface TimedView {
  /** The moments countdowns on screen count down to, in whole seconds (epoch ms). */
  readonly countdowns: () => readonly number[];
  /** The moments a notice on screen goes away (epoch ms; past ones are ignored). */
  readonly expiries: () => readonly number[];
  readonly scheduler?: Scheduler;
}

/**
 * A clock for a chat's screen: ticks at the next whole second of any countdown (each counts
 * down to its own moment) and when a notice expires; idle when neither is on screen.
 */
export function chatClock(host: ReactiveControllerHost, view: TimedView): ClockController {
  const live = () => {
    const now = Date.now();
    return view.expiries().filter((at) => at > now);
  };
  return new ClockController(host, {
    active: () => view.countdowns().length > 0 || live().length > 0,
    nextChange: () => {
      const now = Date.now();
      const waits = view.countdowns().map((at) => (((at - now) % 1000) + 1000) % 1000 || 1000);
      for (const at of live()) waits.push(at - now);
      return Math.min(1000, ...waits);
    },
    ...(view.scheduler ? { scheduler: view.scheduler } : {}),
  });
}

/**
 * Re-renders its host once a second while `active()` is true (a countdown on screen), and
 * not at all otherwise. Leaves no timer behind when the host is removed, and ticks again
 * when it is put back.
 */
export class ClockController implements ReactiveController {
  #timer: unknown;
  /** A tick was due when the host was removed. */
  #interrupted = false;

  readonly #active: () => boolean;
  readonly #nextChange: () => number;
  readonly #scheduler: Scheduler;

  constructor(private readonly host: ReactiveControllerHost, options: ClockOptions) {
    this.#active = options.active;
    this.#nextChange = options.nextChange ?? (() => 1000 - (Date.now() % 1000));
    this.#scheduler = options.scheduler ?? globalScheduler;
    host.addController(this);
  }

  hostConnected(): void {
    // Put back (moved in the page): nothing else may update the host, and only an update
    // starts the next tick.
    if (this.#interrupted) this.host.requestUpdate();
    this.#interrupted = false;
  }

  hostUpdated(): void {
    if (this.#timer !== undefined || !this.#active()) return;
    this.#timer = this.#scheduler.setTimeout(() => {
      this.#timer = undefined;
      this.host.requestUpdate();
    }, Math.max(0, this.#nextChange()) + 5);
  }

  hostDisconnected(): void {
    this.#interrupted = this.#timer !== undefined;
    if (this.#interrupted) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
