import type { ReactiveControllerHost } from 'lit';
import type { MediumDescriptor } from '../protocol/medium.js';
import { renderComposer, renderStart } from './composer-view.js';
import { GwsChatError } from './gws-chat-error.js';
import type { InteractionController } from './interaction-controller.js';
import type { OperationsController, StartChatOptions } from './operations-controller.js';
import type { GwsChatStrings } from './strings.js';

/** The element side the composer needs. */
export interface ComposerHost extends ReactiveControllerHost {
  readonly url: string;
  readonly interactionId: string;
  readonly ended: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  startChat(options?: StartChatOptions): Promise<string>;
  endChat(): Promise<void>;
}

/**
 * The customer's controls: the draft and its keyboard (Enter sends, Shift+Enter starts a
 * new line), the too-long note, the end-chat confirmation with its focus moves, the start
 * button, and retrying a failed message. It has no lifecycle of its own: the element
 * renders it and it asks the element to update.
 */
export class ComposerController {
  #draft = '';
  #draftError = '';
  #confirmingEnd = false;

  constructor(
    private readonly host: ComposerHost,
    private readonly medium: MediumDescriptor,
    private readonly operations: OperationsController,
    private readonly interaction: InteractionController,
  ) {}

  render(s: GwsChatStrings) {
    const host = this.host;
    const ops = this.operations;
    if (!host.interactionId && this.medium.canStart && host.url) {
      return renderStart(s, ops.busy === 'starting', () => {
        host.startChat().then(
          () => this.#focus('input'),
          (e: unknown) => this.interaction.showError(e instanceof Error ? e.message : String(e)),
        );
      });
    }
    const blocked = ops.sendBlocked;
    const note = this.#draftError
      || (blocked === 'not-allowed' ? s.cannotSend : blocked === 'no-interaction' ? s.noChat : '');
    return renderComposer({
      draft: this.#draft,
      disabled: blocked !== null,
      note,
      noteIsError: this.#draftError !== '',
      canEnd: !host.ended && ops.can('Complete'),
      confirmingEnd: this.#confirmingEnd,
      ending: ops.busy === 'ending',
    }, s, {
      input: (e) => this.#onInput(e),
      keydown: (e) => this.#onKeydown(e),
      submit: (e) => {
        e.preventDefault();
        this.#submit();
      },
      askEnd: () => this.#askEnd(),
      confirmEnd: () => this.#confirmEnd(),
      cancelEnd: () => this.#cancelEnd(),
    });
  }

  /** Sends a failed message again; a new failure leaves it shown with its reason. */
  retry(key: string): void {
    this.operations.sender.retry(key).catch(() => {});
  }

  #set(change: { draft?: string; draftError?: string; confirmingEnd?: boolean }): void {
    if (change.draft !== undefined) this.#draft = change.draft;
    if (change.draftError !== undefined) this.#draftError = change.draftError;
    if (change.confirmingEnd !== undefined) this.#confirmingEnd = change.confirmingEnd;
    this.host.requestUpdate();
  }

  #onInput(e: InputEvent): void {
    const draft = (e.target as HTMLTextAreaElement).value;
    const invalid = this.operations.validate(draft);
    this.#set({ draft, draftError: invalid?.reason === 'too-long' ? invalid.message : '' });
    this.operations.draftChanged(draft);
  }

  #onKeydown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.#submit();
  }

  /** Sends the draft; the draft is cleared only once the message is on its way. */
  #submit(): void {
    const text = this.#draft;
    const invalid = this.operations.validate(text);
    if (invalid) {
      this.#set({ draftError: invalid.reason === 'too-long' ? invalid.message : '' });
      return;
    }
    const outbox = this.operations.sender.outbox;
    const before = outbox.items.length;
    const sending = this.operations.send(text);
    const queued = outbox.items.length > before;
    if (queued) {
      this.#set({ draft: '', draftError: '' });
      this.#focus('input');
    }
    sending.catch((e: unknown) => {
      // A queued message that failed stays visible with "Retry"; anything else keeps the draft.
      if (!queued && e instanceof GwsChatError && e.reason !== 'canceled') this.#set({ draftError: e.message });
    });
  }

  #askEnd(): void {
    this.#set({ confirmingEnd: true });
    this.#focus('confirm-button');
  }

  async #confirmEnd(): Promise<void> {
    try {
      await this.host.endChat();
      this.#set({ confirmingEnd: false });
      // The focused button is gone with the confirmation: keep the reader in the transcript.
      this.#focus('log');
    } catch (e) {
      // The confirmation stays so the customer can try again.
      this.interaction.showError(e instanceof Error ? e.message : String(e));
    }
  }

  #cancelEnd(): void {
    this.#set({ confirmingEnd: false });
    this.#focus('end-button');
  }

  async #focus(part: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(`[part="${part}"]`)?.focus();
  }
}
