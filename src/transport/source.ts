/**
 * What a source of notifications is, as its users see it: the types the CometD connection,
 * the tab group and a test's fake source share (no code; imported by both sides of the
 * transport, so neither imports the other for them).
 */
import type { ConnectionProblem } from './cross-origin.js';

/** Connection states an element reports. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** What a subscriber of a topic is told. */
export interface TopicObserver {
  /** A raw notification of the topic (untrusted: parse before use). */
  notification(message: unknown): void;
  /**
   * The connection state as it concerns this topic (`connected` once subscribed), and
   * while (re)connecting, when the next attempt runs (epoch ms) if one is scheduled, and the
   * likely cause of the server not answering, when one can be told (else `null`; a source
   * that cannot tell may leave it out).
   */
  state(state: ConnectionState, retryAt: number | null, problem?: ConnectionProblem | null): void;
  /**
   * A transport failure worth telling the user or host about. A server that does not answer
   * for a known likely cause (`ConnectionProblem`) is told once per run of failed attempts:
   * again only after the connection had succeeded in between.
   */
  error(message: string): void;
}

/** The small interface elements depend on; a test or another transport can supply its own. */
export interface NotificationSource {
  /** Starts delivering the topic's notifications to the observer; returns the way to stop. */
  subscribe(topic: string, observer: TopicObserver): () => void;
  /** Tries to reconnect at once instead of waiting for the scheduled attempt. */
  reconnectNow(): void;
}
