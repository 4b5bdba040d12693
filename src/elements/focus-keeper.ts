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
      // Still in the element (a disabled control the browser let keep it, or moved on purpose).
      if ((this.host.renderRoot as ShadowRoot).activeElement) return;
      // Somewhere else on the page: the customer went there.
      if (document.activeElement && document.activeElement !== document.body) return;
      this.fallback()?.focus({ preventScroll: true });
    });
  }
}

function usable(el: HTMLElement): boolean {
  return el.isConnected && !(el as HTMLElement & { disabled?: boolean }).disabled;
}
