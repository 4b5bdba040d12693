/**
 * Getting the visitor's attention for the agent's messages they have not seen (part of the
 * panel, loaded with the chat; a page with unseen messages has a remembered chat, which is
 * loaded at once). Counts the agent's messages that arrive while the panel is closed or the
 * tab hidden; shows the count on the launcher (part `badge`), says it politely to screen
 * readers (and describes the launcher with it); shows it in the page's title while the tab
 * is hidden (restored after); plays a short chime when the host asked for `sound` (never
 * while the visitor looks at the chat); fires `gws-unread-change`. Looking again (the panel
 * open in a visible tab) clears it. The count survives the next page of the site.
 */
import type { GwsWidgetPanelStrings } from '../i18n/widget/panel.js';
import type { GwsUnreadChangeDetail } from './widget-events.js';
import type { PanelHost } from './panel-contract.js';
import { showInTitle } from './page-title.js';
import { keepSeen, keepUnread, seenIndex, unreadCount } from './widget-memory.js';

export class Attention {
  #count: number;
  #audio: AudioContext | undefined;
  readonly #badge = document.createElement('span');
  readonly #said = document.createElement('span');

  constructor(private readonly host: PanelHost, private strings: GwsWidgetPanelStrings) {
    this.#count = unreadCount(this.#url);
    this.#badge.setAttribute('part', 'badge');
    this.#badge.className = 'n';
    this.#badge.setAttribute('aria-hidden', 'true');
    // A polite live region: the launcher is described by it, and a new count is spoken.
    this.#said.id = 'unread';
    this.#said.className = 'sr';
    this.#said.setAttribute('role', 'status');
    // Beside the launcher, over its corner (not inside: its name stays its own).
    host.root.append(this.#badge, this.#said);
    host.launcher.setAttribute('aria-describedby', 'unread');
    host.chat.addEventListener('gws-message', (e) => {
      const m = e.detail.message;
      if (!this.#away()) this.#saw(m.index);
      // What the visitor saw already (in another tab: this one reads the chat's history) is not news.
      if (m.own || !m.from || (m.type !== 'Text' && m.type !== 'PushUrl') || !this.#away()
        || m.index <= seenIndex(this.#url, host.chat.interactionId)) return;
      this.#set(this.#count + 1);
      if (host.widget.hasAttribute('sound')) this.#chime();
    });
    const look = () => {
      if (!this.#away()) {
        this.#set(0);
        this.#saw();
      }
      // A widget taken out of the page leaves the title as the page had it.
      this.#showTitle(document.visibilityState === 'hidden' && this.#count > 0 && host.widget.isConnected);
    };
    document.addEventListener('visibilitychange', look);
    new MutationObserver(look).observe(host.widget, { attributeFilter: ['opened'] });
    this.#draw();
    look();
  }

  get count(): number {
    return this.#count;
  }

  get #url(): string {
    return this.host.widget.getAttribute('url') ?? '';
  }

  relabel(strings: GwsWidgetPanelStrings): void {
    this.strings = strings;
    this.#draw();
  }

  /** The visitor sees the chat as it is now: up to its last entry (for every tab). */
  #saw(index = -1): void {
    const { interactionId, messages } = this.host.chat;
    const last = Math.max(index, ...messages.map((m) => m.index));
    if (interactionId && last >= 0) keepSeen(this.#url, interactionId, last);
  }

  /** Whether the visitor is not looking at the chat: the panel is closed or the tab hidden. */
  #away(): boolean {
    return !this.host.widget.opened || document.visibilityState === 'hidden';
  }

  #set(count: number): void {
    if (count === this.#count) return;
    this.#count = count;
    keepUnread(this.#url, count);
    this.#draw();
    this.#showTitle(document.visibilityState === 'hidden' && count > 0);
    this.host.widget.dispatchEvent(new CustomEvent<GwsUnreadChangeDetail>('gws-unread-change', {
      bubbles: true, composed: true, detail: { count },
    }));
  }

  #draw(): void {
    this.#badge.textContent = String(this.#count);
    this.#badge.hidden = !this.#count;
    this.#said.textContent = this.#count ? this.strings.unread.replace('#', String(this.#count)) : '';
  }

  /** The count in the page's title, or not (shared with the page's other widgets: `page-title.ts`). */
  #showTitle(show: boolean): void {
    showInTitle(this, this.#url, show ? this.#count : 0);
  }

  /** A short, soft two-note chime made with Web Audio (no file to load). */
  #chime(): void {
    try {
      const ctx = (this.#audio ??= new AudioContext());
      void ctx.resume();
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0.08, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
      for (const [f, at] of [[660, 0], [880, 0.12]] as const) {
        const osc = ctx.createOscillator();
        osc.frequency.value = f;
        osc.connect(gain);
        osc.start(ctx.currentTime + at);
        osc.stop(ctx.currentTime + 0.4);
      }
    } catch {
      // No audio here: the badge and the announcement still say it.
    }
  }
}
