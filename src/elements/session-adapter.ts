import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';

/** The `gws-*` events a session fires and its element re-dispatches. */
export const SESSION_EVENTS = [
  'gws-message', 'gws-typing', 'gws-state-change', 'gws-participants-change', 'gws-properties-change',
  'gws-capabilities-change', 'gws-connection-change', 'gws-error', 'gws-before-send', 'gws-send', 'gws-chat-started',
] as const;

/**
 * Follows a `ChatSession` for its element: connects it while the element is on the page,
 * re-renders on every change, and re-dispatches its `gws-*` events from the element (a
 * host's `preventDefault()` on a cancelable one reaches the session).
 */
export class SessionAdapter implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    readonly session: ChatSession,
    /** Told of every change, before the re-render is requested. */
    private readonly onChange: () => void = () => {},
  ) {
    host.addController(this);
    session.addEventListener('change', () => {
      this.onChange();
      this.host.requestUpdate();
    });
    for (const type of SESSION_EVENTS) {
      session.addEventListener(type, (e) => {
        const event = e as CustomEvent<unknown>;
        const again = new CustomEvent(type, {
          detail: event.detail, bubbles: true, composed: true, cancelable: event.cancelable,
        });
        if (!this.host.dispatchEvent(again)) event.preventDefault();
      });
    }
  }

  hostConnected(): void {
    this.session.connect();
  }

  hostDisconnected(): void {
    this.session.disconnect();
  }
}
