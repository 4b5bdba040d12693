/**
 * A session's one subscription to its topic: subscribes anew before leaving the old one
 * (so a shared connection survives a re-subscription), and passes on only what the current
 * subscription hears: a late notification of an old one is dropped.
 */
import type { ConnectionProblem } from '../transport/cross-origin.js';
import type { ConnectionState, NotificationSource } from '../transport/source.js';

/** What the subscriber is told, by the current subscription only. */
export interface SubscriptionEvents {
  notification(raw: unknown): void;
  state(state: ConnectionState, retryAt: number | null, problem: ConnectionProblem | null): void;
  error(message: string): void;
}

export class Subscription {
  #stop: (() => void) | null = null;
  #generation = 0;

  constructor(private readonly events: SubscriptionEvents) {}

  /** Whether a subscription is open. */
  get open(): boolean {
    return this.#stop !== null;
  }

  /** Subscribes to `topic` of `source` (leaving any earlier subscription after). */
  subscribe(source: NotificationSource, topic: string): void {
    const previous = this.#stop;
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    this.#stop = source.subscribe(topic, {
      notification: (raw) => current() && this.events.notification(raw),
      state: (state, retryAt, problem = null) => current() && this.events.state(state, retryAt, problem),
      error: (message) => current() && this.events.error(message),
    });
    previous?.();
  }

  /** Leaves the subscription; nothing it hears later is passed on. */
  unsubscribe(): void {
    this.#generation++;
    const stop = this.#stop;
    this.#stop = null;
    stop?.();
  }
}
