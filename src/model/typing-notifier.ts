import { globalScheduler, type Scheduler } from './scheduler.js';

/** Default quiet time after the last keystroke before "stopped typing" is sent. */
export const DEFAULT_TYPING_IDLE = 4_000;

/**
 * Turns the customer's keystrokes into few typing notifications: one "started" when
 * typing begins, one "stopped" after `idleMs` without keystrokes or when the message is
 * sent. A fast typist causes two requests per message, not one per key.
 */
export class TypingNotifier {
  #typing = false;
  #timer: unknown = null;

  constructor(
    private readonly notify: (typing: boolean) => void,
    public idleMs: number = DEFAULT_TYPING_IDLE,
    private readonly scheduler: Scheduler = globalScheduler,
  ) {}

  /** Whether "started typing" was sent and "stopped" not yet. */
  get typing(): boolean {
    return this.#typing;
  }

  /** A keystroke that changed the draft. An empty draft counts as stopping. */
  input(draftEmpty = false): void {
    if (draftEmpty) return this.stop();
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = this.scheduler.setTimeout(() => this.stop(), this.idleMs);
    if (!this.#typing) {
      this.#typing = true;
      this.notify(true);
    }
  }

  /** Sends "stopped typing" if "started" was sent (on send, idle, or leaving). */
  stop(): void {
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#typing) return;
    this.#typing = false;
    this.notify(false);
  }

  /** Forgets everything without notifying (teardown). */
  reset(): void {
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
    this.#typing = false;
  }
}
