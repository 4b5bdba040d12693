import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { GWS_EVENT_NAMES } from '../events.js';
import type { ChatSession } from '../session/chat-session.js';

/** The `gws-*` events a session fires and its element re-dispatches. */
export const SESSION_EVENTS = GWS_EVENT_NAMES;

/**
 * Follows a `ChatSession` for its element: connects it while the element is on the page,
 * re-renders on every change, and re-dispatches its `gws-*` events from the element (a
 * host's `preventDefault()` on a cancelable one reaches the session).
 */
export class SessionAdapter implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & EventTarget & { readonly isConnected: boolean },
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
    // An element moved in the page is removed and added back at once: keep its connection.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.session.disconnect();
    });
  }
}
