/**
 * Waiting for the connection before something that needs it (starting a chat listens
 * before it asks, so the new chat's first notifications are not missed): settled when the
 * connection is up, failed when the session is disconnected or at the deadline, unless the
 * likely cause of the wait is on screen and being retried: then it waits on (told once).
 */
import type { Scheduler } from '../model/typing.js';
import { GwsChatError } from './gws-chat-error.js';

export interface ConnectionWaitOptions {
  readonly scheduler: Scheduler;
  /** The deadline of one wait, ms. */
  readonly timeout: () => number;
  /** Whether a known cause of the wait is on screen and retried (then the deadline moves on). */
  readonly explained: () => boolean;
}

export class ConnectionWait {
  readonly #waiters = new Set<(error?: Error) => void>();

  constructor(private readonly options: ConnectionWaitOptions) {}

  /** Resolves once `connected()` is called; rejects with a `transport` `GwsChatError`. */
  wait(): Promise<void> {
    const { scheduler, timeout, explained } = this.options;
    return new Promise((resolve, reject) => {
      const waiter = (error?: Error) => {
        scheduler.clearTimeout(timer);
        this.#waiters.delete(waiter);
        if (error) reject(new GwsChatError(error.message, 'transport', true));
        else resolve();
      };
      const expire = () => {
        if (explained()) timer = scheduler.setTimeout(expire, timeout());
        else waiter(new Error('Could not reach the chat server.'));
      };
      let timer = scheduler.setTimeout(expire, timeout());
      this.#waiters.add(waiter);
    });
  }

  /** The connection is up: every wait is over. */
  connected(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Every wait fails with `message` (the session was disconnected). */
  fail(message: string): void {
    for (const waiter of [...this.#waiters]) waiter(new Error(message));
  }
}
