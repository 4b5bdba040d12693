/**
 * `gws-chat/gws-chat-widget.js` on a server (the package's `node` condition: Next.js, Nuxt,
 * SvelteKit import modules there). There is no DOM, so nothing is defined; the widget's
 * class is a stand-in, and the browser gets the real one. (The loader itself stays free of
 * any guard: every byte of it is paid by every page.)
 */
const ServerStandIn = class {};
export { ServerStandIn as GwsChatWidget };
