// Fakes of the engine's two ways out, for pure tests of ChatSession (no server, no
// element): a notification source the test drives by hand, and an operation sender that
// records every request and lets the test answer it, fail it, or leave it unanswered.
import type { ConnectionState, NotificationSource, TopicObserver } from '../../src/transport/connection.js';
import { OperationError, type OperationResult, type OperationSender } from '../../src/transport/rest.js';

/** One `subscribe()` call on a `FakeSource`. */
export interface FakeSubscription {
  readonly topic: string;
  readonly observer: TopicObserver;
  /** Whether its stop function was called. */
  stopped: boolean;
}

/** A `NotificationSource` driven by the test: it says the connection state and pushes notifications. */
export class FakeSource implements NotificationSource {
  /** Every subscription, in order (stopped ones included). */
  readonly subscriptions: FakeSubscription[] = [];
  /** How many times `reconnectNow()` was called. */
  reconnects = 0;

  subscribe(topic: string, observer: TopicObserver): () => void {
    const subscription: FakeSubscription = { topic, observer, stopped: false };
    this.subscriptions.push(subscription);
    return () => {
      subscription.stopped = true;
    };
  }

  reconnectNow(): void {
    this.reconnects++;
  }

  /** The subscriptions not stopped. */
  get active(): FakeSubscription[] {
    return this.subscriptions.filter((s) => !s.stopped);
  }

  /** Tells every live subscriber the connection state. */
  state(state: ConnectionState, retryAt: number | null = null): void {
    for (const s of this.active) s.observer.state(state, retryAt);
  }

  /** Delivers `{ data }` to every live subscriber, as CometD does. */
  push(data: unknown): void {
    for (const s of this.active) s.observer.notification({ channel: s.topic, data });
  }

  /** Delivers a whole raw CometD message (possibly malformed) to every live subscriber. */
  pushRaw(raw: unknown): void {
    for (const s of this.active) s.observer.notification(raw);
  }

  /** Reports a transport failure to every live subscriber. */
  error(message: string): void {
    for (const s of this.active) s.observer.error(message);
  }
}

/** One request made through a `FakeSender`. */
export interface FakeRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** The POSTed body (`undefined` for a GET). */
  readonly body: Readonly<Record<string, unknown>> | undefined;
  readonly signal: AbortSignal | undefined;
  /** Whether it was answered, failed, or aborted. */
  readonly settled: boolean;
  /** Answers it (`statusCode` 0 plus `extra`). */
  answer(extra?: Record<string, unknown>): void;
  /** Fails it. */
  fail(error: unknown): void;
}

/**
 * An `OperationSender` whose requests the test settles by hand. A request left
 * unanswered honours its `AbortSignal` as `RestClient` does: a deadline fails it as
 * `timeout`, any other abort as `aborted`.
 */
export class FakeSender implements OperationSender {
  readonly requests: FakeRequest[] = [];
  /** The options of every sender the session asked for. */
  readonly created: Array<{ contactCenterId: string; csrfUrl: string }> = [];

  /** The factory to pass as `ChatSessionOptions.sender`. */
  readonly factory = (options: { contactCenterId: string; csrfUrl: string }): OperationSender => {
    this.created.push(options);
    return this;
  };

  post(url: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<OperationResult> {
    return this.#request('POST', url, body, signal);
  }

  get(url: string, signal?: AbortSignal): Promise<OperationResult> {
    return this.#request('GET', url, undefined, signal);
  }

  /** The log reads (`GET …/messages`), in order. */
  get gets(): FakeRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && /\/messages(\?|$)/.test(r.url));
  }

  /** The reads of an interaction's resource (its state: `GET …/chats/{id}`), in order. */
  get stateReads(): FakeRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && !/\/messages(\?|$)/.test(r.url));
  }

  /** The POSTs of one operation (or all), in order. */
  posts(operationName?: string): FakeRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && (!operationName || r.body?.['operationName'] === operationName));
  }

  /** The requests not yet settled. */
  get open(): FakeRequest[] {
    return this.requests.filter((r) => !r.settled);
  }

  #request(method: 'GET' | 'POST', url: string, body: Readonly<Record<string, unknown>> | undefined, signal?: AbortSignal) {
    return new Promise<OperationResult>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => settle(() => {
        const reason: unknown = signal?.reason;
        reject(reason instanceof Error && reason.name === 'DeadlineExceeded'
          ? new OperationError(reason.message, 'timeout')
          : new OperationError('The request was canceled.', 'aborted'));
      });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort);
      this.requests.push({
        method, url, body, signal,
        get settled() {
          return settled;
        },
        answer: (extra = {}) => settle(() => resolve({ ...extra, statusCode: 0 } as OperationResult)),
        fail: (error) => settle(() => reject(error)),
      });
    });
  }
}
