/**
 * What the loader (`gws-chat-widget.ts`) and the panel (`panel.ts`, its own file, loaded
 * with the chat) know of each other: types only, so neither bundles the other.
 */
import type { GwsChat } from '../elements/gws-chat.js';
import type { WidgetLanguage } from '../i18n/widget/launcher.js';

/** What the loader gives the panel when the chat has loaded. */
export interface PanelHost {
  /** The widget element (`opened`, its attributes: `nickname`, `prechat-fields`, `sound`, `url`, read when they are needed and followed). */
  readonly widget: HTMLElement & { readonly opened: boolean };
  /** The launcher button (the panel describes it with the unread count). */
  readonly launcher: HTMLButtonElement;
  /** The widget's shadow root (the panel adopts its own styles there). */
  readonly root: ShadowRoot;
  /** Where the panel draws, under the panel's title. */
  readonly body: HTMLElement;
  /** The chat the widget holds. */
  readonly chat: GwsChat;
  /** The visitor's language. */
  readonly lang: WidgetLanguage;
}

/** What the loader asks of the panel. */
export interface Panel {
  /** Moves focus to what the visitor uses first: the form's first field, or the message input. */
  focus(): void;
  /** The agent's messages not seen yet (see `Attention`). */
  readonly unread: number;
  /** The language changed: draw the texts again. */
  relabel(lang: WidgetLanguage): void;
}

/** The panel module's one export. */
export type MountPanel = (host: PanelHost) => Panel;
