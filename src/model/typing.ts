import type { Participant } from '../protocol/types.js';
import { participantKey } from './participants.js';
import { globalScheduler, type Scheduler } from './scheduler.js';

/** Default time after which a `TypingStarted` without a stop is forgotten. */
export const DEFAULT_TYPING_TIMEOUT = 15_000;

/**
 * Who is typing right now. A participant stops typing on `stop` (TypingStopped, a message
 * from them, their leaving) or when `timeoutMs` passes without a new start.
 */
export class TypingTracker {
  #typing = new Map<string, { participant: Participant; timer: unknown }>();

  constructor(
    private readonly onChange: (participant: Participant, typing: boolean) => void,
    public timeoutMs: number = DEFAULT_TYPING_TIMEOUT,
    private readonly scheduler: Scheduler = globalScheduler,
  ) {}

  /** Participants typing now, in the order they started. */
  get typing(): Participant[] {
    return [...this.#typing.values()].map((t) => t.participant);
  }

  start(participant: Participant): void {
    const key = participantKey(participant);
    const current = this.#typing.get(key);
    if (current) this.scheduler.clearTimeout(current.timer);
    const timer = this.scheduler.setTimeout(() => this.stop(participant), this.timeoutMs);
    this.#typing.set(key, { participant, timer });
    if (!current) this.onChange(participant, true);
  }

  stop(participant: Participant): void {
    const key = participantKey(participant);
    const current = this.#typing.get(key);
    if (!current) return;
    this.scheduler.clearTimeout(current.timer);
    this.#typing.delete(key);
    this.onChange(current.participant, false);
  }

  /** Stops everyone without reporting (used on teardown and re-targeting). */
  clear(): void {
    for (const { timer } of this.#typing.values()) this.scheduler.clearTimeout(timer);
    this.#typing.clear();
  }
}
