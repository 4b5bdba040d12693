/**
 * The unread count in the page's title while the tab is hidden: `(2) Shop`. One title per
 * document, shared by every widget of the page (the panel's module is loaded once per page):
 * each widget says what it would show, and the title shows the sum over their chats (two
 * widgets following one chat count it once), so two widgets never write `(1) (1) Shop`.
 *
 * The page owns its title: what is restored is the title the page last set, and a title the
 * page changed while the count was shown (a single-page app moving on) is kept, not
 * overwritten with the old one.
 */

/** What each widget shows: its chat (endpoint) and its count (0: nothing). */
const shown = new Map<object, { readonly chat: string; readonly count: number }>();
/** The page's own title, while a count is shown in it. */
let own: string | null = null;
/** The title last written here: another one means the page set its own meanwhile. */
let written: string | null = null;

/** `widget` shows `count` (0: nothing) for the chat of endpoint `chat` in the title. */
export function showInTitle(widget: object, chat: string, count: number): void {
  if (count > 0) shown.set(widget, { chat, count });
  else shown.delete(widget);
  // Widgets of one chat count the same messages: the largest of their counts, once.
  const perChat = new Map<string, number>();
  for (const s of shown.values()) perChat.set(s.chat, Math.max(perChat.get(s.chat) ?? 0, s.count));
  let total = 0;
  for (const n of perChat.values()) total += n;
  if (own !== null && document.title !== written) own = document.title;
  if (total > 0) {
    own ??= document.title;
    document.title = written = `(${total}) ${own}`;
  } else if (own !== null) {
    document.title = own;
    own = written = null;
  }
}
