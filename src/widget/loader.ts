/** The entry of the classic script `dist/gws-chat-widget.js`: registers `<gws-chat-widget>`, exports nothing. */
import '../gws-chat-widget.js';
