import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The element side the keeper needs. */
export interface FocusKeeperHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}

/**
 * Keeps the keyboard focus in the element when the control that had it goes away or is
 * disabled by a render the customer did not ask for (the connection came back and took
 * "Reconnect now", the chat ended and disabled the input, the reader reached the newest
 * messages and the "new messages" button went): the focus moves to `fallback` (the log)
 * rather than being lost to the page. Focus that is still usable is never moved.
 */
export class FocusKeeper implements ReactiveController {
  #focused: HTMLElement | null = null;

  constructor(
    private readonly host: FocusKeeperHost,
    private readonly fallback: () => HTMLElement | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const root = this.host.renderRoot;
    this.#focused = root instanceof ShadowRoot ? (root.activeElement as HTMLElement | null) : null;
  }

  hostUpdated(): void {
    const was = this.#focused;
    this.#focused = null;
    if (!was || usable(was)) return;
    // Checked after the moves the element makes itself once rendered (ComposerController.focus).
    void this.host.updateComplete.then(() => {
      // Moved on purpose, within the element (the composer focusing what replaced it).
      const inside = (this.host.renderRoot as ShadowRoot).activeElement;
      if (inside && inside !== was) return;
      // Somewhere else on the page: the customer went there. (A disabled control may still
      // hold it now; the browser takes it away at its next rendering, to the page's body.)
      const active = document.activeElement;
      if (active && active !== document.body && active !== this.host as unknown) return;
      this.fallback()?.focus({ preventScroll: true });
    });
  }
}

function usable(el: HTMLElement): boolean {
  return el.isConnected && !(el as HTMLElement & { disabled?: boolean }).disabled;
}
